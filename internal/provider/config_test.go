package provider

import (
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestResolveConfig(t *testing.T) {
	str := types.StringValue
	null := types.StringNull()
	base := func() providerModel {
		return providerModel{Domain: null, ClientID: null, ClientSecret: null, APIToken: null, Audience: null,
			MaxRequestRate: types.Float64Null(), RequestTimeout: null}
	}
	cases := []struct {
		name    string
		model   func(providerModel) providerModel
		env     map[string]string
		wantErr string // substring of the error summary and detail; "" for success
		check   func(t *testing.T, domain, id, secret, token, audience string)
	}{
		{
			name: "all from the block",
			model: func(m providerModel) providerModel {
				m.Domain, m.ClientID, m.ClientSecret = str("t.eu.auth0.com"), str("id"), str("secret")
				return m
			},
			check: func(t *testing.T, domain, id, secret, _, _ string) {
				if domain != "t.eu.auth0.com" || id != "id" || secret != "secret" {
					t.Errorf("got %s %s %s", domain, id, secret)
				}
			},
		},
		{
			name: "all from the environment",
			env:  map[string]string{"AUTH0_DOMAIN": "e.auth0.com", "AUTH0_CLIENT_ID": "eid", "AUTH0_CLIENT_SECRET": "esecret", "AUTH0_AUDIENCE": "aud"},
			check: func(t *testing.T, domain, id, secret, _, audience string) {
				if domain != "e.auth0.com" || id != "eid" || secret != "esecret" || audience != "aud" {
					t.Errorf("got %s %s %s %s", domain, id, secret, audience)
				}
			},
		},
		{
			name: "block wins over environment",
			model: func(m providerModel) providerModel {
				m.Domain = str("block.auth0.com")
				return m
			},
			env: map[string]string{"AUTH0_DOMAIN": "env.auth0.com", "AUTH0_API_TOKEN": "tok"},
			check: func(t *testing.T, domain, _, _, token, _ string) {
				if domain != "block.auth0.com" || token != "tok" {
					t.Errorf("got %s %s", domain, token)
				}
			},
		},
		{
			name: "api token wins over client credentials",
			env:  map[string]string{"AUTH0_DOMAIN": "e.auth0.com", "AUTH0_CLIENT_ID": "eid", "AUTH0_API_TOKEN": "tok"},
			check: func(t *testing.T, _, id, _, token, _ string) {
				if id != "" || token != "tok" {
					t.Errorf("got id %q token %q", id, token)
				}
			},
		},
		{name: "missing domain", env: map[string]string{"AUTH0_API_TOKEN": "tok"}, wantErr: "Missing Auth0 Domain: The provider needs the tenant's domain"},
		{name: "missing domain names the env var", env: map[string]string{"AUTH0_API_TOKEN": "tok"}, wantErr: "AUTH0_DOMAIN"},
		{name: "missing credentials", env: map[string]string{"AUTH0_DOMAIN": "e.auth0.com"}, wantErr: "Missing Auth0 Credentials"},
		{name: "secret without id", env: map[string]string{"AUTH0_DOMAIN": "e.auth0.com", "AUTH0_CLIENT_SECRET": "s"}, wantErr: "Missing Auth0 Client ID: A client_secret is set but no client_id to go with it. Set client_id in the provider block or the AUTH0_CLIENT_ID"},
		{name: "id without secret", env: map[string]string{"AUTH0_DOMAIN": "e.auth0.com", "AUTH0_CLIENT_ID": "i"}, wantErr: "Missing Auth0 Client Secret"},
		{name: "plain http to a remote host", env: map[string]string{"AUTH0_DOMAIN": "http://example.com", "AUTH0_API_TOKEN": "t"}, wantErr: "Invalid Auth0 Domain"},
		{name: "a path in the domain", env: map[string]string{"AUTH0_DOMAIN": "https://e.auth0.com/api/v2", "AUTH0_API_TOKEN": "t"}, wantErr: "without a path"},
		{
			name: "reliability settings",
			model: func(m providerModel) providerModel {
				m.MaxRequestRate, m.RequestTimeout = types.Float64Value(2), str("45s")
				return m
			},
			env: map[string]string{"AUTH0_DOMAIN": "e.auth0.com", "AUTH0_API_TOKEN": "t"},
		},
		{
			name: "bad request timeout",
			model: func(m providerModel) providerModel {
				m.RequestTimeout = str("soon")
				return m
			},
			env:     map[string]string{"AUTH0_DOMAIN": "e.auth0.com", "AUTH0_API_TOKEN": "t"},
			wantErr: `Invalid Request Timeout: request_timeout must be a positive Go duration such as "30s" or "2m", got "soon".`,
		},
		{
			name: "unknown value",
			model: func(m providerModel) providerModel {
				m.Domain = types.StringUnknown()
				return m
			},
			wantErr: "Unknown Auth0 Provider Setting",
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := base()
			if c.model != nil {
				m = c.model(m)
			}
			cfg, diags := resolveConfig(m, func(k string) string { return c.env[k] })
			if c.wantErr != "" {
				var all []string
				for _, d := range diags.Errors() {
					all = append(all, d.Summary()+": "+d.Detail())
				}
				if !strings.Contains(strings.Join(all, "\n"), c.wantErr) {
					t.Fatalf("errors %q do not mention %q", all, c.wantErr)
				}
				return
			}
			if diags.HasError() {
				t.Fatalf("unexpected errors: %v", diags)
			}
			if c.check != nil {
				c.check(t, cfg.Domain, cfg.ClientID, cfg.ClientSecret, cfg.APIToken, cfg.Audience)
			}
			if c.name == "reliability settings" && (cfg.MaxRequestRate != 2 || cfg.RequestTimeout != 45*time.Second) {
				t.Errorf("reliability settings not taken: %v %v", cfg.MaxRequestRate, cfg.RequestTimeout)
			}
		})
	}
}
