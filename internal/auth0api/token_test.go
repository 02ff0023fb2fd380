package auth0api

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

const tokenTestSecret = "tok-test-secret-7Yq2Wz"

// refusingTokenEndpoint answers every token request with status, the way
// Auth0 does; it echoes the client secret in its description, which the
// client must never repeat.
func refusingTokenEndpoint(status int, description string) func(http.ResponseWriter, *http.Request, int) {
	return func(w http.ResponseWriter, _ *http.Request, _ int) {
		writeJSON(w, status, fmt.Sprintf(`{"error":"access_denied","error_description":%q}`, description+" ("+tokenTestSecret+")"))
	}
}

// basicFetches counts the token fetches: oauth2 starts each with a request
// carrying the credentials as Basic auth and, when that is refused, probes
// the form-encoded style once more.
type basicFetches struct {
	mu           sync.Mutex
	fetches, all int
}

func (b *basicFetches) wrap(h func(http.ResponseWriter, *http.Request, int)) func(http.ResponseWriter, *http.Request, int) {
	return func(w http.ResponseWriter, r *http.Request, n int) {
		b.mu.Lock()
		b.all++
		if _, _, ok := r.BasicAuth(); ok {
			b.fetches++
		}
		b.mu.Unlock()
		h(w, r, n)
	}
}

func (b *basicFetches) counts() (int, int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.fetches, b.all
}

// readConcurrently reads n connections at once and returns their errors.
func readConcurrently(c *Client, n int) []error {
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			_, errs[i] = c.ReadConnection(context.Background(), fmt.Sprintf("con_%d", i))
		})
	}
	wg.Wait()
	return errs
}

func TestRefusedTokenIsAskedForOnce(t *testing.T) {
	for _, tc := range []struct {
		status      int
		audience    string
		description string
		wants       []string
	}{
		{http.StatusUnauthorized, "", "Unauthorized", []string{"client_id", "client_secret", "AUTH0_CLIENT_ID", "AUTH0_CLIENT_SECRET", "api_token", `"tok-test-id"`}},
		{http.StatusForbidden, "https://wrong.example.com/api/v2/", "Service not enabled within domain: https://wrong.example.com/api/v2/", []string{"audience", "AUTH0_AUDIENCE", "client grant"}},
	} {
		t.Run(http.StatusText(tc.status), func(t *testing.T) {
			var b basicFetches
			start := time.Now()
			f, c := newFakeWith(t, func(cfg *Config) {
				cfg.ClientID, cfg.ClientSecret, cfg.Audience = "tok-test-id", tokenTestSecret, tc.audience
			}, map[string]func(http.ResponseWriter, *http.Request, int){
				"POST /oauth/token": b.wrap(refusingTokenEndpoint(tc.status, tc.description)),
			})
			audience := tc.audience
			if audience == "" {
				audience = c.BaseURL() + "/api/v2/"
			}
			for i, err := range readConcurrently(c, 50) {
				var credErr *CredentialsError
				if !errors.As(err, &credErr) {
					t.Fatalf("read %d: err = %v (%T), want a *CredentialsError", i, err, err)
				}
				if credErr.StatusCode != tc.status {
					t.Errorf("read %d: status %d, want %d", i, credErr.StatusCode, tc.status)
				}
				text := err.Error()
				for _, want := range append([]string{c.BaseURL(), audience, tc.description}, tc.wants...) {
					if !strings.Contains(text, want) {
						t.Errorf("read %d: the error does not name %q:\n%s", i, want, text)
					}
				}
				if strings.Contains(text, tokenTestSecret) {
					t.Fatalf("read %d: the error quotes the client secret:\n%s", i, text)
				}
			}
			fetches, all := b.counts()
			if fetches != 1 || all > 2 {
				t.Errorf("50 concurrent reads made %d token fetches (%d requests), want 1 (at most 2 requests: oauth2 probes 2 auth styles)", fetches, all)
			}
			// Later requests fail at once, without a token request.
			name, strategy := "c", "auth0"
			if _, err := c.CreateConnection(context.Background(), &Connection{Name: &name, Strategy: &strategy}); !errors.As(err, new(*CredentialsError)) {
				t.Errorf("a later create: err = %v, want the remembered *CredentialsError", err)
			}
			if _, after := b.counts(); after != all {
				t.Errorf("a later request asked for a token again (%d requests, then %d)", all, after)
			}
			if n := f.count("GET /api/v2/connections/con_0") + f.count("POST /api/v2/connections"); n != 0 {
				t.Errorf("%d API requests went out without a token", n)
			}
			if elapsed := time.Since(start); elapsed > 5*time.Second {
				t.Errorf("failing took %v: the refusal was retried", elapsed)
			}
		})
	}
}

func TestTokenServerErrorsAreRetried(t *testing.T) {
	f, c := newFakeWith(t, nil, map[string]func(http.ResponseWriter, *http.Request, int){
		"POST /oauth/token": func(w http.ResponseWriter, _ *http.Request, n int) {
			if n <= 3 {
				writeJSON(w, http.StatusServiceUnavailable, `{"error":"temporarily_unavailable","error_description":"try later"}`)
				return
			}
			writeJSON(w, 200, `{"access_token":"token-ok","expires_in":86400,"token_type":"Bearer"}`)
		},
		"GET /api/v2/connections/con_1": func(w http.ResponseWriter, r *http.Request, _ int) {
			if r.Header.Get("Authorization") != "Bearer token-ok" {
				writeJSON(w, 401, `{"statusCode":401,"error":"Unauthorized","message":"Invalid token"}`)
				return
			}
			writeJSON(w, 200, connJSON)
		},
	})
	if _, err := c.ReadConnection(context.Background(), "con_1"); err != nil {
		t.Fatalf("a read after 503s of the token endpoint failed: %v", err)
	}
	if f.tokens < 4 || f.count("GET /api/v2/connections/con_1") != 1 {
		t.Errorf("%d token requests and %d reads, want 4 and 1", f.tokens, f.count("GET /api/v2/connections/con_1"))
	}
	if c.credentials.err() != nil {
		t.Errorf("a 503 was remembered as refused credentials: %v", c.credentials.err())
	}
}

// A POST whose token request fails with a 5xx never left: it is sent
// again, once a token comes.
func TestCreateAfterTokenServerErrorIsSent(t *testing.T) {
	f, c := newFakeWith(t, nil, map[string]func(http.ResponseWriter, *http.Request, int){
		"POST /oauth/token": func(w http.ResponseWriter, _ *http.Request, n int) {
			if n <= 2 {
				writeJSON(w, http.StatusBadGateway, `{}`)
				return
			}
			writeJSON(w, 200, `{"access_token":"token-ok","expires_in":86400,"token_type":"Bearer"}`)
		},
		"POST /api/v2/connections": func(w http.ResponseWriter, _ *http.Request, _ int) { writeJSON(w, 201, connJSON) },
	})
	name, strategy := "c", "auth0"
	if _, err := c.CreateConnection(context.Background(), &Connection{Name: &name, Strategy: &strategy}); err != nil {
		t.Fatal(err)
	}
	if got := f.count("POST /api/v2/connections"); got != 1 {
		t.Errorf("%d POSTs, want 1", got)
	}
}

// An api_token the API refuses, even after the one renewal, is remembered.
func TestRefusedAPITokenIsRemembered(t *testing.T) {
	const apiToken = "static-api-token-Q9v3"
	f, c := newFakeWith(t, func(cfg *Config) { cfg.ClientID, cfg.ClientSecret, cfg.APIToken = "", "", apiToken },
		map[string]func(http.ResponseWriter, *http.Request, int){
			"GET /api/v2/connections/con_0": func(w http.ResponseWriter, _ *http.Request, _ int) {
				writeJSON(w, 401, `{"statusCode":401,"error":"Unauthorized","message":"Expired token received for JSON Web Token validation"}`)
			},
		})
	_, err := c.ReadConnection(context.Background(), "con_0")
	var credErr *CredentialsError
	if !errors.As(err, &credErr) || !credErr.StaticToken {
		t.Fatalf("err = %v, want a *CredentialsError about the api_token", err)
	}
	if text := err.Error(); !strings.Contains(text, "api_token") || !strings.Contains(text, "AUTH0_API_TOKEN") || strings.Contains(text, apiToken) {
		t.Errorf("the error does not name api_token, or quotes it:\n%s", text)
	}
	if _, err := c.ReadConnection(context.Background(), "con_0"); !errors.As(err, new(*CredentialsError)) {
		t.Errorf("second read: err = %v", err)
	}
	if got := f.count("GET /api/v2/connections/con_0"); got != 2 {
		t.Errorf("%d reads, want 2: one, and one after renewing", got)
	}
}
