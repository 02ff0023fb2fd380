package emulator

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"
)

func TestToken(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	audience := h.srv.URL + "/api/v2/"
	form := func(id, secret, aud string) string {
		return url.Values{"grant_type": {"client_credentials"}, "client_id": {id}, "client_secret": {secret}, "audience": {aud}}.Encode()
	}
	jsonBody := func(fields map[string]string) string {
		raw, _ := json.Marshal(fields)
		return string(raw)
	}
	tests := []struct {
		name        string
		contentType string
		body        string
		basic       bool // send the test credentials as x/oauth2 does: URL-encoded, in Basic auth
		wantStatus  int
		wantError   string
	}{
		{name: "form", body: form(testClientID, testClientSecret, audience), wantStatus: 200},
		{name: "json", contentType: "application/json", wantStatus: 200, body: jsonBody(map[string]string{
			"grant_type": "client_credentials", "client_id": testClientID, "client_secret": testClientSecret, "audience": audience,
		})},
		{name: "basic", basic: true, body: "grant_type=client_credentials&audience=" + url.QueryEscape(audience), wantStatus: 200},
		{name: "audience without trailing slash", body: form(testClientID, testClientSecret, h.srv.URL+"/api/v2"), wantStatus: 200},
		{name: "wrong secret", body: form(testClientID, "nope", audience), wantStatus: 401, wantError: "access_denied"},
		{name: "unknown client", body: form("other", testClientSecret, audience), wantStatus: 401, wantError: "access_denied"},
		{name: "wrong audience", body: form(testClientID, testClientSecret, "https://example.com/api/v2/"), wantStatus: 403, wantError: "access_denied"},
		{name: "no audience", body: form(testClientID, testClientSecret, ""), wantStatus: 403, wantError: "access_denied"},
		{name: "password grant", body: "grant_type=password", wantStatus: 400, wantError: "unsupported_grant_type"},
		{name: "bad json", contentType: "application/json", body: "{", wantStatus: 400, wantError: "invalid_request"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, _ := http.NewRequest(http.MethodPost, h.srv.URL+"/oauth/token", strings.NewReader(tt.body))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			if tt.contentType != "" {
				req.Header.Set("Content-Type", tt.contentType)
			}
			if tt.basic {
				req.SetBasicAuth(url.QueryEscape(testClientID), url.QueryEscape(testClientSecret))
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			var body map[string]any
			if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
				t.Fatal(err)
			}
			if resp.StatusCode != tt.wantStatus {
				t.Fatalf("status %d, want %d: %v", resp.StatusCode, tt.wantStatus, body)
			}
			if tt.wantError != "" {
				if body["error"] != tt.wantError || body["error_description"] == "" {
					t.Errorf("body %v, want error %q with a description", body, tt.wantError)
				}
				return
			}
			if body["token_type"] != "Bearer" || body["expires_in"] != 86400.0 ||
				!strings.Contains(get[string](t, any(body), "scope"), "update:connections") {
				t.Errorf("unexpected token response %v", body)
			}
			token, _ := body["access_token"].(string)
			if got := h.send(http.MethodGet, "/api/v2/connections", nil, "Bearer "+token); got.status != 200 {
				t.Errorf("issued token rejected: %d %s", got.status, got.body)
			}
		})
	}
}

func TestTokenBadCredentialsBody(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	resp := h.send(http.MethodPost, "/oauth/token", `{"grant_type":"client_credentials","client_id":"x","client_secret":"y"}`, "")
	assertJSON(t, resp.json(t), `{"error":"access_denied","error_description":"Unauthorized"}`)
	if resp.status != http.StatusUnauthorized {
		t.Errorf("status %d", resp.status)
	}
}

func TestTokenExpires(t *testing.T) {
	t.Parallel()
	emu := New(Config{ClientID: "id", ClientSecret: "secret", TokenTTL: 20 * time.Millisecond})
	token := emu.IssueToken()
	get := func() int {
		req := httptest.NewRequest(http.MethodGet, "/api/v2/connections", nil)
		req.Header.Set("Authorization", "Bearer "+token)
		rec := httptest.NewRecorder()
		emu.ServeHTTP(rec, req)
		return rec.Code
	}
	if code := get(); code != http.StatusOK {
		t.Fatalf("fresh token: status %d", code)
	}
	time.Sleep(40 * time.Millisecond)
	if code := get(); code != http.StatusUnauthorized {
		t.Fatalf("expired token: status %d", code)
	}
}

func TestAPIRequiresToken(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	for name, auth := range map[string]string{
		"none":          "",
		"basic scheme":  "Basic " + h.token,
		"unknown token": "Bearer not-a-token",
		"empty bearer":  "Bearer ",
	} {
		t.Run(name, func(t *testing.T) {
			resp := h.send(http.MethodGet, "/api/v2/connections", nil, auth)
			assertError(t, resp, http.StatusUnauthorized, "Invalid token", "")
		})
	}
	if resp := h.send(http.MethodGet, "/api/v2/connections", nil, "bearer "+h.token); resp.status != http.StatusOK {
		t.Errorf("lower-case scheme: status %d", resp.status)
	}
}

func TestRouting(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	tests := []struct {
		name, method, path string
		body               any
		status             int
		message, code      string
		allow              string
	}{
		{name: "unknown api route", method: "GET", path: "/api/v2/users", status: 404, message: "Not Found"},
		{name: "trailing slash", method: "GET", path: "/api/v2/connections/", status: 404, message: "Not Found"},
		{name: "outside the api", method: "GET", path: "/", status: 404, message: "Not Found"},
		{name: "escaped slash in the api prefix", method: "GET", path: "/api%2Fv2/connections", status: 404, message: "Not Found"},
		{name: "escaped slash in the token path", method: "POST", path: "/oauth%2Ftoken", status: 404, message: "Not Found"},
		{name: "wrong method", method: "PUT", path: "/api/v2/connections", status: 405, message: "Method Not Allowed", code: "method_not_allowed", allow: "GET, POST"},
		{name: "wrong method on item", method: "POST", path: "/api/v2/connections/con_x", status: 405, message: "Method Not Allowed", code: "method_not_allowed", allow: "DELETE, GET, PATCH"},
		{name: "token endpoint GET", method: "GET", path: "/oauth/token", status: 405, message: "Method Not Allowed", code: "method_not_allowed", allow: "POST"},
		{name: "bad json", method: "POST", path: "/api/v2/connections", body: `{"name":`, status: 400, message: "Invalid request payload JSON format", code: "invalid_body"},
		{name: "trailing garbage", method: "POST", path: "/api/v2/connections", body: `{} {}`, status: 400, message: "Invalid request payload JSON format", code: "invalid_body"},
		{name: "too deep", method: "POST", path: "/api/v2/connections", body: strings.Repeat("[", 100) + strings.Repeat("]", 100), status: 400, message: "Invalid request payload JSON format", code: "invalid_body"},
		{name: "too large", method: "POST", path: "/api/v2/connections", body: `"` + strings.Repeat("x", maxBodyBytes) + `"`, status: 413, message: "Payload content length greater than maximum allowed: 1048576", code: "payload_too_large"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := h.do(tt.method, tt.path, tt.body)
			assertError(t, resp, tt.status, tt.message, tt.code)
			if got := resp.header.Get("Allow"); got != tt.allow {
				t.Errorf("Allow %q, want %q", got, tt.allow)
			}
		})
	}
}

// Auth0 routes on the escaped path: %2F is part of a segment, never a
// separator, so connections%2Fcon_x is one segment that no route serves,
// and an escaped character inside an id is unescaped within its segment.
func TestRoutingOnEscapedPath(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	id := h.createID(map[string]any{"name": "escaped", "strategy": "auth0"})
	notFound := func(t *testing.T, resp response) {
		t.Helper()
		assertError(t, resp, http.StatusNotFound, "Not Found", "")
	}

	t.Run("GET connections%2Fid is an unknown route", func(t *testing.T) {
		notFound(t, h.do(http.MethodGet, "/api/v2/connections%2Fcon_x", nil))
		notFound(t, h.do(http.MethodGet, "/api/v2/connections%2F"+id, nil))
		notFound(t, h.do(http.MethodGet, "/api/v2/connections%2f"+id, nil)) // lower-case hex too
	})
	t.Run("PATCH connections/{id}%2Fclients is not the clients route", func(t *testing.T) {
		// It is the connection route with the id "con_…/clients", which
		// no connection has. The body is validated first, as on every
		// PATCH /connections/{id}: the clients route's array is refused
		// with 400 and enables nothing; an object gets the 404.
		client, _ := h.do(http.MethodPost, "/api/v2/clients", `{"name":"app"}`).object(t)["client_id"].(string)
		array := `[{"client_id":"` + client + `","status":true}]`
		resp := h.do(http.MethodPatch, "/api/v2/connections/"+id+"%2Fclients", array)
		assertError(t, resp, http.StatusBadRequest, "Payload validation error: 'Expected type object but found type array'.", "invalid_body")
		assertError(t, h.do(http.MethodPatch, "/api/v2/connections/"+id+"%2Fclients", `{"display_name":"x"}`),
			http.StatusNotFound, "The connection does not exist", "inexistent_connection")
		assertError(t, h.do(http.MethodGet, "/api/v2/connections/"+id+"%2Fclients", nil),
			http.StatusNotFound, "The connection does not exist", "inexistent_connection")
		if got := string(h.do(http.MethodGet, "/api/v2/connections/"+id+"/clients", nil).body); strings.Contains(got, client) {
			t.Errorf("the client was enabled: %s", got)
		}
	})
	t.Run("clients%2F{id} and a doubly nested escape are unknown routes", func(t *testing.T) {
		notFound(t, h.do(http.MethodPatch, "/api/v2/connections%2F"+id+"%2Fclients", `[{"client_id":"x","status":true}]`))
		notFound(t, h.do(http.MethodGet, "/api/v2/clients%2Fx", nil))
	})
	t.Run("DELETE connections%2Fid deletes nothing", func(t *testing.T) {
		notFound(t, h.do(http.MethodDelete, "/api/v2/connections%2F"+id, nil))
		if resp := h.do(http.MethodGet, "/api/v2/connections/"+id, nil); resp.status != http.StatusOK {
			t.Fatalf("the connection is gone: status %d", resp.status)
		}
	})
	t.Run("an escaped character inside an id is one segment", func(t *testing.T) {
		escaped := strings.Replace(id, "_", "%5F", 1)
		resp := h.do(http.MethodGet, "/api/v2/connections/"+escaped, nil)
		if resp.status != http.StatusOK || get[string](t, resp.object(t), "id") != id {
			t.Fatalf("GET %s: status %d, body %s", escaped, resp.status, resp.body)
		}
		if resp := h.do(http.MethodGet, "/api/v2/connections/"+escaped+"/clients", nil); resp.status != http.StatusOK {
			t.Fatalf("GET %s/clients: status %d, body %s", escaped, resp.status, resp.body)
		}
	})
	t.Run("an id holding an escaped slash is one id", func(t *testing.T) {
		// It reaches the connection route with the id "con_a/b", which no
		// connection has.
		assertError(t, h.do(http.MethodGet, "/api/v2/connections/con_a%2Fb", nil),
			http.StatusNotFound, "The connection does not exist", "inexistent_connection")
		assertError(t, h.do(http.MethodGet, "/api/v2/connections/con_a%2Fb/clients", nil),
			http.StatusNotFound, "The connection does not exist", "inexistent_connection")
	})
	t.Run("an invalid escape is an unknown route", func(t *testing.T) {
		// Go's server refuses such a request line itself; the router
		// would not serve it either.
		if rt, _ := h.emu.findRoute("/api/v2/connections/con_%zz"); rt != nil {
			t.Errorf("routed to %s", rt.pattern)
		}
	})
	t.Run("the log and the stats keep the escaped path", func(t *testing.T) {
		h.emu.ResetRequests()
		h.do(http.MethodGet, "/api/v2/connections%2F"+id, nil)
		log := h.emu.Requests()
		if len(log) != 1 || log[0].EscapedPath != "/api/v2/connections%2F"+id || log[0].Path != "/api/v2/connections/"+id {
			t.Errorf("log %+v", log)
		}
		if n := h.emu.Stats()["GET (unknown route)"]; n != 1 {
			t.Errorf("stats %v", h.emu.Stats())
		}
	})
}

func TestRequestLog(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.send(http.MethodPost, "/oauth/token", `{"grant_type":"client_credentials"}`, "")
	h.do(http.MethodPost, "/api/v2/connections", `{"name":"a","strategy":"auth0"}`)
	h.send(http.MethodGet, "/api/v2/connections?name=a", nil, "")
	got := h.emu.Requests()
	if len(got) != 2 {
		t.Fatalf("got %d requests, want 2: %+v", len(got), got)
	}
	want := []Request{
		{Method: "POST", Path: "/api/v2/connections", Body: []byte(`{"name":"a","strategy":"auth0"}`), Status: 201},
		{Method: "GET", Path: "/api/v2/connections", RawQuery: "name=a", Status: 401},
	}
	for i := range want {
		g, w := got[i], want[i]
		if g.Method != w.Method || g.Path != w.Path || g.RawQuery != w.RawQuery || string(g.Body) != string(w.Body) || g.Status != w.Status {
			t.Errorf("request %d = %+v, want %+v", i, g, w)
		}
	}
	got[0].Body[0] = 'X'
	if h.emu.Requests()[0].Body[0] != '{' {
		t.Error("Requests must return a copy")
	}
	h.emu.ResetRequests()
	if n := len(h.emu.Requests()); n != 0 {
		t.Errorf("%d requests after reset", n)
	}
}

func TestRecoverPanic(t *testing.T) {
	t.Parallel()
	rec := httptest.NewRecorder()
	func() {
		w := &statusWriter{ResponseWriter: rec}
		defer recoverPanic(w)
		panic("boom")
	}()
	if rec.Code != http.StatusInternalServerError {
		t.Fatalf("status %d", rec.Code)
	}
	assertJSON(t, decodeJSON(t, rec.Body.String()),
		`{"statusCode":500,"error":"Internal Server Error","message":"Internal Server Error","errorCode":"internal_error"}`)
}
