package auth0api

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/oauth2"
	"golang.org/x/oauth2/clientcredentials"
)

// CredentialsError is the provider's credentials refused for good: the
// token endpoint answered 401 or 403 to the client credentials grant, or
// the API rejected the static api_token. It is not retried, and the Client
// remembers it: every later request of the same provider instance fails
// with it at once, without asking Auth0 again.
//
// It never holds the client secret nor any token.
type CredentialsError struct {
	// Domain is the tenant's base URL, Audience the audience asked for
	// (empty with an api_token), ClientID the client_id used (empty with an
	// api_token).
	Domain, Audience, ClientID string
	// StaticToken reports that the api_token was rejected.
	StaticToken bool
	// StatusCode, Code and Description are Auth0's answer.
	StatusCode        int
	Code, Description string
}

func (e *CredentialsError) Error() string {
	var b strings.Builder
	if e.StaticToken {
		fmt.Fprintf(&b, "the Management API of %s refused the api_token: %d %s", e.Domain, e.StatusCode, http.StatusText(e.StatusCode))
	} else {
		fmt.Fprintf(&b, "%s/oauth/token refused the client credentials grant of client_id %q for audience %q: %d %s",
			e.Domain, e.ClientID, e.Audience, e.StatusCode, http.StatusText(e.StatusCode))
	}
	if e.Code != "" {
		fmt.Fprintf(&b, " (%s)", e.Code)
	}
	if e.Description != "" {
		fmt.Fprintf(&b, ": %s", e.Description)
	}
	b.WriteString(". ")
	b.WriteString(e.Fix())
	return b.String()
}

// Summary is a title for a diagnostic.
func (e *CredentialsError) Summary() string {
	switch {
	case e.StaticToken:
		return "Invalid Auth0 API Token"
	case e.StatusCode == http.StatusForbidden:
		return "Auth0 Token Request Forbidden"
	default:
		return "Invalid Auth0 Credentials"
	}
}

// Fix says which setting to correct.
func (e *CredentialsError) Fix() string {
	switch {
	case e.StaticToken:
		return "Check api_token in the provider block (or AUTH0_API_TOKEN): it may have expired or belong to another tenant; " +
			"or use client credentials (client_id and client_secret) instead."
	case e.StatusCode == http.StatusForbidden:
		return fmt.Sprintf("Check audience in the provider block (or AUTH0_AUDIENCE): leave it unset for the tenant's Management API "+
			"(%s/api/v2/), or set it to the Management API identifier of this tenant; and check that the application "+
			"(client_id %q) is authorized for that API (it needs a client grant for it).", e.Domain, e.ClientID)
	default:
		return fmt.Sprintf("Check client_id and client_secret in the provider block (or AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET): "+
			"they must be those of a machine-to-machine application of %s; or set api_token (AUTH0_API_TOKEN) instead.", e.Domain)
	}
}

// credentialsGuard remembers a CredentialsError for the life of a Client and
// serializes token fetches, so that many requests waiting for a token make
// one fetch between them and, when it is refused, none after it.
type credentialsGuard struct {
	failed atomic.Pointer[CredentialsError]
	fetch  sync.Mutex
}

// err returns the remembered error, or nil.
func (g *credentialsGuard) err() error {
	if e := g.failed.Load(); e != nil {
		return e
	}
	return nil
}

// remember keeps the first refusal.
func (g *credentialsGuard) remember(e *CredentialsError) *CredentialsError {
	g.failed.CompareAndSwap(nil, e)
	return g.failed.Load()
}

// guardedSource is a token source that fails at once once the credentials
// were refused, and turns a refusal into a CredentialsError.
type guardedSource struct {
	guard *credentialsGuard
	src   oauth2.TokenSource
	// refused builds the error from the token endpoint's answer.
	refused func(*oauth2.RetrieveError) *CredentialsError
}

func (s *guardedSource) Token() (*oauth2.Token, error) {
	if err := s.guard.err(); err != nil {
		return nil, err
	}
	s.guard.fetch.Lock()
	defer s.guard.fetch.Unlock()
	if err := s.guard.err(); err != nil {
		return nil, err
	}
	tok, err := s.src.Token()
	var re *oauth2.RetrieveError
	if errors.As(err, &re) && re.Response != nil &&
		(re.Response.StatusCode == http.StatusUnauthorized || re.Response.StatusCode == http.StatusForbidden) {
		return nil, s.guard.remember(s.refused(re))
	}
	if err != nil {
		// Other failures (5xx, 429, the network) are transient: the request
		// that needed the token is tried again. The error text of the
		// token endpoint's answer carries no credential.
		return nil, fmt.Errorf("fetching a Management API token: %w", err)
	}
	return tok, nil
}

// clientCredentialsTransport authenticates requests with tokens of the
// client credentials grant, as the SDK's own option does (the SDK has no
// option for a custom token source, so this transport sits below it and
// sets the Authorization header it sends). Token requests go through base
// and are bounded by timeout.
func clientCredentialsTransport(ctx context.Context, base *http.Client, timeout time.Duration, guard *credentialsGuard, domain *url.URL, clientID, clientSecret, audience string) http.RoundTripper {
	// base refuses other origins (guardedClient); its CheckRedirect makes the
	// refusal of a redirect the error of the token request.
	tokenClient := &http.Client{Transport: base.Transport, CheckRedirect: base.CheckRedirect, Timeout: timeout}
	// The token source outlives the call that configures the provider.
	ctx = context.WithValue(context.WithoutCancel(ctx), oauth2.HTTPClient, tokenClient)
	cfg := &clientcredentials.Config{
		ClientID:       clientID,
		ClientSecret:   clientSecret,
		TokenURL:       domain.String() + "/oauth/token",
		EndpointParams: url.Values{"audience": {audience}},
	}
	src := &guardedSource{
		guard: guard,
		src:   cfg.TokenSource(ctx),
		refused: func(re *oauth2.RetrieveError) *CredentialsError {
			return &CredentialsError{
				Domain:      domain.String(),
				Audience:    audience,
				ClientID:    clientID,
				StatusCode:  re.Response.StatusCode,
				Code:        redact(re.ErrorCode, clientSecret),
				Description: redact(truncate(re.ErrorDescription, 512), clientSecret),
			}
		},
	}
	return &oauth2.Transport{Base: base.Transport, Source: src}
}

// redact removes a secret from text that came from a server, in case one
// ever echoes it.
func redact(text, secret string) string {
	if secret == "" {
		return text
	}
	return strings.ReplaceAll(text, secret, "[redacted]")
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}
