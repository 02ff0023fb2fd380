package emulator

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
	"time"
)

const (
	testClientID     = "test-client"
	testClientSecret = "s3cr:et/+&"
)

// harness is an emulator behind a real HTTP server with a valid token.
type harness struct {
	t     *testing.T
	emu   *Server
	srv   *httptest.Server
	token string
}

func newHarness(t *testing.T) *harness {
	t.Helper()
	return newHarnessWith(t, Config{})
}

// newHarnessWith is newHarness with more settings; the credentials are
// always the test ones.
func newHarnessWith(t *testing.T, cfg Config) *harness {
	t.Helper()
	return newHarnessAt(t, cfg, nil)
}

// newHarnessAt is newHarnessWith on a clock of the test's (nil: the real
// one), installed before the server starts.
func newHarnessAt(t *testing.T, cfg Config, now func() time.Time) *harness {
	t.Helper()
	cfg.ClientID, cfg.ClientSecret = testClientID, testClientSecret
	emu, err := Open(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if now != nil {
		emu.now = now
		if emu.limiter != nil {
			emu.limiter = newLimiter(cfg.RateLimitRPS, cfg.RateLimitBurst, now())
		}
	}
	srv := httptest.NewServer(emu)
	t.Cleanup(srv.Close)
	return &harness{t: t, emu: emu, srv: srv, token: emu.IssueToken()}
}

// response is a decoded answer; body holds the raw bytes.
type response struct {
	status int
	header http.Header
	body   []byte
}

// json decodes the body into generic values.
func (r response) json(t *testing.T) any {
	t.Helper()
	var v any
	if err := json.Unmarshal(r.body, &v); err != nil {
		t.Fatalf("decoding %q: %v", r.body, err)
	}
	return v
}

func (r response) object(t *testing.T) map[string]any {
	t.Helper()
	m, ok := r.json(t).(map[string]any)
	if !ok {
		t.Fatalf("body %s is not an object", r.body)
	}
	return m
}

// do sends an authenticated request; body is sent verbatim if it is a
// string, JSON-encoded otherwise.
func (h *harness) do(method, path string, body any) response {
	h.t.Helper()
	return h.send(method, path, body, "Bearer "+h.token)
}

func (h *harness) send(method, path string, body any, authorization string) response {
	h.t.Helper()
	resp, err := h.request(method, path, body, authorization)
	if err != nil {
		h.t.Fatal(err)
	}
	return resp
}

// request is send without the testing.T, for use off the test goroutine.
func (h *harness) request(method, path string, body any, authorization string) (response, error) {
	var reader io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		reader = strings.NewReader(b)
	default:
		raw, err := json.Marshal(b)
		if err != nil {
			return response{}, err
		}
		reader = bytes.NewReader(raw)
	}
	req, err := http.NewRequest(method, h.srv.URL+path, reader)
	if err != nil {
		return response{}, err
	}
	if authorization != "" {
		req.Header.Set("Authorization", authorization)
	}
	if reader != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := h.srv.Client().Do(req)
	if err != nil {
		return response{}, err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	return response{status: resp.StatusCode, header: resp.Header, body: raw}, err
}

// create creates a connection and returns it, failing the test otherwise.
func (h *harness) create(body map[string]any) map[string]any {
	h.t.Helper()
	resp := h.do(http.MethodPost, "/api/v2/connections", body)
	if resp.status != http.StatusCreated {
		h.t.Fatalf("create: status %d, body %s", resp.status, resp.body)
	}
	return resp.object(h.t)
}

func (h *harness) createClient(name string) string {
	h.t.Helper()
	resp := h.do(http.MethodPost, "/api/v2/clients", map[string]any{"name": name})
	if resp.status != http.StatusCreated {
		h.t.Fatalf("create client: status %d, body %s", resp.status, resp.body)
	}
	return get[string](h.t, resp.json(h.t), "client_id")
}

// createID creates a connection and returns its id.
func (h *harness) createID(body map[string]any) string {
	h.t.Helper()
	return get[string](h.t, h.create(body), "id")
}

// get walks v along path (object keys and list indexes) and returns what it
// finds as a T, failing the test when the shape differs.
func get[T any](t *testing.T, v any, path ...any) T {
	t.Helper()
	for _, step := range path {
		switch k := step.(type) {
		case string:
			m, ok := v.(map[string]any)
			if !ok {
				t.Fatalf("want an object with %q, got %v", k, v)
			}
			v = m[k]
		case int:
			l, ok := v.([]any)
			if !ok || k >= len(l) {
				t.Fatalf("want a list with item %d, got %v", k, v)
			}
			v = l[k]
		}
	}
	out, ok := v.(T)
	if !ok {
		t.Fatalf("at %v: got %T %v, want %T", path, v, v, out)
	}
	return out
}

// decodeJSON parses a JSON literal used as an expected value.
func decodeJSON(t *testing.T, s string) any {
	t.Helper()
	var v any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		t.Fatalf("bad expectation %s: %v", s, err)
	}
	return v
}

// assertJSON compares a decoded value with a JSON literal.
func assertJSON(t *testing.T, got any, want string) {
	t.Helper()
	raw, err := json.Marshal(got)
	if err != nil {
		t.Fatal(err)
	}
	if g, w := decodeJSON(t, string(raw)), decodeJSON(t, want); !reflect.DeepEqual(g, w) {
		t.Errorf("got  %s\nwant %s", raw, want)
	}
}

// assertError checks an Auth0-shaped error answer.
func assertError(t *testing.T, resp response, status int, message, code string) {
	t.Helper()
	if resp.status != status {
		t.Fatalf("status %d, want %d; body %s", resp.status, status, resp.body)
	}
	if ct := resp.header.Get("Content-Type"); ct != "application/json; charset=utf-8" {
		t.Errorf("Content-Type %q", ct)
	}
	want := map[string]any{"statusCode": float64(status), "error": http.StatusText(status), "message": message}
	if code != "" {
		want["errorCode"] = code
	}
	if got := resp.object(t); !reflect.DeepEqual(got, want) {
		t.Errorf("body %s\nwant %v", resp.body, want)
	}
}

// mustMarshal encodes v as JSON.
func mustMarshal(t *testing.T, v any) []byte {
	t.Helper()
	raw, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return raw
}
