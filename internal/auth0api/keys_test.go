package auth0api

import (
	"context"
	"io"
	"net/http"
	"testing"
)

func TestConnectionKeysCalls(t *testing.T) {
	const id = "con_0123456789abcdef"
	bodies := map[string]string{}
	record := func(status int, answer string) func(http.ResponseWriter, *http.Request, int) {
		return func(w http.ResponseWriter, r *http.Request, _ int) {
			raw, _ := io.ReadAll(r.Body)
			bodies[r.Method+" "+r.URL.EscapedPath()] = string(raw)
			writeJSON(w, status, answer)
		}
	}
	// Shapes as in TestAccConnectionRotateDataKeys.yaml.
	list := `[{"kid":"k1","algorithm":"RS256","key_use":"signing","subject_dn":"/CN=c","cert":"C1","pkcs":"P1","fingerprint":"AA:BB","thumbprint":"AABB","current":true,"current_since":"2026-01-28T03:55:45.978Z"},` +
		`{"kid":"k2","algorithm":"RS256","key_use":"signing","subject_dn":"/CN=c","cert":"C2","pkcs":"P2","fingerprint":"CC:DD","thumbprint":"CCDD","next":true}]`
	f, c := newFake(t, map[string]func(http.ResponseWriter, *http.Request, int){
		"GET /api/v2/connections/" + id + "/keys":         record(http.StatusOK, list),
		"POST /api/v2/connections/" + id + "/keys":        record(http.StatusCreated, list),
		"POST /api/v2/connections/" + id + "/keys/rotate": record(http.StatusCreated, `{"kid":"k3","cert":"C3","fingerprint":"EE","thumbprint":"EE","next":true}`),
		"GET /api/v2/connections/con_gone/keys":           record(http.StatusNotFound, `{"statusCode":404,"error":"Not Found","message":"The connection does not exist","errorCode":"inexistent_connection"}`),
	})
	ctx := context.Background()

	keys, err := c.ConnectionKeys(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	want := ConnectionKey{Kid: "k1", Algorithm: "RS256", KeyUse: "signing", SubjectDN: "/CN=c", Cert: "C1", PKCS: "P1",
		Fingerprint: "AA:BB", Thumbprint: "AABB", Current: true, CurrentSince: "2026-01-28T03:55:45.978Z"}
	if len(keys) != 2 || keys[0] != want || !keys[1].Next || keys[1].Current {
		t.Fatalf("ConnectionKeys = %+v", keys)
	}

	if _, err := c.CreateConnectionKeys(ctx, id, ""); err != nil {
		t.Fatal(err)
	}
	if got := bodies["POST /api/v2/connections/"+id+"/keys"]; got != "" {
		t.Errorf("POST /keys without an algorithm sent %q, want no body", got)
	}
	if _, err := c.CreateConnectionKeys(ctx, id, "ES256"); err != nil {
		t.Fatal(err)
	}
	if got := bodies["POST /api/v2/connections/"+id+"/keys"]; got != `{"signing_alg":"ES256"}`+"\n" && got != `{"signing_alg":"ES256"}` {
		t.Errorf("POST /keys sent %q", got)
	}

	key, err := c.RotateConnectionKeys(ctx, id, "")
	if err != nil {
		t.Fatal(err)
	}
	if key.Kid != "k3" || !key.Next {
		t.Errorf("RotateConnectionKeys = %+v", key)
	}
	if got := bodies["POST /api/v2/connections/"+id+"/keys/rotate"]; got != "" {
		t.Errorf("rotation without an algorithm sent %q, want no body (as recorded)", got)
	}
	if _, err := c.RotateConnectionKeys(ctx, id, "RS512"); err != nil {
		t.Fatal(err)
	}
	if got := bodies["POST /api/v2/connections/"+id+"/keys/rotate"]; got != `{"signing_alg":"RS512"}`+"\n" && got != `{"signing_alg":"RS512"}` {
		t.Errorf("rotation sent %q", got)
	}
	for _, key := range []string{"GET /api/v2/connections/" + id + "/keys", "POST /api/v2/connections/" + id + "/keys/rotate"} {
		if f.count(key) == 0 {
			t.Errorf("%s was not sent as literal segments", key)
		}
	}

	if _, err := c.ConnectionKeys(ctx, "con_gone"); !IsNotFound(err) {
		t.Errorf("keys of a deleted connection: %v, want a 404", err)
	}
}

// A rotation whose answer is lost is not sent again: it may have happened,
// and a second one would discard a key.
func TestRotateConnectionKeysIsNotRetriedAfterALostAnswer(t *testing.T) {
	const id = "con_0123456789abcdef"
	f, c := newFake(t, map[string]func(http.ResponseWriter, *http.Request, int){
		"POST /api/v2/connections/" + id + "/keys/rotate": func(w http.ResponseWriter, _ *http.Request, _ int) {
			writeJSON(w, http.StatusBadGateway, `{}`)
		},
	})
	if _, err := c.RotateConnectionKeys(context.Background(), id, ""); err == nil {
		t.Fatal("a 502 rotation succeeded")
	}
	if n := f.count("POST /api/v2/connections/" + id + "/keys/rotate"); n != 1 {
		t.Errorf("rotation sent %d times, want once", n)
	}
}
