package auth0api

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// RedirectError is an answer redirecting a request to another origin than
// the tenant's (another scheme, host or port, https to http included), which
// the client does not follow: the hop would carry the Authorization header
// (go-auth0's oauth2 transport sets it again on every request) or, for a
// token request, the client credentials. It names the location, never a
// credential.
type RedirectError struct {
	// From is the URL redirected (without its query), Location where the
	// answer pointed, Origin the tenant's base URL.
	From, Location, Origin string
	// StatusCode is the redirect's status, when known.
	StatusCode int
}

func (e *RedirectError) Error() string {
	status := ""
	if e.StatusCode != 0 {
		status = fmt.Sprintf(" %d %s", e.StatusCode, http.StatusText(e.StatusCode))
	}
	return fmt.Sprintf("%s answered%s with a redirect to %s, which the provider does not follow: it leaves the tenant's "+
		"origin %s (scheme, host and port), and the credentials would go with it. Check domain in the provider block "+
		"(or AUTH0_DOMAIN): it must be the tenant's own host, not one that redirects elsewhere", e.From, status, e.Location, e.Origin)
}

// maxRedirects is Go's default limit.
const maxRedirects = 10

// sameOrigin reports whether u has the scheme, host and port of origin, the
// scheme's default port standing for no port.
func sameOrigin(u, origin *url.URL) bool {
	return strings.EqualFold(u.Scheme, origin.Scheme) &&
		strings.EqualFold(u.Hostname(), origin.Hostname()) &&
		portOf(u) == portOf(origin)
}

func portOf(u *url.URL) string {
	if p := u.Port(); p != "" {
		return p
	}
	switch strings.ToLower(u.Scheme) {
	case "https":
		return "443"
	case "http":
		return "80"
	}
	return ""
}

// redirectRefused builds the error for a request to another origin than
// origin; req.Response, set by net/http on the requests of a redirect, is
// the answer that pointed there.
func redirectRefused(req *http.Request, origin *url.URL) *RedirectError {
	e := &RedirectError{Location: req.URL.Redacted(), Origin: origin.String()}
	if req.Response != nil {
		e.StatusCode = req.Response.StatusCode
		if from := req.Response.Request; from != nil && from.URL != nil {
			e.From = (&url.URL{Scheme: from.URL.Scheme, Host: from.URL.Host, Path: from.URL.Path}).String()
		}
	}
	if e.From == "" {
		e.From = origin.String()
	}
	return e
}

// checkRedirect is an http.Client's CheckRedirect that follows a redirect
// only within origin, at most maxRedirects times, and then asks next (the
// caller's own policy), when set.
func checkRedirect(origin *url.URL, next func(*http.Request, []*http.Request) error) func(*http.Request, []*http.Request) error {
	return func(req *http.Request, via []*http.Request) error {
		if !sameOrigin(req.URL, origin) {
			return redirectRefused(req, origin)
		}
		if len(via) >= maxRedirects {
			return fmt.Errorf("stopped after %d redirects", maxRedirects)
		}
		if next != nil {
			return next(req, via)
		}
		return nil
	}
}

// originGuard is the transport below every other (the SDK's oauth2
// transport and the token source's included): it refuses any request to
// another origin than the tenant's. The SDK builds its own http.Client
// around the one it is given and drops its CheckRedirect, so a redirect is
// stopped here, after the oauth2 transport set the Authorization header
// and before anything is sent.
type originGuard struct {
	base   http.RoundTripper
	origin *url.URL
}

func (g *originGuard) RoundTrip(req *http.Request) (*http.Response, error) {
	if !sameOrigin(req.URL, g.origin) {
		if req.Body != nil {
			_ = req.Body.Close()
		}
		return nil, redirectRefused(req, g.origin)
	}
	return g.base.RoundTrip(req)
}

// guardedClient returns a client for requests to origin that sends none
// elsewhere: base's settings, its transport below an originGuard and its
// redirect policy within checkRedirect. base is not modified.
func guardedClient(base *http.Client, origin *url.URL) *http.Client {
	if base == nil {
		base = http.DefaultClient
	}
	transport := base.Transport
	if transport == nil {
		transport = http.DefaultTransport
	}
	return &http.Client{
		Transport:     &originGuard{base: transport, origin: origin},
		CheckRedirect: checkRedirect(origin, base.CheckRedirect),
		Jar:           base.Jar,
		Timeout:       base.Timeout,
	}
}

// asRedirectError finds a refused redirect in err.
func asRedirectError(err error) (*RedirectError, bool) {
	var re *RedirectError
	ok := errors.As(err, &re)
	return re, ok
}
