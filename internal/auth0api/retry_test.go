package auth0api

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeAPI is a scripted Management API: each handler call gets the number
// of the request to its route, counted from 1.
type fakeAPI struct {
	mu       sync.Mutex
	calls    map[string]int
	tokens   int
	handlers map[string]func(w http.ResponseWriter, r *http.Request, n int)
}

func newFake(t *testing.T, handlers map[string]func(w http.ResponseWriter, r *http.Request, n int)) (*fakeAPI, *Client) {
	return newFakeWith(t, nil, handlers)
}

// newFakeWith is newFake with the client's Config edited by edit. A
// "POST /oauth/token" handler replaces the fake's token endpoint.
func newFakeWith(t *testing.T, edit func(*Config), handlers map[string]func(w http.ResponseWriter, r *http.Request, n int)) (*fakeAPI, *Client) {
	t.Helper()
	f := &fakeAPI{calls: map[string]int{}, handlers: handlers}
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	cfg := Config{Domain: srv.URL, ClientID: "id", ClientSecret: "secret", MaxRequestRate: 1000, RequestTimeout: 2 * time.Second}
	if edit != nil {
		edit(&cfg)
	}
	c, err := New(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	return f, c
}

func (f *fakeAPI) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if h := f.handlers["POST /oauth/token"]; h != nil && r.URL.Path == "/oauth/token" {
		f.mu.Lock()
		f.tokens++
		n := f.tokens
		f.mu.Unlock()
		h(w, r, n)
		return
	}
	if r.URL.Path == "/oauth/token" {
		f.mu.Lock()
		f.tokens++
		token := fmt.Sprintf("token-%d", f.tokens)
		f.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"access_token":%q,"expires_in":86400,"token_type":"Bearer"}`, token)
		return
	}
	// Routed on the path as sent, escapes and all, as Auth0 routes it: a
	// decoded path would take connections%2Fcon_1 for connections/con_1.
	key := r.Method + " " + r.URL.EscapedPath()
	f.mu.Lock()
	f.calls[key]++
	n := f.calls[key]
	h := f.handlers[key]
	f.mu.Unlock()
	if h == nil {
		w.WriteHeader(http.StatusNotFound)
		return
	}
	h(w, r, n)
}

func (f *fakeAPI) count(key string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.calls[key]
}

func writeJSON(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write([]byte(body))
}

// dropConnection closes the connection without an answer, after the
// request was read: the server acted, the client never hears of it.
func dropConnection(w http.ResponseWriter) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		panic("cannot hijack")
	}
	conn, _, err := hj.Hijack()
	if err == nil {
		conn.Close()
	}
}

// noClients answers GET /connections/{id}/clients for a connection that no
// application uses.
func noClients(w http.ResponseWriter, _ *http.Request, _ int) { writeJSON(w, 200, `{"clients":[]}`) }

const connJSON = `{"id":"con_0123456789abcdef","name":"c","strategy":"auth0","options":{}}`

func TestRetriesRateLimitedRequests(t *testing.T) {
	f, c := newFake(t, map[string]func(http.ResponseWriter, *http.Request, int){
		"GET /api/v2/connections/con_1": func(w http.ResponseWriter, _ *http.Request, n int) {
			if n <= 2 {
				w.Header().Set("X-RateLimit-Limit", "2")
				w.Header().Set("X-RateLimit-Remaining", "0")
				w.Header().Set("X-RateLimit-Reset", strconv.FormatInt(time.Now().Unix(), 10))
				writeJSON(w, 429, `{"statusCode":429,"error":"Too Many Requests","message":"Global limit has been reached","errorCode":"too_many_requests"}`)
				return
			}
			writeJSON(w, 200, connJSON)
		},
	})
	if _, err := c.ReadConnection(context.Background(), "con_1"); err != nil {
		t.Fatalf("a rate-limited read was not retried: %v", err)
	}
	if got := f.count("GET /api/v2/connections/con_1"); got != 3 {
		t.Errorf("%d requests, want 3", got)
	}
}

func TestRetryAfterIsHonoured(t *testing.T) {
	var first time.Time
	var gap time.Duration
	_, c := newFake(t, map[string]func(http.ResponseWriter, *http.Request, int){
		"GET /api/v2/connections/con_1": func(w http.ResponseWriter, _ *http.Request, n int) {
			if n == 1 {
				first = time.Now()
				w.Header().Set("Retry-After", "1")
				writeJSON(w, 429, `{"statusCode":429,"error":"Too Many Requests","message":"slow down"}`)
				return
			}
			gap = time.Since(first)
			writeJSON(w, 200, connJSON)
		},
	})
	if _, err := c.ReadConnection(context.Background(), "con_1"); err != nil {
		t.Fatal(err)
	}
	if gap < 900*time.Millisecond {
		t.Errorf("retried after %v, before Retry-After's 1s", gap)
	}
}

func TestRetriesServerErrorsOfIdempotentRequests(t *testing.T) {
	f, c := newFake(t, map[string]func(http.ResponseWriter, *http.Request, int){
		"PATCH /api/v2/connections/con_1": func(w http.ResponseWriter, _ *http.Request, n int) {
			switch n {
			case 1:
				writeJSON(w, 503, `{"statusCode":503,"error":"Service Unavailable","message":"try later"}`)
			case 2:
				dropConnection(w)
			default:
				writeJSON(w, 200, connJSON)
			}
		},
	})
	name := "x"
	if _, err := c.UpdateConnection(context.Background(), "con_1", &Connection{DisplayName: &name}); err != nil {
		t.Fatalf("a PATCH after a 503 and a dropped connection was not retried: %v", err)
	}
	if got := f.count("PATCH /api/v2/connections/con_1"); got != 3 {
		t.Errorf("%d requests, want 3", got)
	}
}

func TestRenewsTokenOnceOn401(t *testing.T) {
	f, c := newFake(t, map[string]func(http.ResponseWriter, *http.Request, int){
		"GET /api/v2/connections/con_1": func(w http.ResponseWriter, r *http.Request, _ int) {
			if r.Header.Get("Authorization") == "Bearer token-1" {
				writeJSON(w, 401, `{"statusCode":401,"error":"Unauthorized","message":"Invalid token"}`)
				return
			}
			writeJSON(w, 200, connJSON)
		},
		"GET /api/v2/connections/con_2": func(w http.ResponseWriter, _ *http.Request, _ int) {
			writeJSON(w, 401, `{"statusCode":401,"error":"Unauthorized","message":"Invalid token"}`)
		},
	})
	if _, err := c.ReadConnection(context.Background(), "con_1"); err != nil {
		t.Fatalf("an expired token was not renewed: %v", err)
	}
	if f.tokens != 2 {
		t.Errorf("%d tokens fetched, want 2", f.tokens)
	}
	_, err := c.ReadConnection(context.Background(), "con_2")
	if !IsStatus(err, 401) || f.count("GET /api/v2/connections/con_2") != 2 {
		t.Errorf("a 401 that persists after a new token: err %v after %d requests, want the 401 after 2", err, f.count("GET /api/v2/connections/con_2"))
	}
}

func TestPostIsNotRetriedBlindly(t *testing.T) {
	f, c := newFake(t, map[string]func(http.ResponseWriter, *http.Request, int){
		"POST /api/v2/connections": func(w http.ResponseWriter, _ *http.Request, _ int) {
			writeJSON(w, 400, `{"statusCode":400,"error":"Bad Request","message":"nope","errorCode":"invalid_body"}`)
		},
	})
	name, strategy := "c", "auth0"
	if _, err := c.CreateConnection(context.Background(), &Connection{Name: &name, Strategy: &strategy}); !IsStatus(err, 400) {
		t.Fatalf("err = %v, want the 400", err)
	}
	if got := f.count("POST /api/v2/connections"); got != 1 {
		t.Errorf("a rejected POST was sent %d times", got)
	}
}

// A create whose answer is lost is adopted, not sent again: no duplicate.
func TestLostCreateIsAdopted(t *testing.T) {
	var mu sync.Mutex
	created := false
	f, c := newFake(t, map[string]func(http.ResponseWriter, *http.Request, int){
		"POST /api/v2/connections": func(w http.ResponseWriter, _ *http.Request, n int) {
			mu.Lock()
			defer mu.Unlock()
			if created {
				writeJSON(w, 409, `{"statusCode":409,"error":"Conflict","message":"A connection with the same name already exists","errorCode":"connection_conflict"}`)
				return
			}
			created = true
			dropConnection(w)
		},
		"GET /api/v2/connections": func(w http.ResponseWriter, r *http.Request, _ int) {
			if r.URL.Query().Get("name") != "c" {
				writeJSON(w, 400, `{}`)
				return
			}
			writeJSON(w, 200, "["+connJSON+"]")
		},
		"GET /api/v2/connections/con_0123456789abcdef/clients": noClients,
	})
	name, strategy := "c", "auth0"
	conn, err := c.CreateConnection(context.Background(), &Connection{Name: &name, Strategy: &strategy})
	if err != nil {
		t.Fatalf("a create whose answer was lost failed: %v", err)
	}
	if conn.ID != "con_0123456789abcdef" || f.count("POST /api/v2/connections") != 1 {
		t.Errorf("adopted %q after %d POSTs, want the existing connection after 1", conn.ID, f.count("POST /api/v2/connections"))
	}
}

// A create that failed before it took effect is sent again.
func TestLostCreateThatDidNotHappenIsSentAgain(t *testing.T) {
	f, c := newFake(t, map[string]func(http.ResponseWriter, *http.Request, int){
		"POST /api/v2/connections": func(w http.ResponseWriter, _ *http.Request, n int) {
			if n == 1 {
				writeJSON(w, 503, `{"statusCode":503,"error":"Service Unavailable","message":"down"}`)
				return
			}
			writeJSON(w, 201, connJSON)
		},
		"GET /api/v2/connections": func(w http.ResponseWriter, _ *http.Request, _ int) { writeJSON(w, 200, "[]") },
	})
	name, strategy := "c", "auth0"
	if _, err := c.CreateConnection(context.Background(), &Connection{Name: &name, Strategy: &strategy}); err != nil {
		t.Fatal(err)
	}
	if got := f.count("POST /api/v2/connections"); got != 2 {
		t.Errorf("%d POSTs, want 2", got)
	}
}

// A name taken by a connection of another strategy is not adopted.
func TestLostCreateDoesNotAdoptAnotherStrategy(t *testing.T) {
	_, c := newFake(t, map[string]func(http.ResponseWriter, *http.Request, int){
		"POST /api/v2/connections": func(w http.ResponseWriter, _ *http.Request, _ int) {
			writeJSON(w, 500, `{"statusCode":500,"error":"Internal Server Error","message":"oops"}`)
		},
		"GET /api/v2/connections": func(w http.ResponseWriter, _ *http.Request, _ int) {
			writeJSON(w, 200, `[{"id":"con_x","name":"c","strategy":"github"}]`)
		},
	})
	name, strategy := "c", "auth0"
	if _, err := c.CreateConnection(context.Background(), &Connection{Name: &name, Strategy: &strategy}); !IsStatus(err, 500) {
		t.Fatalf("err = %v, want the 500", err)
	}
}

// The whole operation stops when its context does.
func TestRetriesStopAtTheDeadline(t *testing.T) {
	_, c := newFake(t, map[string]func(http.ResponseWriter, *http.Request, int){
		"GET /api/v2/connections/con_1": func(w http.ResponseWriter, _ *http.Request, _ int) {
			w.Header().Set("Retry-After", "30")
			writeJSON(w, 429, `{"statusCode":429,"error":"Too Many Requests","message":"later"}`)
		},
	})
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := c.ReadConnection(ctx, "con_1")
	if err == nil || time.Since(start) > 5*time.Second {
		t.Fatalf("err %v after %v: the deadline did not stop the retries", err, time.Since(start))
	}
	if !strings.Contains(err.Error(), "deadline") {
		t.Errorf("err = %v, want it to say the deadline passed", err)
	}
}

func TestRateLimitWait(t *testing.T) {
	now := time.Unix(1000, 0)
	h := http.Header{}
	h.Set("X-RateLimit-Reset", "1003")
	if w := rateLimitWait(h, now); w < 3*time.Second || w > 3200*time.Millisecond {
		t.Errorf("wait until reset = %v, want about 3s", w)
	}
	h.Set("Retry-After", "1")
	if w := rateLimitWait(h, now); w < time.Second || w > 1200*time.Millisecond {
		t.Errorf("Retry-After wait = %v, want about 1s", w)
	}
	h = http.Header{}
	h.Set("X-RateLimit-Reset", "99999999")
	if w := rateLimitWait(h, now); w > maxRateLimitWait {
		t.Errorf("a far reset waits %v, more than the cap", w)
	}
}
