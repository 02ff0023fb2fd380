package auth0api

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"

	"github.com/hashicorp/terraform-plugin-log/tflog"
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
	// EnabledClients is read-only here: it is deprecated in requests, and
	// nil when the answer leaves it out (since 2026-07 Auth0 shows it in
	// GET and PATCH answers of auth0 connections only; POST answers and
	// listings carry it for all).
	EnabledClients *[]string       `json:"enabled_clients,omitempty"`
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

// maxCreateAttempts bounds how often a create whose answer was lost is
// looked up and sent again: as often as any other request is tried.
const maxCreateAttempts = maxAttempts

// CreateConnection sends POST /connections and returns the created object.
//
// When the answer is lost (the request went out whole but no answer came
// back, or the server failed with a 5xx), the connection may or may not
// exist. It is then looked up by name: adopted when it is provably the one
// requested, created again when there is none. A 409 after a lost answer is
// resolved the same way. So a flaky network makes neither a duplicate nor an
// orphan that Terraform does not know of.
//
// Ctrl-C (or the operation's timeout) does not leave one either: a POST
// that went out whole still gets postAnswerGrace to answer, and when no
// answer comes, the lookup runs on a fresh context bounded by
// resolveTimeout, so that the connection it finds reaches the state.
//
// The adoption rule: this call's own POST went out (so the connection may
// be its doing), and the connection found has the requested name and
// strategy, the requested value of every other attribute and of every
// option leaf the request sets (see matchesRequest), and is enabled for no
// application (nothing could have enabled it before Terraform knew its id).
// A connection that differs, or whose values cannot be compared (sealed
// options.configuration), is not adopted: the error stands.
//
// A 409 that follows no lost answer of this call is not adopted, however
// alike the connection: nothing is kept across runs, and a connection made
// outside Terraform with the same settings looks exactly like one an
// interrupted apply left behind, so adopting it would take over what may be
// someone else's. The caller reports it with how to import it.
func (c *Client) CreateConnection(ctx context.Context, conn *Connection) (*Connection, error) {
	name := ""
	if conn.Name != nil {
		name = *conn.Name
	}
	answerLost := false
	for attempt := 1; ; attempt++ {
		var out Connection
		err := c.do(ctx, http.MethodPost, route{"connections"}, nil, requestBody(conn), &out)
		if err == nil {
			c.wrote(out.ID)
			return &out, nil
		}
		// A 409 after a lost answer is most likely our own create.
		conflict := IsStatus(err, http.StatusConflict)
		if !isLostAnswer(err) && (!answerLost || !conflict) {
			return nil, err
		}
		answerLost = true
		lookupCtx, cancel := resolveContext(ctx)
		existing, exists, reason, findErr := c.findCreated(lookupCtx, conn)
		cancel()
		if findErr != nil {
			return nil, &UnresolvedCreateError{Name: name, Err: fmt.Errorf("%w (looking the connection up by name afterwards failed too: %v)", err, findErr)}
		}
		fields := map[string]any{"name": name, "attempt": attempt}
		if existing != nil {
			fields["id"] = existing.ID
			tflog.Info(ctx, "the answer to a create was lost; adopting the connection it created", fields)
			c.wrote(existing.ID)
			return existing, nil
		}
		fields["reason"] = reason
		if exists {
			tflog.Debug(ctx, "the answer to a create was lost and a connection with this name exists that is not adopted", fields)
			return nil, fmt.Errorf("%w (a connection named %q exists but was not adopted: %s)", err, name, reason)
		}
		if attempt >= maxCreateAttempts || ctx.Err() != nil {
			return nil, err
		}
		tflog.Debug(ctx, "the answer to a create was lost and the connection does not exist; creating it again", fields)
	}
}

// UnresolvedCreateError is a create whose POST went out and whose outcome
// could not be learned: the connection named Name may exist. The caller
// keeps a record of it, so that a later run settles it (see
// connection.pendingID).
type UnresolvedCreateError struct {
	Name string
	Err  error
}

func (e *UnresolvedCreateError) Error() string { return e.Err.Error() }
func (e *UnresolvedCreateError) Unwrap() error { return e.Err }

// isLostAnswer reports whether err leaves it open whether the server acted:
// the request went out whole and no answer came, or the server failed.
func isLostAnswer(err error) bool {
	var transport *TransportError
	if errors.As(err, &transport) {
		return transport.Sent
	}
	var apiErr *APIError
	return errors.As(err, &apiErr) && apiErr.StatusCode >= http.StatusInternalServerError
}

// ReadConnection sends GET /connections/{id}.
func (c *Client) ReadConnection(ctx context.Context, id string) (*Connection, error) {
	var out Connection
	if err := c.do(ctx, http.MethodGet, route{"connections", id}, nil, nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// UpdateConnection sends PATCH /connections/{id}; name and strategy must be
// unset (the API rejects them).
func (c *Client) UpdateConnection(ctx context.Context, id string, patch *Connection) (*Connection, error) {
	body := requestBody(patch)
	body.Name, body.Strategy = nil, nil
	c.wrote(id)
	var out Connection
	if err := c.do(ctx, http.MethodPatch, route{"connections", id}, nil, body, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// DeleteConnection sends DELETE /connections/{id}. A connection that is
// already gone counts as deleted.
func (c *Client) DeleteConnection(ctx context.Context, id string) error {
	c.wrote(id)
	err := c.do(ctx, http.MethodDelete, route{"connections", id}, nil, nil, nil)
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
	if err := c.do(ctx, http.MethodGet, route{"connections"}, q, nil, &out); err != nil {
		return nil, err
	}
	for i := range out {
		if out[i].Name != nil && *out[i].Name == name {
			return &out[i], nil
		}
	}
	return nil, nil
}
