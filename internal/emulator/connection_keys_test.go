package emulator

import (
	"crypto/sha1" //nolint:gosec // checks Auth0's SHA-1 fingerprints
	"crypto/x509"
	"encoding/hex"
	"encoding/pem"
	"net/http"
	"strings"
	"testing"
	"time"
)

// oidcKeysConnection is an oidc connection like the recorded ones
// (TestAccConnectionDataKeys.yaml): auth selects its client authentication.
func oidcKeysConnection(name, auth string) map[string]any {
	opts := map[string]any{
		"client_id": "keys-client", "issuer": "https://example.com", "jwks_uri": "https://example.com/jwks",
		"authorization_endpoint": "https://example.com/authorize", "token_endpoint": "https://example.com/token",
		"type": "front_channel", "token_endpoint_auth_method": auth,
	}
	if auth == "private_key_jwt" {
		opts["token_endpoint_auth_signing_alg"] = "RS256"
	} else {
		opts["client_secret"] = "keys-secret"
	}
	return map[string]any{"name": name, "strategy": "oidc", "options": opts}
}

// keyList is the answer to GET /keys.
func (h *harness) keyList(id string) []map[string]any {
	h.t.Helper()
	resp := h.do(http.MethodGet, "/api/v2/connections/"+id+"/keys", nil)
	if resp.status != http.StatusOK {
		h.t.Fatalf("GET keys: status %d, body %s", resp.status, resp.body)
	}
	list, ok := resp.json(h.t).([]any)
	if !ok {
		h.t.Fatalf("GET keys: not a list: %s", resp.body)
	}
	out := make([]map[string]any, len(list))
	for i, item := range list {
		out[i], _ = item.(map[string]any)
	}
	return out
}

func roles(keys []map[string]any) string {
	var out []string
	for _, k := range keys {
		for _, r := range []string{"current", "previous", "next"} {
			if k[r] == true {
				out = append(out, r)
			}
		}
	}
	return strings.Join(out, ",")
}

func kids(keys []map[string]any) []string {
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i], _ = k["kid"].(string)
	}
	return out
}

// checkKey checks that a key's certificate is real and that the fields
// derived from it agree with it.
func checkKey(t *testing.T, k map[string]any, name, alg string) {
	t.Helper()
	certPEM, _ := k["cert"].(string)
	if !strings.HasSuffix(certPEM, "-----END CERTIFICATE-----\r\n") || !strings.Contains(certPEM, "\r\n") {
		t.Errorf("cert does not end in CRLF PEM: %q", certPEM)
	}
	block, _ := pem.Decode([]byte(certPEM))
	if block == nil {
		t.Fatalf("cert is not PEM: %q", certPEM)
	}
	cert, err := x509.ParseCertificate(block.Bytes)
	if err != nil {
		t.Fatalf("cert: %v", err)
	}
	if cert.Subject.CommonName != name || k["subject_dn"] != "/CN="+name {
		t.Errorf("subject %q, subject_dn %v, want CN %s", cert.Subject.CommonName, k["subject_dn"], name)
	}
	if err := cert.CheckSignatureFrom(cert); err != nil {
		t.Errorf("cert is not self-signed: %v", err)
	}
	if d := cert.NotAfter.Sub(cert.NotBefore); d < 364*24*time.Hour || d > 367*24*time.Hour {
		t.Errorf("cert valid for %v, want a year", d)
	}
	sum := sha1.Sum(block.Bytes) //nolint:gosec // what Auth0 shows
	thumb := strings.ToUpper(hex.EncodeToString(sum[:]))
	fingerprint, _ := k["fingerprint"].(string)
	if k["thumbprint"] != thumb || strings.ReplaceAll(fingerprint, ":", "") != thumb || len(fingerprint) != 59 {
		t.Errorf("thumbprint %v, fingerprint %v, want the SHA-1 %s of the cert", k["thumbprint"], k["fingerprint"], thumb)
	}
	if kid, _ := k["kid"].(string); len(kid) != 43 || strings.ContainsAny(kid, "+/=") {
		t.Errorf("kid %q is not 43 base64url characters", kid)
	}
	pkcs, _ := k["pkcs"].(string)
	p7, _ := pem.Decode([]byte(pkcs))
	if p7 == nil || p7.Type != "PKCS7" || !strings.Contains(string(p7.Bytes), string(block.Bytes)) {
		t.Errorf("pkcs is not a PKCS7 holding the cert")
	}
	if k["algorithm"] != alg || k["key_use"] != "signing" {
		t.Errorf("algorithm %v, key_use %v, want %s, signing", k["algorithm"], k["key_use"], alg)
	}
}

func TestConnectionKeysOfAJWTConnectionAndRotation(t *testing.T) {
	now := time.Date(2026, 1, 28, 3, 55, 29, 314e6, time.UTC)
	h := newHarnessAt(t, Config{}, func() time.Time { return now })
	id := h.createID(oidcKeysConnection("OIDC-Keys", "private_key_jwt"))

	keys := h.keyList(id)
	if roles(keys) != "current,next" {
		t.Fatalf("roles %q, want current,next: %v", roles(keys), keys)
	}
	for _, k := range keys {
		checkKey(t, k, "OIDC-Keys", "RS256")
	}
	if keys[0]["current_since"] != "2026-01-28T03:55:29.314Z" || keys[1]["current_since"] != nil {
		t.Errorf("current_since %v / %v", keys[0]["current_since"], keys[1]["current_since"])
	}
	if again := h.keyList(id); strings.Join(kids(again), " ") != strings.Join(kids(keys), " ") {
		t.Errorf("keys changed between reads: %v, then %v", kids(keys), kids(again))
	}
	if resp := h.do(http.MethodPost, "/api/v2/connections/"+id+"/keys", nil); resp.status != http.StatusConflict {
		t.Errorf("POST /keys on a connection with keys: %d %s, want 409", resp.status, resp.body)
	}

	now = now.Add(time.Hour)
	resp := h.do(http.MethodPost, "/api/v2/connections/"+id+"/keys/rotate", "")
	if resp.status != http.StatusCreated {
		t.Fatalf("rotate: %d %s", resp.status, resp.body)
	}
	fresh := resp.object(t)
	if fresh["next"] != true || fresh["current"] != nil || fresh["current_since"] != nil {
		t.Errorf("rotate answered %v, want the new next key", fresh)
	}
	checkKey(t, fresh, "OIDC-Keys", "RS256")
	rotated := h.keyList(id)
	if roles(rotated) != "current,previous,next" {
		t.Fatalf("after rotation roles %q", roles(rotated))
	}
	want := []string{kids(keys)[1], kids(keys)[0], get[string](t, fresh, "kid")}
	if strings.Join(kids(rotated), " ") != strings.Join(want, " ") {
		t.Errorf("after rotation %v, want next→current, current→previous, new next %v", kids(rotated), want)
	}
	// As recorded, the promoted key keeps the time it was made.
	if rotated[0]["current_since"] != "2026-01-28T03:55:29.314Z" {
		t.Errorf("current_since after rotation %v", rotated[0]["current_since"])
	}

	resp = h.do(http.MethodPost, "/api/v2/connections/"+id+"/keys/rotate", map[string]any{"signing_alg": "ES256"})
	if resp.status != http.StatusCreated {
		t.Fatalf("second rotation: %d %s", resp.status, resp.body)
	}
	checkKey(t, resp.object(t), "OIDC-Keys", "ES256")
	twice := h.keyList(id)
	if len(twice) != 3 || twice[1]["kid"] != want[0] || twice[0]["kid"] != want[2] {
		t.Errorf("after a second rotation %v: the old previous should be gone", kids(twice))
	}

	if resp := h.do(http.MethodPost, "/api/v2/connections/"+id+"/keys/rotate", map[string]any{"signing_alg": "HS256"}); resp.status != http.StatusBadRequest ||
		!strings.Contains(string(resp.body), "on property signing_alg (Selected Signing Algorithm)") {
		t.Errorf("rotate with HS256: %d %s", resp.status, resp.body)
	}
}

func TestConnectionKeysProvisionedForAClientSecretConnection(t *testing.T) {
	h := newHarness(t)
	id := h.createID(oidcKeysConnection("OIDC-Secret", "client_secret_post"))
	if keys := h.keyList(id); len(keys) != 0 {
		t.Fatalf("a client secret connection has keys: %v", keys)
	}
	resp := h.do(http.MethodPost, "/api/v2/connections/"+id+"/keys/rotate", nil)
	if resp.status != http.StatusBadRequest || !strings.Contains(string(resp.body), "not configured to use JWT Client Authentication") {
		t.Errorf("rotate without keys: %d %s", resp.status, resp.body)
	}
	resp = h.do(http.MethodPost, "/api/v2/connections/"+id+"/keys", map[string]any{"signing_alg": "ES384"})
	if resp.status != http.StatusCreated {
		t.Fatalf("POST /keys: %d %s", resp.status, resp.body)
	}
	created, _ := resp.json(t).([]any)
	if len(created) != 2 {
		t.Fatalf("POST /keys answered %s", resp.body)
	}
	keys := h.keyList(id)
	if roles(keys) != "current,next" {
		t.Fatalf("roles %q", roles(keys))
	}
	for _, k := range keys {
		checkKey(t, k, "OIDC-Secret", "ES384")
	}
	if get[string](t, created, 0, "kid") != keys[0]["kid"] {
		t.Errorf("POST /keys answered other keys than GET lists")
	}
	if resp := h.do(http.MethodPost, "/api/v2/connections/"+id+"/keys", nil); resp.status != http.StatusConflict {
		t.Errorf("second POST /keys: %d %s, want 409", resp.status, resp.body)
	}
	if resp := h.do(http.MethodPost, "/api/v2/connections/"+id+"/keys", map[string]any{"other": 1}); resp.status != http.StatusBadRequest {
		t.Errorf("POST /keys with an unknown property: %d %s, want 400", resp.status, resp.body)
	}
	if resp := h.do(http.MethodPost, "/api/v2/connections/"+id+"/keys/rotate", nil); resp.status != http.StatusCreated {
		t.Errorf("rotating provisioned keys: %d %s", resp.status, resp.body)
	}
}

func TestConnectionKeysStrategiesAndErrors(t *testing.T) {
	h := newHarness(t)
	db := h.createID(map[string]any{"name": "keys-db", "strategy": "auth0"})
	for _, tc := range []struct{ method, path, message string }{
		{http.MethodGet, "/keys", "keys are not available for this connection"},
		{http.MethodPost, "/keys", "keys are not available for this connection"},
		{http.MethodPost, "/keys/rotate", "Key rotation is not supported on this connection"},
	} {
		resp := h.do(tc.method, "/api/v2/connections/"+db+tc.path, nil)
		if resp.status != http.StatusBadRequest || get[string](t, resp.json(t), "message") != tc.message {
			t.Errorf("%s %s of an auth0 connection: %d %s", tc.method, tc.path, resp.status, resp.body)
		}
		resp = h.do(tc.method, "/api/v2/connections/con_0000000000000000"+tc.path, nil)
		if resp.status != http.StatusNotFound || get[string](t, resp.json(t), "errorCode") != "inexistent_connection" {
			t.Errorf("%s %s of no connection: %d %s", tc.method, tc.path, resp.status, resp.body)
		}
	}

	okta := h.createID(map[string]any{"name": "keys-okta", "strategy": "okta", "options": map[string]any{
		"client_id": "c", "domain": "domain.okta.com", "token_endpoint_auth_method": "private_key_jwt",
	}})
	if keys := h.keyList(okta); roles(keys) != "current,next" {
		t.Errorf("okta keys %q", roles(keys))
	}

	h.token = h.emu.IssueTokenWithScopes(ScopeCreateConnectionsKeys)
	resp := h.do(http.MethodPost, "/api/v2/connections/"+okta+"/keys/rotate", nil)
	if resp.status != http.StatusForbidden || get[string](t, resp.json(t), "message") !=
		"Insufficient scope, expected all of: create:connections_keys, update:connections_keys" {
		t.Errorf("rotate without update:connections_keys: %d %s", resp.status, resp.body)
	}
	if resp := h.do(http.MethodGet, "/api/v2/connections/"+okta+"/keys", nil); resp.status != http.StatusForbidden {
		t.Errorf("GET keys without read:connections_keys: %d %s", resp.status, resp.body)
	}
	h.token = h.emu.IssueTokenWithScopes(ScopeReadConnectionsKeys, ScopeUpdateConnectionsKeys)
	if resp := h.do(http.MethodPost, "/api/v2/connections/"+okta+"/keys/rotate", nil); resp.status != http.StatusForbidden {
		t.Errorf("rotate without create:connections_keys: %d %s", resp.status, resp.body)
	}
}

// Concurrent writes of one connection's keys stay consistent: one POST
// /keys provisions, the others meet 409; concurrent rotations each rotate.
func TestConnectionKeysConcurrentWrites(t *testing.T) {
	h := newHarness(t)
	id := h.createID(oidcKeysConnection("OIDC-Race", "client_secret_post"))
	const n = 4
	statuses := make(chan int, n)
	for range n {
		go func() {
			resp, err := h.request(http.MethodPost, "/api/v2/connections/"+id+"/keys", nil, "Bearer "+h.token)
			if err != nil {
				statuses <- 0
				return
			}
			statuses <- resp.status
		}()
	}
	created := 0
	for range n {
		switch s := <-statuses; s {
		case http.StatusCreated:
			created++
		case http.StatusConflict:
		default:
			t.Errorf("concurrent POST /keys: status %d", s)
		}
	}
	if created != 1 {
		t.Errorf("%d concurrent POST /keys provisioned keys, want exactly one", created)
	}
	for range n {
		go func() {
			resp, err := h.request(http.MethodPost, "/api/v2/connections/"+id+"/keys/rotate", nil, "Bearer "+h.token)
			if err != nil {
				statuses <- 0
				return
			}
			statuses <- resp.status
		}()
	}
	for range n {
		if s := <-statuses; s != http.StatusCreated {
			t.Errorf("concurrent rotation: status %d", s)
		}
	}
	if keys := h.keyList(id); roles(keys) != "current,previous,next" {
		t.Errorf("after concurrent rotations: roles %q", roles(keys))
	}
}
