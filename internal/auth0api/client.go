// Package auth0api talks to the Auth0 Management API for connections.
//
// Tokens and transport come from the official SDK (github.com/auth0/go-auth0),
// but connection bodies travel as raw JSON in this package's own types, so no
// option the API returns is dropped by a typed struct.
package auth0api

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/auth0/go-auth0/management"
	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// Config holds what the provider block (or the environment) says.
type Config struct {
	// Domain is a host name ("tenant.eu.auth0.com") or a URL.
	Domain       string
	ClientID     string
	ClientSecret string
	APIToken     string
	// Audience defaults to "<domain URL>/api/v2/".
	Audience  string
	UserAgent string
	// HTTPClient is the base client, for tests; nil uses http.DefaultClient.
	// It is not modified: the client sends through a copy that refuses any
	// request to another origin than the domain's (see RedirectError) and
	// follows redirects only within it, then as HTTPClient's policy says.
	HTTPClient *http.Client
	// MaxRequestRate, when above 0, caps the requests per second of all
	// the resources one provider instance serves; 0 sets no ceiling. Either
	// way the client paces itself from the tenant's X-RateLimit-* headers.
	MaxRequestRate float64
	// RequestTimeout bounds one attempt of one request; 0 uses
	// DefaultRequestTimeout.
	RequestTimeout time.Duration
}

// DefaultRequestTimeout is the default of RequestTimeout.
const DefaultRequestTimeout = 30 * time.Second

// Client is a Management API client for connections. It is safe for
// concurrent use by all the resources of one provider instance.
type Client struct {
	baseURL        *url.URL
	requestTimeout time.Duration
	limiter        *limiter
	// newSDK builds the SDK client; rebuilding it drops a cached token
	// the API no longer accepts.
	newSDK          func() (*management.Management, error)
	sdkMu           sync.Mutex
	sdk             *management.Management
	connectionLocks keyedMutex
	// onWrite, when set, hears of every connection this client writes.
	onWrite atomic.Pointer[func(id string)]
	// credentials remembers credentials Auth0 refused: every request
	// after that fails at once.
	credentials *credentialsGuard
	staticToken bool
	domain      string
}

// ParseDomain turns the domain setting into a base URL. A bare host name
// means https; plain http is accepted only for loopback hosts, where the
// emulator runs, so a typo can never send credentials in clear text.
func ParseDomain(domain string) (*url.URL, error) {
	domain = strings.TrimSpace(domain)
	if domain == "" {
		return nil, errors.New("the domain is empty")
	}
	if !strings.Contains(domain, "://") {
		domain = "https://" + domain
	}
	u, err := url.Parse(domain)
	if err != nil {
		return nil, fmt.Errorf("%q is not a host name or URL: %w", domain, err)
	}
	if u.Host == "" || u.Hostname() == "" {
		return nil, fmt.Errorf("%q has no host name", domain)
	}
	if u.Path != "" && u.Path != "/" || u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return nil, fmt.Errorf("%q must be a host name or a URL without a path, query or credentials", domain)
	}
	switch u.Scheme {
	case "https":
	case "http":
		if !IsLoopback(u.Hostname()) {
			return nil, fmt.Errorf("%q uses plain http, which is accepted only for loopback hosts (127.0.0.0/8, ::1, localhost); use https", domain)
		}
	default:
		return nil, fmt.Errorf("%q has scheme %q; use https (or http for a loopback host)", domain, u.Scheme)
	}
	return &url.URL{Scheme: u.Scheme, Host: u.Host}, nil
}

// IsLoopback reports whether host names this machine.
func IsLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// New returns a client; the first token is fetched on the first request.
func New(ctx context.Context, cfg Config) (*Client, error) {
	base, err := ParseDomain(cfg.Domain)
	if err != nil {
		return nil, err
	}
	timeout := cfg.RequestTimeout
	if timeout <= 0 {
		timeout = DefaultRequestTimeout
	}
	opts := []management.Option{
		// Retries are this package's job: the SDK would retry a POST blindly.
		management.WithNoRetries(),
		management.WithNoAuth0ClientInfo(),
	}
	if cfg.UserAgent != "" {
		opts = append(opts, management.WithUserAgent(cfg.UserAgent))
	}
	if base.Scheme == "http" {
		// WithInsecure switches the SDK's URLs to http (and sets a
		// placeholder token, replaced below).
		opts = append(opts, management.WithInsecure())
	}
	// No request, token requests included, leaves the domain's origin, not
	// even by a redirect: the SDK's oauth2 transport would set the
	// Authorization header again on the hop.
	httpClient := guardedClient(cfg.HTTPClient, base)
	guard := &credentialsGuard{}
	audience := ""
	if cfg.APIToken == "" {
		audience = cfg.Audience
		if audience == "" {
			audience = base.String() + "/api/v2/"
		}
	}
	newSDK := func() (*management.Management, error) {
		if cfg.APIToken != "" {
			return management.New(base.String(), append(slices.Clone(opts), management.WithClient(httpClient), management.WithStaticToken(cfg.APIToken))...)
		}
		// The SDK has no option for a token source of its own: its
		// Authorization header is a placeholder that the client
		// credentials transport below it replaces. A new transport has
		// no token yet, so rebuilding drops one the API refused.
		transport := clientCredentialsTransport(ctx, httpClient, timeout, guard, base, cfg.ClientID, cfg.ClientSecret, audience)
		return management.New(base.String(), append(slices.Clone(opts),
			management.WithClient(&http.Client{Transport: transport, CheckRedirect: httpClient.CheckRedirect, Timeout: httpClient.Timeout}),
			management.WithStaticToken("set-by-the-client-credentials-transport"))...)
	}
	sdk, err := newSDK()
	if err != nil {
		return nil, err
	}
	return &Client{
		baseURL:        base,
		requestTimeout: timeout,
		limiter:        newLimiter(cfg.MaxRequestRate),
		newSDK:         newSDK,
		sdk:            sdk,
		credentials:    guard,
		staticToken:    cfg.APIToken != "",
		domain:         base.String(),
	}, nil
}

// OnWrite has fn told the id of every connection this client creates,
// updates or deletes from now on (the refresh reader keeps them out of its
// listing).
func (c *Client) OnWrite(fn func(id string)) { c.onWrite.Store(&fn) }

func (c *Client) wrote(id string) {
	if fn := c.onWrite.Load(); fn != nil {
		(*fn)(id)
	}
}

// BaseURL is the tenant's base URL, e.g. https://tenant.eu.auth0.com.
func (c *Client) BaseURL() string { return c.baseURL.String() }

// currentSDK returns the SDK client in use.
func (c *Client) currentSDK() *management.Management {
	c.sdkMu.Lock()
	defer c.sdkMu.Unlock()
	return c.sdk
}

// renewToken replaces the SDK client, so that the next request fetches a
// new token, unless another request already did since stale was taken.
func (c *Client) renewToken(stale *management.Management) error {
	c.sdkMu.Lock()
	defer c.sdkMu.Unlock()
	if c.sdk != stale {
		return nil
	}
	sdk, err := c.newSDK()
	if err != nil {
		return err
	}
	c.sdk = sdk
	return nil
}

// do sends a request, retrying what is safe to retry, and decodes a JSON
// response into out (when non-nil):
//   - 429: waits as Retry-After or X-RateLimit-Reset say, then tries again;
//   - 401: fetches a new token once, then tries again; a second 401 with an
//     api_token is a CredentialsError;
//   - a token request answered 401 or 403: a CredentialsError at once, which
//     the Client remembers, so that no later request asks again;
//   - 5xx and network errors: tries GET, PATCH and DELETE again with
//     jittered backoff; a POST only when it never left this machine;
//
// all within ctx, whose deadline (the resource's timeout) bounds the whole.
func (c *Client) do(ctx context.Context, method string, r route, query url.Values, body, out any) error {
	path := r.String()
	idempotent := method != http.MethodPost
	renewed := false
	attempts := attemptLimit(ctx, maxAttempts)
	rateLimitedAttempts := attemptLimit(ctx, maxRateLimitedAttempts)
	for attempt := 1; ; attempt++ {
		if err := c.credentials.err(); err != nil {
			// Refused credentials stay refused: no request asks again.
			return err
		}
		turn, err := c.limiter.wait(ctx)
		if err != nil {
			return &TransportError{Method: method, Path: path, Err: err}
		}
		sdk := c.currentSDK()
		res := c.send(ctx, sdk, method, r, query, body)
		c.limiter.observe(turn, res.header, res.status)
		fields := map[string]any{"method": method, "path": path, "attempt": attempt}

		var wait time.Duration
		switch {
		case res.err != nil:
			fields["error"] = res.err.Error()
			fields["sent"] = res.sent
			var credErr *CredentialsError
			if errors.As(res.err, &credErr) {
				tflog.Debug(ctx, "Management API request failed: the credentials were refused", fields)
				return credErr
			}
			if redirect, ok := asRedirectError(res.err); ok {
				// An answer that will not change: not retried, and not a
				// lost answer (a create is not looked up).
				tflog.Debug(ctx, "Management API request failed: a redirect to another origin was refused", fields)
				return fmt.Errorf("%s %s: %w", method, path, redirect)
			}
			if ctx.Err() != nil || (!idempotent && res.sent) || attempt >= attempts {
				tflog.Debug(ctx, "Management API request failed", fields)
				return &TransportError{Method: method, Path: path, Err: res.err, Sent: res.sent}
			}
			wait = backoff(attempt)
		case res.status == http.StatusTooManyRequests:
			if attempt >= rateLimitedAttempts {
				return newAPIError(method, path, res.status, res.body)
			}
			wait = rateLimitWait(res.header, time.Now())
		case res.status == http.StatusUnauthorized && !renewed:
			renewed = true
			if err := c.renewToken(sdk); err != nil {
				return newAPIError(method, path, res.status, res.body)
			}
		case res.status == http.StatusUnauthorized && c.staticToken:
			// The api_token was refused twice: it will not get better.
			apiErr := newAPIError(method, path, res.status, res.body)
			tflog.Debug(ctx, "Management API request failed: the api_token was refused", fields)
			return c.credentials.remember(&CredentialsError{
				Domain: c.domain, StaticToken: true, StatusCode: res.status,
				Code: apiErr.ErrorCode, Description: apiErr.Message,
			})
		case res.status >= http.StatusInternalServerError && idempotent && attempt < attempts:
			wait = backoff(attempt)
		case res.status >= http.StatusBadRequest:
			fields["status"] = res.status
			tflog.Debug(ctx, "Management API request", fields)
			return newAPIError(method, path, res.status, res.body)
		default:
			fields["status"] = res.status
			tflog.Debug(ctx, "Management API request", fields)
			if out != nil && len(bytes.TrimSpace(res.body)) > 0 {
				if err := json.Unmarshal(res.body, out); err != nil {
					return fmt.Errorf("decoding the response to %s %s: %w", method, path, err)
				}
			}
			return nil
		}
		if res.status != 0 {
			fields["status"] = res.status
		}
		fields["wait"] = wait.String()
		tflog.Debug(ctx, "Management API request will be retried", fields)
		if err := sleep(ctx, wait); err != nil {
			// After an answer (429, 5xx) the server is known not to have
			// acted, or the answer says it failed: only a request that got
			// none leaves that open.
			return &TransportError{Method: method, Path: path, Err: err, Sent: res.sent && res.status == 0}
		}
	}
}

// Retry bounds. The resource's timeout bounds the time; these bound the
// count, so that a broken server is reported rather than hammered.
const (
	maxAttempts            = 8
	maxRateLimitedAttempts = 60
)

// result is what one attempt got.
type result struct {
	status int
	header http.Header
	body   []byte
	err    error
	// sent reports whether the request was written out completely: a POST
	// that was not can be sent again without risk of a duplicate.
	sent bool
}

// send makes one attempt, bounded by the per-request timeout. A POST that
// went out whole is not abandoned the moment ctx is done: it gets
// postAnswerGrace more to answer, since its answer may be a created
// connection that the state must hold.
func (c *Client) send(ctx context.Context, sdk *management.Management, method string, r route, query url.Values, body any) (res result) {
	var sent atomic.Bool
	reqCtx := ctx
	if method == http.MethodPost {
		detached, cancelDetached := context.WithCancel(context.WithoutCancel(ctx))
		defer cancelDetached()
		stop := context.AfterFunc(ctx, func() {
			if !sent.Load() {
				cancelDetached()
				return
			}
			t := time.AfterFunc(postAnswerGrace, cancelDetached)
			context.AfterFunc(detached, func() { t.Stop() })
		})
		defer stop()
		reqCtx = detached
	}
	reqCtx, cancel := context.WithTimeout(reqCtx, c.requestTimeout)
	defer cancel()
	reqCtx = httptrace.WithClientTrace(reqCtx, &httptrace.ClientTrace{
		WroteRequest: func(info httptrace.WroteRequestInfo) {
			if info.Err == nil {
				sent.Store(true)
			}
		},
	})
	defer func() { res.sent = res.sent || sent.Load() }()
	uri := sdk.URI(r...)
	if len(query) > 0 {
		uri += "?" + query.Encode()
	}
	req, err := sdk.NewRequest(reqCtx, method, uri, body)
	if err != nil {
		res.err = fmt.Errorf("preparing the request: %w", err)
		return res
	}
	resp, err := sdk.Do(req)
	if err != nil {
		res.err = redactURLError(err)
		return res
	}
	defer resp.Body.Close()
	res.status, res.header = resp.StatusCode, resp.Header
	res.body, err = io.ReadAll(io.LimitReader(resp.Body, maxResponseBytes))
	if err != nil {
		// The answer was lost halfway: the server may have acted.
		res.status, res.err, res.sent = 0, fmt.Errorf("reading the response: %w", err), true
	}
	return res
}

// route is a request path below /api/v2/ as literal segments, such as
// route{"connections", id, "clients"}. The SDK escapes each segment on its
// own ("/" inside one becomes %2F), so the segments must be passed apart:
// joined first, "connections/con_1" would travel as connections%2Fcon_1,
// which Auth0 routes nowhere.
type route []string

func (r route) String() string { return strings.Join(r, "/") }

// maxResponseBytes bounds what one response may take in memory.
const maxResponseBytes = 64 << 20

// redactURLError drops the request URL from transport errors: a token
// endpoint error could otherwise carry form values into a message.
func redactURLError(err error) error {
	var uerr *url.Error
	if errors.As(err, &uerr) {
		return fmt.Errorf("%s: %w", uerr.Op, uerr.Err)
	}
	return err
}
