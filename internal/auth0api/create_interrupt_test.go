package auth0api

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

// shortGrace shortens the bounds of an interrupted create for a test.
func shortGrace(t *testing.T, grace time.Duration) {
	old := postAnswerGrace
	postAnswerGrace = grace
	t.Cleanup(func() { postAnswerGrace = old })
}

// tenant is a fake tenant's connection table for the create tests: the POST
// handler stores what it was sent, the name lookup shows it.
type tenant struct {
	mu    sync.Mutex
	conns map[string]string // name → body as the server shows it
	used  map[string]bool   // id → enabled for an application
}

func (tn *tenant) store(body []byte) string {
	var m map[string]any
	_ = json.Unmarshal(body, &m)
	name, _ := m["name"].(string)
	m["id"] = "con_" + name
	out, _ := json.Marshal(m)
	tn.mu.Lock()
	defer tn.mu.Unlock()
	tn.conns[name] = string(out)
	return string(out)
}

func (tn *tenant) handlers(post func(w http.ResponseWriter, r *http.Request, n int)) map[string]func(http.ResponseWriter, *http.Request, int) {
	h := map[string]func(http.ResponseWriter, *http.Request, int){
		"POST /api/v2/connections": post,
		"GET /api/v2/connections": func(w http.ResponseWriter, r *http.Request, _ int) {
			tn.mu.Lock()
			defer tn.mu.Unlock()
			if body, ok := tn.conns[r.URL.Query().Get("name")]; ok {
				writeJSON(w, 200, "["+body+"]")
				return
			}
			writeJSON(w, 200, "[]")
		},
	}
	for _, name := range []string{"c", "d"} {
		id := "con_" + name
		h["GET /api/v2/connections/"+id+"/clients"] = func(w http.ResponseWriter, _ *http.Request, _ int) {
			tn.mu.Lock()
			defer tn.mu.Unlock()
			if tn.used[id] {
				writeJSON(w, 200, `{"clients":[{"client_id":"app_1"}]}`)
				return
			}
			writeJSON(w, 200, `{"clients":[]}`)
		}
	}
	return h
}

func newTenant() *tenant { return &tenant{conns: map[string]string{}, used: map[string]bool{}} }

func requested() *Connection {
	name, strategy, display := "c", "auth0", "Users"
	return &Connection{Name: &name, Strategy: &strategy, DisplayName: &display,
		Options: json.RawMessage(`{"passwordPolicy":"good","password_complexity_options":{"min_length":12}}`)}
}

// Ctrl-C after the POST went out whole, before its answer: the connection
// is looked up on a fresh context and returned, so that it reaches the
// state.
func TestInterruptedCreateIsLookedUpOnAFreshContext(t *testing.T) {
	shortGrace(t, 100*time.Millisecond)
	tn := newTenant()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	f, c := newFake(t, tn.handlers(func(w http.ResponseWriter, r *http.Request, _ int) {
		body, _ := io.ReadAll(r.Body)
		out := tn.store(body)
		cancel()                           // Ctrl-C while the server works
		time.Sleep(300 * time.Millisecond) // longer than the grace
		writeJSON(w, 201, out)
	}))
	start := time.Now()
	conn, err := c.CreateConnection(ctx, requested())
	if err != nil {
		t.Fatalf("an interrupted create whose connection exists failed: %v", err)
	}
	if conn.ID != "con_c" {
		t.Errorf("returned %q, want con_c", conn.ID)
	}
	if f.count("POST /api/v2/connections") != 1 || f.count("GET /api/v2/connections") != 1 {
		t.Errorf("%d POSTs and %d lookups, want 1 and 1", f.count("POST /api/v2/connections"), f.count("GET /api/v2/connections"))
	}
	if elapsed := time.Since(start); elapsed > 3*time.Second {
		t.Errorf("the interrupted create took %v", elapsed)
	}
}

// Ctrl-C while the POST is being answered: the answer that comes within the
// grace is the result, with no lookup.
func TestAnswerAfterInterruptIsReturned(t *testing.T) {
	shortGrace(t, 2*time.Second)
	tn := newTenant()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	f, c := newFake(t, tn.handlers(func(w http.ResponseWriter, r *http.Request, _ int) {
		body, _ := io.ReadAll(r.Body)
		out := tn.store(body)
		cancel()
		time.Sleep(100 * time.Millisecond)
		writeJSON(w, 201, out)
	}))
	conn, err := c.CreateConnection(ctx, requested())
	if err != nil || conn.ID != "con_c" {
		t.Fatalf("got %v, %v; want con_c", conn, err)
	}
	if n := f.count("GET /api/v2/connections"); n != 0 {
		t.Errorf("%d lookups, want none: the answer came", n)
	}
}

// Ctrl-C before the POST went out: nothing was created, nothing is looked up.
func TestInterruptBeforeSendingIsNotLookedUp(t *testing.T) {
	tn := newTenant()
	f, c := newFake(t, tn.handlers(func(w http.ResponseWriter, r *http.Request, _ int) { t.Error("the POST was sent") }))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := c.CreateConnection(ctx, requested()); err == nil {
		t.Fatal("a create on a cancelled context succeeded")
	}
	if n := f.count("GET /api/v2/connections"); n != 0 {
		t.Errorf("%d lookups, want none", n)
	}
}

// After a lost answer, the connection found by name is adopted only when it
// provably is what the create requested.
func TestLostAnswerAdoptsOnlyTheRequestedConnection(t *testing.T) {
	// As the server shows the created connection: what was sent, plus
	// defaults.
	orphan := `{"id":"con_c","name":"c","strategy":"auth0","display_name":"Users","enabled_clients":[],
		"options":{"passwordPolicy":"good","password_complexity_options":{"min_length":12.0},"brute_force_protection":true}}`
	cases := []struct {
		name, existing string
		used           bool
		adopt          bool
	}{
		{name: "identical", existing: orphan, adopt: true},
		{name: "another strategy", existing: strings.Replace(orphan, `"auth0"`, `"google-oauth2"`, 1)},
		{name: "another option value", existing: strings.Replace(orphan, `"good"`, `"fair"`, 1)},
		{name: "a nested option value", existing: strings.Replace(orphan, `12.0`, `8`, 1)},
		{name: "a missing option", existing: strings.Replace(orphan, `"passwordPolicy":"good",`, ``, 1)},
		{name: "another display name", existing: strings.Replace(orphan, `"Users"`, `"Staff"`, 1)},
		{name: "no display name", existing: strings.Replace(orphan, `"display_name":"Users",`, ``, 1)},
		{name: "used by an application", existing: orphan, used: true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tn := newTenant()
			tn.conns["c"] = tc.existing
			tn.used["con_c"] = tc.used
			f, c := newFake(t, tn.handlers(func(w http.ResponseWriter, _ *http.Request, n int) {
				if n == 1 {
					dropConnection(w)
					return
				}
				writeJSON(w, 409, `{"statusCode":409,"error":"Conflict","message":"A connection with the same name already exists","errorCode":"connection_conflict"}`)
			}))
			conn, err := c.CreateConnection(context.Background(), requested())
			switch {
			case tc.adopt && (err != nil || conn.ID != "con_c"):
				t.Fatalf("got %v, %v; want con_c adopted", conn, err)
			case !tc.adopt && (err == nil || !strings.Contains(err.Error(), "not adopted")):
				t.Fatalf("got %v, %v; want an error saying it was not adopted", conn, err)
			}
			if n := f.count("POST /api/v2/connections"); n != 1 {
				t.Errorf("%d POSTs, want 1", n)
			}
		})
	}
}

// A 409 that follows no lost answer is reported, however alike the
// existing connection: it may have been made outside Terraform.
func TestFirstConflictIsNotAdopted(t *testing.T) {
	tn := newTenant()
	tn.conns["c"] = `{"id":"con_c","name":"c","strategy":"auth0","display_name":"Users","options":{"passwordPolicy":"good","password_complexity_options":{"min_length":12}}}`
	f, c := newFake(t, tn.handlers(func(w http.ResponseWriter, _ *http.Request, _ int) {
		writeJSON(w, 409, `{"statusCode":409,"error":"Conflict","message":"A connection with the same name already exists","errorCode":"connection_conflict"}`)
	}))
	if _, err := c.CreateConnection(context.Background(), requested()); !IsStatus(err, 409) {
		t.Fatalf("err = %v, want the 409", err)
	}
	if n := f.count("GET /api/v2/connections"); n != 0 {
		t.Errorf("%d lookups, want none", n)
	}
}

func TestMatchesRequest(t *testing.T) {
	s := func(v string) *string { return &v }
	b := func(v bool) *bool { return &v }
	base := func() *Connection {
		return &Connection{Name: s("c"), Strategy: s("auth0"), ShowAsButton: b(true), Realms: &[]string{"a", "b"},
			Metadata: &map[string]string{"k": "v"}, Authentication: &Authentication{Active: true},
			Options: json.RawMessage(`{"a":{"b":[1,2]},"n":null}`)}
	}
	if r := matchesRequest(base(), base()); r != "" {
		t.Errorf("identical: %s", r)
	}
	for name, edit := range map[string]func(*Connection){
		"realms":         func(c *Connection) { c.Realms = &[]string{"a"} },
		"show_as_button": func(c *Connection) { c.ShowAsButton = b(false) },
		"metadata":       func(c *Connection) { c.Metadata = &map[string]string{"k": "w"} },
		"authentication": func(c *Connection) { c.Authentication = nil },
		"options array":  func(c *Connection) { c.Options = json.RawMessage(`{"a":{"b":[1]}}`) },
		"options object": func(c *Connection) { c.Options = json.RawMessage(`{"a":1}`) },
		"no options":     func(c *Connection) { c.Options = nil },
	} {
		existing := base()
		edit(existing)
		if r := matchesRequest(existing, base()); r == "" {
			t.Errorf("%s differs, yet matches", name)
		}
	}
	// What the request leaves out may be anything on the server.
	existing := base()
	existing.DisplayName = s("x")
	existing.Options = json.RawMessage(`{"a":{"b":[1,2],"c":3},"d":4}`)
	if r := matchesRequest(existing, base()); r != "" {
		t.Errorf("extra server values: %s", r)
	}
}
