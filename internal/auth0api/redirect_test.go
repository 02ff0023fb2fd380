package auth0api

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

const (
	redirectTestSecret   = "redirect-test-client-secret-Q8v"
	redirectTestAPIToken = "redirect-test-api-token-Z3k"
	redirectTestToken    = "redirect-test-issued-token-M5p"
)

// catcher is the server a redirect points to: it records every request it
// receives, and what credentials came with them.
type catcher struct {
	srv *httptest.Server
	mu  sync.Mutex
	got []string
}

func newCatcher(t *testing.T, addr string, tls bool) *catcher {
	t.Helper()
	c := &catcher{}
	c.srv = httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		c.mu.Lock()
		c.got = append(c.got, r.Method+" "+r.URL.Path+" Authorization="+r.Header.Get("Authorization")+" body="+string(body))
		c.mu.Unlock()
		writeJSON(w, http.StatusOK, `{"access_token":"caught","expires_in":86400,"token_type":"Bearer","id":"con_1"}`)
	}))
	if addr != "" {
		l, err := net.Listen("tcp", addr)
		if err != nil {
			t.Skipf("cannot listen on %s: %v", addr, err)
		}
		c.srv.Listener.Close()
		c.srv.Listener = l
	}
	if tls {
		c.srv.StartTLS()
	} else {
		c.srv.Start()
	}
	t.Cleanup(c.srv.Close)
	return c
}

func (c *catcher) requests() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]string(nil), c.got...)
}

// redirectingTenant is the server the domain names. redirects maps "METHOD path" to a
// URL it answers 307 with; other API requests get a connection, token
// requests a token.
func redirectingTenant(t *testing.T, tls bool, redirects map[string]string) (*httptest.Server, *sync.Map) {
	t.Helper()
	var seen sync.Map // "METHOD path" -> Authorization of the last such request
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		key := r.Method + " " + r.URL.Path
		seen.Store(key, r.Header.Get("Authorization"))
		if to, ok := redirects[key]; ok {
			w.Header().Set("Location", to)
			w.WriteHeader(http.StatusTemporaryRedirect)
			return
		}
		if r.URL.Path == "/oauth/token" {
			writeJSON(w, http.StatusOK, `{"access_token":"`+redirectTestToken+`","expires_in":86400,"token_type":"Bearer"}`)
			return
		}
		writeJSON(w, http.StatusOK, `{"id":"con_1","name":"n","strategy":"auth0"}`)
	})
	srv := httptest.NewUnstartedServer(h)
	if tls {
		srv.StartTLS()
	} else {
		srv.Start()
	}
	t.Cleanup(srv.Close)
	return srv, &seen
}

func newRedirectClient(t *testing.T, domain string, staticToken bool, httpClient *http.Client) *Client {
	t.Helper()
	cfg := Config{Domain: domain, MaxRequestRate: 1000, RequestTimeout: 2 * time.Second, HTTPClient: httpClient}
	if staticToken {
		cfg.APIToken = redirectTestAPIToken
	} else {
		cfg.ClientID, cfg.ClientSecret = "redirect-test-id", redirectTestSecret
	}
	c, err := New(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// expectRefused checks that err is a RedirectError naming location, that it
// carries no credential, and that the catcher heard nothing.
func expectRefused(t *testing.T, err error, location string, caught *catcher) {
	t.Helper()
	if got := caught.requests(); len(got) > 0 {
		t.Errorf("the redirect was followed: the other origin received %q", got)
	}
	var redirect *RedirectError
	if !errors.As(err, &redirect) {
		t.Fatalf("error = %v (%T), want a RedirectError", err, err)
	}
	if !strings.Contains(err.Error(), location) {
		t.Errorf("the error does not name the location %s: %v", location, err)
	}
	for _, secret := range []string{redirectTestSecret, redirectTestAPIToken, redirectTestToken} {
		if strings.Contains(err.Error(), secret) {
			t.Errorf("the error holds a credential: %v", err)
		}
	}
}

// No API call follows a redirect to another host, another port, or from
// https to http, with either kind of credentials; the refusal is not
// retried.
func TestRedirectToAnotherOriginIsNotFollowed(t *testing.T) {
	for _, tc := range []struct {
		name               string
		catcherAddr        string
		tenantTLS, toPlain bool
	}{
		{name: "another host", catcherAddr: "127.0.0.2:0"},
		{name: "another port", catcherAddr: "127.0.0.1:0"},
		{name: "https to http", catcherAddr: "127.0.0.1:0", tenantTLS: true, toPlain: true},
	} {
		for _, static := range []bool{true, false} {
			name := tc.name + "/client credentials"
			if static {
				name = tc.name + "/api_token"
			}
			t.Run(name, func(t *testing.T) {
				caught := newCatcher(t, tc.catcherAddr, false)
				location := caught.srv.URL + "/api/v2/connections/con_1"
				srv, seen := redirectingTenant(t, tc.tenantTLS, map[string]string{"GET /api/v2/connections/con_1": location})
				var httpClient *http.Client
				if tc.tenantTLS {
					httpClient = srv.Client()
				}
				c := newRedirectClient(t, srv.URL, static, httpClient)
				_, err := c.ReadConnection(context.Background(), "con_1")
				expectRefused(t, err, location, caught)
				if auth, _ := seen.Load("GET /api/v2/connections/con_1"); auth == "" {
					t.Error("the tenant itself got no Authorization header")
				}
			})
		}
	}
}

// A create answered with a redirect elsewhere fails at once: no lookup by
// name follows, as no answer was lost.
func TestRedirectedCreateIsNotFollowed(t *testing.T) {
	caught := newCatcher(t, "127.0.0.2:0", false)
	location := caught.srv.URL + "/api/v2/connections"
	srv, seen := redirectingTenant(t, false, map[string]string{"POST /api/v2/connections": location})
	c := newRedirectClient(t, srv.URL, false, nil)
	name, strategy := "n", "auth0"
	_, err := c.CreateConnection(context.Background(), &Connection{Name: &name, Strategy: &strategy})
	expectRefused(t, err, location, caught)
	if _, looked := seen.Load("GET /api/v2/connections"); looked {
		t.Error("a refused redirect was taken for a lost answer: the client looked the connection up")
	}
}

// A token request answered with a redirect elsewhere posts the client
// secret nowhere else.
func TestRedirectedTokenRequestIsNotFollowed(t *testing.T) {
	for _, tc := range []struct {
		name        string
		catcherAddr string
		tenantTLS   bool
	}{
		{name: "another host", catcherAddr: "127.0.0.2:0"},
		{name: "https to http", catcherAddr: "127.0.0.1:0", tenantTLS: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			caught := newCatcher(t, tc.catcherAddr, false)
			location := caught.srv.URL + "/oauth/token"
			srv, _ := redirectingTenant(t, tc.tenantTLS, map[string]string{"POST /oauth/token": location})
			var httpClient *http.Client
			if tc.tenantTLS {
				httpClient = srv.Client()
			}
			c := newRedirectClient(t, srv.URL, false, httpClient)
			_, err := c.ReadConnection(context.Background(), "con_1")
			expectRefused(t, err, location, caught)
		})
	}
}

// A redirect within the tenant's origin is followed, with the credentials,
// and the caller's HTTPClient is left as it was.
func TestSameOriginRedirectIsFollowed(t *testing.T) {
	srv, seen := redirectingTenant(t, true, map[string]string{"GET /api/v2/connections/con_1": "/api/v2/connections/con_2"})
	httpClient := srv.Client()
	transport := httpClient.Transport
	c := newRedirectClient(t, srv.URL, true, httpClient)
	conn, err := c.ReadConnection(context.Background(), "con_1")
	if err != nil {
		t.Fatal(err)
	}
	if conn.ID != "con_1" {
		t.Errorf("read %+v", conn)
	}
	if auth, _ := seen.Load("GET /api/v2/connections/con_2"); auth != "Bearer "+redirectTestAPIToken {
		t.Errorf("the same-origin hop got Authorization %q", auth)
	}
	if httpClient.Transport != transport {
		t.Error("New replaced the caller's Transport")
	}
	if httpClient.CheckRedirect != nil {
		t.Error("New set the caller's CheckRedirect")
	}
}

// The redirect policy itself: origins compare scheme, host and port, the
// default ones included, and the caller's own policy still applies.
func TestCheckRedirect(t *testing.T) {
	origin, err := ParseDomain("https://tenant.example.com")
	if err != nil {
		t.Fatal(err)
	}
	check := checkRedirect(origin, nil)
	for location, allowed := range map[string]bool{
		"https://tenant.example.com/x":     true,
		"https://TENANT.example.com:443/x": true,
		"http://tenant.example.com/x":      false,
		"https://tenant.example.com:8443/": false,
		"https://evil.example.com/x":       false,
		"https://tenant.example.com.evil/": false,
	} {
		req := httptest.NewRequest(http.MethodGet, location, nil)
		req.Response = &http.Response{StatusCode: http.StatusFound, Request: httptest.NewRequest(http.MethodGet, "https://tenant.example.com/api/v2/connections", nil)}
		err := check(req, []*http.Request{req.Response.Request})
		if (err == nil) != allowed {
			t.Errorf("redirect to %s: err = %v, want allowed = %v", location, err, allowed)
		}
	}
	stop := errors.New("caller's policy")
	req := httptest.NewRequest(http.MethodGet, "https://tenant.example.com/x", nil)
	if err := checkRedirect(origin, func(*http.Request, []*http.Request) error { return stop })(req, []*http.Request{req}); !errors.Is(err, stop) {
		t.Errorf("the caller's policy was not asked: %v", err)
	}
	via := make([]*http.Request, 10)
	if err := check(req, via); err == nil {
		t.Error("an 11th redirect was followed")
	}
}
