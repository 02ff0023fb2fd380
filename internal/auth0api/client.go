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
	"net/url"
	"strings"

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
	HTTPClient *http.Client
}

// Client is a Management API client for connections.
type Client struct {
	mgmt            *management.Management
	baseURL         *url.URL
	connectionLocks keyedMutex
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
	opts := []management.Option{
		// Retries are this package's job: the SDK would retry a POST blindly.
		management.WithNoRetries(),
		management.WithNoAuth0ClientInfo(),
	}
	if cfg.UserAgent != "" {
		opts = append(opts, management.WithUserAgent(cfg.UserAgent))
	}
	if cfg.HTTPClient != nil {
		opts = append(opts, management.WithClient(cfg.HTTPClient))
	}
	if base.Scheme == "http" {
		// WithInsecure switches the SDK's URLs to http; the credentials
		// option after it replaces its placeholder token source.
		opts = append(opts, management.WithInsecure())
	}
	switch {
	case cfg.APIToken != "":
		opts = append(opts, management.WithStaticToken(cfg.APIToken))
	default:
		audience := cfg.Audience
		if audience == "" {
			audience = base.String() + "/api/v2/"
		}
		// The token source outlives the call that configures the provider.
		tokenCtx := context.WithoutCancel(ctx)
		opts = append(opts, management.WithClientCredentialsAndAudience(tokenCtx, cfg.ClientID, cfg.ClientSecret, audience))
	}
	mgmt, err := management.New(base.String(), opts...)
	if err != nil {
		return nil, err
	}
	return &Client{mgmt: mgmt, baseURL: base}, nil
}

// BaseURL is the tenant's base URL, e.g. https://tenant.eu.auth0.com.
func (c *Client) BaseURL() string { return c.baseURL.String() }

// do sends one request and decodes a JSON response into out (when non-nil).
func (c *Client) do(ctx context.Context, method, path string, query url.Values, body, out any) error {
	uri := c.mgmt.URI(path)
	if len(query) > 0 {
		uri += "?" + query.Encode()
	}
	req, err := c.mgmt.NewRequest(ctx, method, uri, body)
	if err != nil {
		return fmt.Errorf("preparing %s %s: %w", method, path, err)
	}
	resp, err := c.mgmt.Do(req)
	if err != nil {
		tflog.Debug(ctx, "Management API request failed", map[string]any{"method": method, "path": path, "error": redactURLError(err).Error()})
		return &TransportError{Method: method, Path: path, Err: redactURLError(err)}
	}
	defer resp.Body.Close()
	// Method, path and status only: headers and bodies may carry secrets.
	tflog.Debug(ctx, "Management API request", map[string]any{"method": method, "path": path, "status": resp.StatusCode})
	raw, err := io.ReadAll(io.LimitReader(resp.Body, maxResponseBytes))
	if err != nil {
		return &TransportError{Method: method, Path: path, Err: err}
	}
	if resp.StatusCode >= http.StatusBadRequest {
		return newAPIError(method, path, resp.StatusCode, raw)
	}
	if out != nil && len(bytes.TrimSpace(raw)) > 0 {
		if err := json.Unmarshal(raw, out); err != nil {
			return fmt.Errorf("decoding the response to %s %s: %w", method, path, err)
		}
	}
	return nil
}

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
