package auth0api

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
)

// SCIMMapping is one entry of a SCIM configuration's mapping.
type SCIMMapping struct {
	Auth0 string `json:"auth0"`
	SCIM  string `json:"scim"`
}

// SCIMConfiguration is a connection's SCIM configuration.
type SCIMConfiguration struct {
	TenantName      string        `json:"tenant_name,omitempty"`
	ConnectionID    string        `json:"connection_id,omitempty"`
	ConnectionName  string        `json:"connection_name,omitempty"`
	Strategy        string        `json:"strategy,omitempty"`
	Mapping         []SCIMMapping `json:"mapping"`
	UserIDAttribute string        `json:"user_id_attribute,omitempty"`
	CreatedAt       string        `json:"created_at,omitempty"`
	UpdatedOn       string        `json:"updated_on,omitempty"`
}

// SCIMConfigurationRequest is the body of a create (both fields optional:
// what is left out gets Auth0's default) or an update (both required).
type SCIMConfigurationRequest struct {
	UserIDAttribute *string       `json:"user_id_attribute,omitempty"`
	Mapping         []SCIMMapping `json:"mapping,omitempty"`
}

// SCIMToken is a connection's SCIM token. Token, its value, is only ever
// in the answer to its creation.
type SCIMToken struct {
	TokenID    string   `json:"token_id"`
	Token      string   `json:"token,omitempty"`
	Scopes     []string `json:"scopes"`
	CreatedAt  string   `json:"created_at,omitempty"`
	ValidUntil string   `json:"valid_until,omitempty"`
	LastUsedAt string   `json:"last_used_at,omitempty"`
}

// SCIMTokenRequest is the body of a token's creation.
type SCIMTokenRequest struct {
	Scopes        []string `json:"scopes"`
	TokenLifetime *int64   `json:"token_lifetime,omitempty"`
}

func scimRoute(connectionID string, rest ...string) route {
	return append(route{"connections", connectionID, "scim-configuration"}, rest...)
}

// ReadSCIMConfiguration returns a connection's SCIM configuration; a 404
// when it has none, or the connection does not exist.
func (c *Client) ReadSCIMConfiguration(ctx context.Context, connectionID string) (*SCIMConfiguration, error) {
	var out SCIMConfiguration
	if err := c.do(ctx, http.MethodGet, scimRoute(connectionID), nil, nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// CreateSCIMConfiguration creates a connection's SCIM configuration.
func (c *Client) CreateSCIMConfiguration(ctx context.Context, connectionID string, body SCIMConfigurationRequest) (*SCIMConfiguration, error) {
	var out SCIMConfiguration
	if err := c.do(ctx, http.MethodPost, scimRoute(connectionID), nil, body, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// UpdateSCIMConfiguration replaces a connection's user_id_attribute and
// mapping.
func (c *Client) UpdateSCIMConfiguration(ctx context.Context, connectionID string, userIDAttribute string, mapping []SCIMMapping) (*SCIMConfiguration, error) {
	if mapping == nil {
		mapping = []SCIMMapping{}
	}
	body := struct {
		UserIDAttribute string        `json:"user_id_attribute"`
		Mapping         []SCIMMapping `json:"mapping"`
	}{userIDAttribute, mapping}
	var out SCIMConfiguration
	if err := c.do(ctx, http.MethodPatch, scimRoute(connectionID), nil, body, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// DeleteSCIMConfiguration deletes a connection's SCIM configuration, and
// its tokens with it.
func (c *Client) DeleteSCIMConfiguration(ctx context.Context, connectionID string) error {
	return c.do(ctx, http.MethodDelete, scimRoute(connectionID), nil, nil, nil)
}

// SCIMDefaultMapping returns the mapping Auth0 gives a connection's SCIM
// configuration by default.
func (c *Client) SCIMDefaultMapping(ctx context.Context, connectionID string) ([]SCIMMapping, error) {
	var out struct {
		Mapping []SCIMMapping `json:"mapping"`
	}
	if err := c.do(ctx, http.MethodGet, scimRoute(connectionID, "default-mapping"), nil, nil, &out); err != nil {
		return nil, err
	}
	return out.Mapping, nil
}

// SCIMTokens lists a connection's SCIM tokens, without their values.
func (c *Client) SCIMTokens(ctx context.Context, connectionID string) ([]SCIMToken, error) {
	var out []SCIMToken
	if err := c.do(ctx, http.MethodGet, scimRoute(connectionID, "tokens"), nil, nil, &out); err != nil {
		return nil, err
	}
	return out, nil
}

// CreateSCIMToken issues a SCIM token; the answer holds its value, which
// Auth0 never shows again.
func (c *Client) CreateSCIMToken(ctx context.Context, connectionID string, body SCIMTokenRequest) (*SCIMToken, error) {
	var out SCIMToken
	if err := c.do(ctx, http.MethodPost, scimRoute(connectionID, "tokens"), nil, body, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// DeleteSCIMToken revokes a SCIM token.
func (c *Client) DeleteSCIMToken(ctx context.Context, connectionID, tokenID string) error {
	return c.do(ctx, http.MethodDelete, scimRoute(connectionID, "tokens", tokenID), nil, nil, nil)
}

// SCIMConfigurationsPageSize is the largest page GET
// /connections-scim-configurations serves.
const SCIMConfigurationsPageSize = 100

// ListSCIMConfigurations returns every SCIM configuration of the tenant,
// following the checkpoint pages.
func (c *Client) ListSCIMConfigurations(ctx context.Context) ([]SCIMConfiguration, error) {
	all := []SCIMConfiguration{}
	err := c.EachSCIMConfiguration(ctx, func(conf *SCIMConfiguration) bool {
		all = append(all, *conf)
		return true
	})
	if err != nil {
		return nil, err
	}
	return all, nil
}

// EachSCIMConfiguration calls fn with every SCIM configuration of the
// tenant, page by page, until fn returns false.
func (c *Client) EachSCIMConfiguration(ctx context.Context, fn func(*SCIMConfiguration) bool) error {
	from := ""
	for {
		q := url.Values{"take": {strconv.Itoa(SCIMConfigurationsPageSize)}}
		if from != "" {
			q.Set("from", from)
		}
		var page struct {
			SCIMConfigurations []SCIMConfiguration `json:"scim_configurations"`
			Next               string              `json:"next"`
		}
		if err := c.do(ctx, http.MethodGet, route{"connections-scim-configurations"}, q, nil, &page); err != nil {
			return err
		}
		for i := range page.SCIMConfigurations {
			if !fn(&page.SCIMConfigurations[i]) {
				return nil
			}
		}
		if page.Next == "" || len(page.SCIMConfigurations) == 0 {
			return nil
		}
		from = page.Next
	}
}
