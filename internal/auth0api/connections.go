package auth0api

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
)

// Connection is the body of a connection as the API sends and receives it.
// Pointers tell "not set" from a zero value; Options stays raw JSON so that
// every key survives the round trip.
type Connection struct {
	ID                 string             `json:"id,omitempty"`
	Name               *string            `json:"name,omitempty"`
	Strategy           *string            `json:"strategy,omitempty"`
	DisplayName        *string            `json:"display_name,omitempty"`
	IsDomainConnection *bool              `json:"is_domain_connection,omitempty"`
	ShowAsButton       *bool              `json:"show_as_button,omitempty"`
	Realms             *[]string          `json:"realms,omitempty"`
	Metadata           *map[string]string `json:"metadata,omitempty"`
	Authentication     *Authentication    `json:"authentication,omitempty"`
	ConnectedAccounts  *ConnectedAccounts `json:"connected_accounts,omitempty"`
	// EnabledClients is read-only here: it is deprecated in requests.
	EnabledClients []string        `json:"enabled_clients,omitempty"`
	Options        json.RawMessage `json:"options,omitempty"`
}

// Authentication says whether the connection serves authentication.
type Authentication struct {
	Active bool `json:"active"`
}

// ConnectedAccounts says whether the connection serves connected accounts.
type ConnectedAccounts struct {
	Active         bool  `json:"active"`
	CrossAppAccess *bool `json:"cross_app_access,omitempty"`
}

// requestBody strips what a request must not carry (id, enabled_clients).
func requestBody(c *Connection) *Connection {
	body := *c
	body.ID = ""
	body.EnabledClients = nil
	return &body
}

// CreateConnection sends POST /connections and returns the created object.
func (c *Client) CreateConnection(ctx context.Context, conn *Connection) (*Connection, error) {
	var out Connection
	if err := c.do(ctx, http.MethodPost, "connections", nil, requestBody(conn), &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// ReadConnection sends GET /connections/{id}.
func (c *Client) ReadConnection(ctx context.Context, id string) (*Connection, error) {
	var out Connection
	if err := c.do(ctx, http.MethodGet, "connections/"+url.PathEscape(id), nil, nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// UpdateConnection sends PATCH /connections/{id}; name and strategy must be
// unset (the API rejects them).
func (c *Client) UpdateConnection(ctx context.Context, id string, patch *Connection) (*Connection, error) {
	body := requestBody(patch)
	body.Name, body.Strategy = nil, nil
	var out Connection
	if err := c.do(ctx, http.MethodPatch, "connections/"+url.PathEscape(id), nil, body, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// DeleteConnection sends DELETE /connections/{id}. A connection that is
// already gone counts as deleted.
func (c *Client) DeleteConnection(ctx context.Context, id string) error {
	err := c.do(ctx, http.MethodDelete, "connections/"+url.PathEscape(id), nil, nil, nil)
	if IsNotFound(err) {
		return nil
	}
	return err
}

// FindConnectionByName returns the connection with exactly this name, or nil
// when there is none. It is one filtered call, not a listing of the tenant.
func (c *Client) FindConnectionByName(ctx context.Context, name string) (*Connection, error) {
	var out []Connection
	q := url.Values{"name": {name}}
	if err := c.do(ctx, http.MethodGet, "connections", q, nil, &out); err != nil {
		return nil, err
	}
	for i := range out {
		if out[i].Name != nil && *out[i].Name == name {
			return &out[i], nil
		}
	}
	return nil, nil
}
