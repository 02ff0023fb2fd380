package emulator

import (
	"encoding/json"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// fetchToken runs the client credentials grant and returns the token and
// the scope string granted.
func (h *harness) fetchToken(scope string) (string, string) {
	h.t.Helper()
	form := url.Values{
		"grant_type": {"client_credentials"}, "client_id": {testClientID}, "client_secret": {testClientSecret},
		"audience": {h.srv.URL + "/api/v2/"},
	}
	if scope != "" {
		form.Set("scope", scope)
	}
	httpResp, err := h.srv.Client().PostForm(h.srv.URL+"/oauth/token", form)
	if err != nil {
		h.t.Fatal(err)
	}
	defer httpResp.Body.Close()
	raw, _ := io.ReadAll(httpResp.Body)
	if httpResp.StatusCode != http.StatusOK {
		h.t.Fatalf("token: %d %s", httpResp.StatusCode, raw)
	}
	body := response{status: httpResp.StatusCode, body: raw}.object(h.t)
	return get[string](h.t, body, "access_token"), get[string](h.t, body, "scope")
}

func TestConfigValidation(t *testing.T) {
	t.Parallel()
	for name, cfg := range map[string]Config{
		"negative ttl":         {TokenTTL: -1},
		"negative rps":         {RateLimitRPS: -1},
		"burst without rps":    {RateLimitBurst: 3},
		"negative latency":     {Latency: -time.Second},
		"fail rate above 1":    {FailRate: 1.5},
		"drop rate below 0":    {DropAfterCommitRate: -0.1},
		"scope with a space":   {Scopes: []string{"read:connections create:connections"}},
		"data file in nowhere": {DataFile: filepath.Join(t.TempDir(), "missing", "dir", "state.json")},
	} {
		if _, err := Open(cfg); err == nil {
			t.Errorf("%s: Open accepted %+v", name, cfg)
		}
	}
	defer func() {
		if recover() == nil {
			t.Error("New did not panic on an invalid Config")
		}
	}()
	New(Config{FailRate: 2})
}

func TestScopes(t *testing.T) {
	t.Parallel()
	h := newHarnessWith(t, Config{Scopes: []string{ScopeReadConnections, ScopeCreateConnections, ScopeUpdateConnections}})
	token, scope := h.fetchToken("")
	if scope != "read:connections create:connections update:connections" {
		t.Errorf("granted scope %q", scope)
	}
	auth := "Bearer " + token

	created := h.send(http.MethodPost, "/api/v2/connections", `{"name":"db","strategy":"auth0","options":{"passwordPolicy":"fair"}}`, auth)
	if created.status != http.StatusCreated {
		t.Fatalf("create: %d %s", created.status, created.body)
	}
	conn := created.object(t)
	if _, ok := conn["options"]; ok {
		t.Errorf("options shown without read:connections_options: %v", conn)
	}
	id := get[string](t, conn, "id")
	for _, path := range []string{"/api/v2/connections/" + id, "/api/v2/connections", "/api/v2/connections?include_totals=true", "/api/v2/connections?fields=options"} {
		if strings.Contains(string(h.send(http.MethodGet, path, nil, auth).body), `"options"`) {
			t.Errorf("GET %s shows options", path)
		}
	}
	assertError(t, h.send(http.MethodDelete, "/api/v2/connections/"+id, nil, auth),
		http.StatusForbidden, "Insufficient scope, expected any of: delete:connections", "insufficient_scope")
	assertError(t, h.send(http.MethodPatch, "/api/v2/connections/"+id, `{"options":{"passwordPolicy":"low"}}`, auth),
		http.StatusForbidden, "Insufficient scope, expected any of: update:connections_options", "insufficient_scope")
	if resp := h.send(http.MethodPatch, "/api/v2/connections/"+id, `{"display_name":"DB"}`, auth); resp.status != http.StatusOK {
		t.Errorf("PATCH without options: %d %s", resp.status, resp.body)
	}
	assertError(t, h.send(http.MethodPost, "/api/v2/clients", `{"name":"app"}`, auth),
		http.StatusForbidden, "Insufficient scope, expected any of: create:clients", "insufficient_scope")
	// The scope is checked after the token and before the body.
	assertError(t, h.send(http.MethodPost, "/api/v2/clients", `{`, auth),
		http.StatusForbidden, "Insufficient scope, expected any of: create:clients", "insufficient_scope")

	// A token request may narrow the scopes, never widen them.
	narrow, scope := h.fetchToken("read:connections delete:connections")
	if scope != "read:connections" {
		t.Errorf("narrowed scope %q", scope)
	}
	assertError(t, h.send(http.MethodPost, "/api/v2/connections", `{"name":"x","strategy":"auth0"}`, "Bearer "+narrow),
		http.StatusForbidden, "Insufficient scope, expected any of: create:connections", "insufficient_scope")

	// With read:connections_options the options show again.
	reader := h.emu.IssueTokenWithScopes(ScopeReadConnections, ScopeReadConnectionsOptions)
	if got := h.send(http.MethodGet, "/api/v2/connections/"+id, nil, "Bearer "+reader).object(t); got["options"] == nil {
		t.Errorf("options hidden with read:connections_options: %v", got)
	}
}

func TestDefaultScopes(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	if _, scope := h.fetchToken(""); scope != strings.Join(AllScopes(), " ") {
		t.Errorf("default scope %q", scope)
	}
}

// fakeClock is a settable clock for the emulator's time-based behaviour.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

func TestRateLimit(t *testing.T) {
	t.Parallel()
	clock := &fakeClock{now: time.Unix(1_700_000_000, 0)}
	h := newHarnessAt(t, Config{RateLimitRPS: 2, RateLimitBurst: 3}, clock.Now)

	headers := func(resp response) (limit, remaining, reset int) {
		t.Helper()
		var err error
		for _, hv := range []struct {
			name string
			dst  *int
		}{{"X-RateLimit-Limit", &limit}, {"X-RateLimit-Remaining", &remaining}, {"X-RateLimit-Reset", &reset}} {
			if *hv.dst, err = strconv.Atoi(resp.header.Get(hv.name)); err != nil {
				t.Fatalf("%s %q: %v", hv.name, resp.header.Get(hv.name), err)
			}
		}
		return limit, remaining, reset
	}
	for i, wantRemaining := range []int{2, 1, 0} {
		resp := h.do(http.MethodGet, "/api/v2/connections", nil)
		if resp.status != http.StatusOK {
			t.Fatalf("request %d: %d", i, resp.status)
		}
		limit, remaining, reset := headers(resp)
		// The bucket is full again (3-remaining)/2 seconds later.
		wantReset := int(clock.Now().Unix()) + (3-remaining+1)/2
		if limit != 3 || remaining != wantRemaining || reset != wantReset {
			t.Errorf("request %d: limit %d remaining %d reset %d, want 3 %d %d", i, limit, remaining, reset, wantRemaining, wantReset)
		}
	}
	// Errors count and carry the headers too.
	if resp := h.do(http.MethodGet, "/api/v2/nothing", nil); resp.status != http.StatusTooManyRequests {
		t.Errorf("unknown route over the limit: %d", resp.status)
	}
	limited := h.do(http.MethodPost, "/api/v2/connections", `{"name":"x","strategy":"auth0"}`)
	assertError(t, limited, http.StatusTooManyRequests, "Global limit has been reached", "too_many_requests")
	if _, remaining, reset := headers(limited); remaining != 0 || reset != int(clock.Now().Unix())+2 {
		t.Errorf("429: remaining %d reset %d", remaining, reset)
	}
	if got := limited.header.Get("Retry-After"); got != "1" {
		t.Errorf("Retry-After %q", got)
	}
	clock.Add(500 * time.Millisecond) // one token back
	if resp := h.do(http.MethodGet, "/api/v2/connections", nil); resp.status != http.StatusOK {
		t.Errorf("after the refill: %d", resp.status)
	}
	// The token endpoint is not limited.
	if _, scope := h.fetchToken(""); scope == "" {
		t.Error("no token")
	}
}

func TestRateLimitOffByDefault(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	for range 50 {
		resp := h.do(http.MethodGet, "/api/v2/connections", nil)
		if resp.status != http.StatusOK || resp.header.Get("X-RateLimit-Limit") != "" {
			t.Fatalf("status %d, X-RateLimit-Limit %q", resp.status, resp.header.Get("X-RateLimit-Limit"))
		}
	}
}

func TestLatency(t *testing.T) {
	t.Parallel()
	h := newHarnessWith(t, Config{Latency: 60 * time.Millisecond})
	start := time.Now()
	h.do(http.MethodGet, "/api/v2/connections", nil)
	if d := time.Since(start); d < 60*time.Millisecond {
		t.Errorf("answered after %v", d)
	}
	start = time.Now()
	h.fetchToken("")
	if d := time.Since(start); d >= 60*time.Millisecond {
		t.Errorf("the token endpoint is delayed too (%v)", d)
	}
}

// statuses sends n POSTs of distinct connections and returns the statuses.
func (h *harness) statuses(prefix string, n int) []int {
	var out []int
	for i := range n {
		out = append(out, h.do(http.MethodPost, "/api/v2/connections", map[string]any{"name": prefix + strconv.Itoa(i), "strategy": "auth0"}).status)
	}
	return out
}

func TestFailRate(t *testing.T) {
	t.Parallel()
	h := newHarnessWith(t, Config{FailRate: 0.5, Seed: 42})
	got := h.statuses("c", 40)
	again := newHarnessWith(t, Config{FailRate: 0.5, Seed: 42}).statuses("c", 40)
	failed := 0
	for i, status := range got {
		if status != again[i] {
			t.Fatalf("the same seed gave different faults: %v vs %v", got, again)
		}
		if status == http.StatusServiceUnavailable {
			failed++
		} else if status != http.StatusCreated {
			t.Fatalf("status %d", status)
		}
	}
	if failed == 0 || failed == len(got) {
		t.Fatalf("%d of %d failed", failed, len(got))
	}
	// Nothing was created by a failed request.
	h.emu.faults.setRates(0, 0)
	list := get[[]any](t, h.do(http.MethodGet, "/api/v2/connections", nil).json(t))
	if len(list) != len(got)-failed {
		t.Errorf("%d connections after %d successes", len(list), len(got)-failed)
	}
	resp := newHarnessWith(t, Config{FailRate: 1}).do(http.MethodGet, "/api/v2/connections", nil)
	assertError(t, resp, http.StatusServiceUnavailable, "The service is temporarily unavailable, please try again later", "temporarily_unavailable")
}

func TestDropAfterCommit(t *testing.T) {
	t.Parallel()
	h := newHarnessWith(t, Config{DropAfterCommitRate: 1})
	_, err := h.request(http.MethodPost, "/api/v2/connections", `{"name":"kept","strategy":"auth0"}`, "Bearer "+h.token)
	if err == nil {
		t.Fatal("the request got an answer")
	}
	if log := h.emu.Requests(); len(log) != 1 || log[0].Status != 0 {
		t.Errorf("request log %+v", log)
	}
	h.emu.faults.setRates(0, 0)
	list := get[[]any](t, h.do(http.MethodGet, "/api/v2/connections?name=kept", nil).json(t))
	if len(list) != 1 {
		t.Fatalf("the change was not stored: %v", list)
	}
	// A retry now meets the stored change.
	assertError(t, h.do(http.MethodPost, "/api/v2/connections", `{"name":"kept","strategy":"auth0"}`), http.StatusConflict,
		"A connection with the same name already exists", "connection_conflict")
}

func TestDropAfterCommitHTTP2(t *testing.T) {
	t.Parallel()
	emu := New(Config{ClientID: testClientID, ClientSecret: testClientSecret, DropAfterCommitRate: 1})
	srv := httptest.NewUnstartedServer(emu)
	srv.EnableHTTP2 = true
	srv.Config.ErrorLog = discardLogger()
	srv.StartTLS()
	t.Cleanup(srv.Close)
	req, _ := http.NewRequest(http.MethodPost, srv.URL+"/api/v2/connections", strings.NewReader(`{"name":"h2","strategy":"auth0"}`))
	req.Header.Set("Authorization", "Bearer "+emu.IssueToken())
	resp, err := srv.Client().Do(req)
	if err == nil {
		resp.Body.Close()
		t.Fatalf("got an answer over %s: %d", resp.Proto, resp.StatusCode)
	}
	if n := len(emu.store.listConnections(func(*connection) bool { return true })); n != 1 {
		t.Errorf("%d connections stored", n)
	}
}

func TestStats(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.fetchToken("")
	id := h.createID(map[string]any{"name": "a", "strategy": "auth0"})
	h.do(http.MethodGet, "/api/v2/connections/"+id, nil)
	h.do(http.MethodGet, "/api/v2/connections/"+id, nil)
	h.do(http.MethodGet, "/api/v2/connections/"+id+"/clients", nil)
	h.do(http.MethodPut, "/api/v2/connections", nil)
	h.do(http.MethodGet, "/api/v2/users", nil)
	h.send(http.MethodGet, "/api/v2/connections", nil, "")
	want := map[string]int{
		"POST /oauth/token":                    1,
		"POST /api/v2/connections":             1,
		"GET /api/v2/connections/{id}":         2,
		"GET /api/v2/connections/{id}/clients": 1,
		"PUT /api/v2/connections":              1,
		"GET (unknown route)":                  1,
		"GET /api/v2/connections":              1,
	}
	got := h.emu.Stats()
	assertJSON(t, got, string(mustMarshal(t, want)))
	got["POST /oauth/token"] = 99
	if h.emu.Stats()["POST /oauth/token"] != 1 {
		t.Error("Stats must return a copy")
	}
	h.emu.ResetRequests()
	if n := len(h.emu.Stats()); n != 0 {
		t.Errorf("%d stats after ResetRequests", n)
	}
}

func TestIssueTokenWithScopes(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	token := h.emu.IssueTokenWithScopes(ScopeReadConnections)
	if resp := h.send(http.MethodGet, "/api/v2/connections", nil, "Bearer "+token); resp.status != http.StatusOK {
		t.Errorf("read: %d", resp.status)
	}
	assertError(t, h.send(http.MethodPost, "/api/v2/connections", `{"name":"a","strategy":"auth0"}`, "Bearer "+token),
		http.StatusForbidden, "Insufficient scope, expected any of: create:connections", "insufficient_scope")
}

func TestTokenExpiryAnswers401(t *testing.T) {
	t.Parallel()
	clock := &fakeClock{now: time.Unix(1_700_000_000, 0)}
	h := newHarnessAt(t, Config{TokenTTL: time.Minute}, clock.Now)
	token, _ := h.fetchToken("")
	if resp := h.send(http.MethodGet, "/api/v2/connections", nil, "Bearer "+token); resp.status != http.StatusOK {
		t.Fatalf("fresh token: %d", resp.status)
	}
	clock.Add(time.Minute)
	assertError(t, h.send(http.MethodGet, "/api/v2/connections", nil, "Bearer "+token), http.StatusUnauthorized, "Invalid token", "")
	fresh, _ := h.fetchToken("")
	if resp := h.send(http.MethodGet, "/api/v2/connections", nil, "Bearer "+fresh); resp.status != http.StatusOK {
		t.Errorf("refetched token: %d", resp.status)
	}
}

func TestDataFile(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "state.json")
	h := newHarnessWith(t, Config{DataFile: path})
	if info, err := os.Stat(path); err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("data file not created private: %v %v", info, err)
	}
	clientID := h.createClient("app")
	id := h.createID(map[string]any{"name": "db", "strategy": "auth0", "metadata": map[string]any{"k": "v"},
		"options": map[string]any{"configuration": map[string]any{"secret": "s3cr3t"}, "ratio": 0.25}})
	h.do(http.MethodPatch, "/api/v2/connections/"+id+"/clients", []map[string]any{{"client_id": clientID, "status": true}})
	gone := h.createID(map[string]any{"name": "gone", "strategy": "sms"})
	h.do(http.MethodDelete, "/api/v2/connections/"+gone, nil)
	before := h.do(http.MethodGet, "/api/v2/connections", nil).body
	clientBefore := h.do(http.MethodGet, "/api/v2/clients/"+clientID, nil).body
	page := h.do(http.MethodGet, "/api/v2/connections/"+id+"/clients?take=1", nil).body

	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(raw), h.token) {
		t.Error("the data file holds a token")
	}

	restarted := newHarnessWith(t, Config{DataFile: path})
	if after := restarted.do(http.MethodGet, "/api/v2/connections", nil).body; string(after) != string(before) {
		t.Errorf("connections changed across the restart:\n%s\n%s", before, after)
	}
	if after := restarted.do(http.MethodGet, "/api/v2/clients/"+clientID, nil).body; string(after) != string(clientBefore) {
		t.Errorf("client changed across the restart")
	}
	if after := restarted.do(http.MethodGet, "/api/v2/connections/"+id+"/clients?take=1", nil).body; string(after) != string(page) {
		t.Errorf("cursor pages changed across the restart")
	}
	// The sealed configuration is still accepted back as "keep".
	sealed := get[string](t, restarted.do(http.MethodGet, "/api/v2/connections/"+id, nil).json(t), "options", "configuration", "secret")
	restarted.do(http.MethodPatch, "/api/v2/connections/"+id, map[string]any{"options": map[string]any{"configuration": map[string]any{"secret": sealed}}})
	restarted.emu.store.mu.Lock()
	plain := restarted.emu.store.connections[id].options["configuration"]
	restarted.emu.store.mu.Unlock()
	assertJSON(t, plain, `{"secret":"s3cr3t"}`)
	// New ids do not reuse sequence numbers.
	next := restarted.createID(map[string]any{"name": "next", "strategy": "auth0"})
	list := get[[]any](t, restarted.do(http.MethodGet, "/api/v2/connections", nil).json(t))
	if get[string](t, list, len(list)-1, "id") != next {
		t.Error("a connection created after the restart is not listed last")
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Errorf("temporary files left behind: %v", entries)
	}
}

func TestDataFileRejectsBadContent(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for name, content := range map[string]string{
		"truncated": `{"version":1,"connections":[`,
		"version":   `{"version":99,"connections":[],"clients":[]}`,
		"duplicate": `{"version":1,"connections":[{"id":"con_a"},{"id":"con_a"}],"clients":[]}`,
		"not json":  `hello`,
	} {
		path := filepath.Join(dir, name+".json")
		if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		if _, err := Open(Config{DataFile: path}); err == nil {
			t.Errorf("%s: Open accepted %s", name, content)
		}
		if got, _ := os.ReadFile(path); string(got) != content {
			t.Errorf("%s: the file was changed", name)
		}
	}
}

func TestDataFileWriteFailureUndoesTheChange(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "data")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	h := newHarnessWith(t, Config{DataFile: filepath.Join(dir, "state.json")})
	h.createID(map[string]any{"name": "first", "strategy": "auth0"})
	if err := os.RemoveAll(dir); err != nil { // writes fail from now on
		t.Fatal(err)
	}
	assertError(t, h.do(http.MethodPost, "/api/v2/connections", `{"name":"second","strategy":"auth0"}`),
		http.StatusInternalServerError, "The change could not be saved; nothing was changed", "internal_error")
	list := get[[]any](t, h.do(http.MethodGet, "/api/v2/connections", nil).json(t))
	if len(list) != 1 || get[string](t, list, 0, "name") != "first" {
		t.Errorf("after a failed save: %v", list)
	}
}

// TestDataFileIsAlwaysWhole reads the data file while it is rewritten:
// every read must see a whole state.
func TestDataFileIsAlwaysWhole(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "state.json")
	h := newHarnessWith(t, Config{DataFile: path})
	var done atomic.Bool
	var wg sync.WaitGroup
	errs := make(chan error, 1)
	wg.Go(func() {
		for !done.Load() {
			raw, err := os.ReadFile(path)
			var snap snapshot
			if err == nil {
				err = json.Unmarshal(raw, &snap)
			}
			if err != nil {
				select {
				case errs <- err:
				default:
				}
				return
			}
		}
	})
	for i := range 30 {
		h.createID(map[string]any{"name": "c" + strconv.Itoa(i), "strategy": "auth0"})
	}
	done.Store(true)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("a reader saw a partial file: %v", err)
	}
}

func TestConcurrentRequestsWithFaults(t *testing.T) {
	t.Parallel()
	h := newHarnessWith(t, Config{
		RateLimitRPS: 10000, RateLimitBurst: 50, FailRate: 0.2, DropAfterCommitRate: 0.1,
		Latency: time.Millisecond, DataFile: filepath.Join(t.TempDir(), "state.json"),
	})
	var wg sync.WaitGroup
	for w := range 6 {
		wg.Go(func() {
			for r := range 15 {
				name := "w" + strconv.Itoa(w) + "-" + strconv.Itoa(r)
				resp, err := h.request(http.MethodPost, "/api/v2/connections", map[string]any{"name": name, "strategy": "auth0"}, "Bearer "+h.token)
				if err == nil && resp.status == http.StatusCreated {
					var c struct{ ID string }
					_ = json.Unmarshal(resp.body, &c)
					_, _ = h.request(http.MethodGet, "/api/v2/connections/"+c.ID, nil, "Bearer "+h.token)
				}
			}
		})
	}
	wg.Wait()
	stats := h.emu.Stats()
	if stats["POST /api/v2/connections"] != 90 {
		t.Errorf("stats %v", stats)
	}
}

func discardLogger() *log.Logger { return log.New(io.Discard, "", 0) }
