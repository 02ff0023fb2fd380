package auth0api

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
)

// directoryPageSize is how many items one read of a directory listing asks
// for: the most the API serves (take ≤ 100).
const directoryPageSize = 100

// DirectoryMapping maps one Google Workspace attribute (IdP) to an Auth0
// user attribute.
type DirectoryMapping struct {
	Auth0 string `json:"auth0"`
	IdP   string `json:"idp"`
}

// DirectoryProvisioning is a connection's Google Workspace directory
// provisioning, as GET /connections/{id}/directory-provisioning answers it.
type DirectoryProvisioning struct {
	ConnectionID              string             `json:"connection_id"`
	ConnectionName            string             `json:"connection_name"`
	Strategy                  string             `json:"strategy"`
	Mapping                   []DirectoryMapping `json:"mapping"`
	SynchronizeAutomatically  bool               `json:"synchronize_automatically"`
	SynchronizeGroups         string             `json:"synchronize_groups"`
	CreatedAt                 string             `json:"created_at"`
	UpdatedAt                 string             `json:"updated_at"`
	LastSynchronizationAt     string             `json:"last_synchronization_at"`
	LastSynchronizationStatus string             `json:"last_synchronization_status"`
	LastSynchronizationError  string             `json:"last_synchronization_error"`
}

// DirectoryProvisioningChange is the body of a create or an update: only
// the fields set are sent. A create without a mapping gets Auth0's default
// one.
type DirectoryProvisioningChange struct {
	Mapping                  []DirectoryMapping `json:"mapping,omitempty"`
	SynchronizeAutomatically *bool              `json:"synchronize_automatically,omitempty"`
	SynchronizeGroups        *string            `json:"synchronize_groups,omitempty"`
}

func directoryRoute(connectionID string, more ...string) route {
	return append(route{"connections", connectionID, "directory-provisioning"}, more...)
}

// DirectoryProvisioning sends GET /connections/{id}/directory-provisioning.
// A 404 means the connection or its provisioning does not exist.
func (c *Client) DirectoryProvisioning(ctx context.Context, connectionID string) (*DirectoryProvisioning, error) {
	var out DirectoryProvisioning
	if err := c.do(ctx, http.MethodGet, directoryRoute(connectionID), nil, nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// CreateDirectoryProvisioning sends POST /connections/{id}/directory-provisioning.
// A create whose answer was lost is looked up: when the provisioning exists
// afterwards, it is what the create made.
func (c *Client) CreateDirectoryProvisioning(ctx context.Context, connectionID string, change DirectoryProvisioningChange) (*DirectoryProvisioning, error) {
	var out DirectoryProvisioning
	err := c.do(ctx, http.MethodPost, directoryRoute(connectionID), nil, change, &out)
	var transport *TransportError
	if errors.As(err, &transport) && transport.Sent && ctx.Err() == nil {
		if found, lookupErr := c.DirectoryProvisioning(ctx, connectionID); lookupErr == nil {
			return found, nil
		}
	}
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// UpdateDirectoryProvisioning sends PATCH /connections/{id}/directory-provisioning.
func (c *Client) UpdateDirectoryProvisioning(ctx context.Context, connectionID string, change DirectoryProvisioningChange) (*DirectoryProvisioning, error) {
	var out DirectoryProvisioning
	if err := c.do(ctx, http.MethodPatch, directoryRoute(connectionID), nil, change, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// DeleteDirectoryProvisioning sends DELETE /connections/{id}/directory-provisioning;
// one already gone (or a connection that is) counts as deleted.
func (c *Client) DeleteDirectoryProvisioning(ctx context.Context, connectionID string) error {
	err := c.do(ctx, http.MethodDelete, directoryRoute(connectionID), nil, nil, nil)
	if IsNotFound(err) {
		return nil
	}
	return err
}

// DirectoryDefaultMapping sends GET /connections/{id}/directory-provisioning/default-mapping.
func (c *Client) DirectoryDefaultMapping(ctx context.Context, connectionID string) ([]DirectoryMapping, error) {
	var out struct {
		Mapping []DirectoryMapping `json:"mapping"`
	}
	if err := c.do(ctx, http.MethodGet, directoryRoute(connectionID, "default-mapping"), nil, nil, &out); err != nil {
		return nil, err
	}
	return out.Mapping, nil
}

// ListDirectoryProvisionings returns every directory provisioning of the
// tenant, following the checkpoint pages of GET /connections-directory-provisionings.
func (c *Client) ListDirectoryProvisionings(ctx context.Context) ([]DirectoryProvisioning, error) {
	return checkpointList[DirectoryProvisioning](ctx, c, route{"connections-directory-provisionings"}, nil, "directory_provisionings")
}

// SynchronizedGroup is one Google Workspace group synchronized by a
// directory provisioning; Auth0 keeps the name, email and member count
// when they were sent.
type SynchronizedGroup struct {
	ID                 string `json:"id"`
	Name               string `json:"name,omitempty"`
	Email              string `json:"email,omitempty"`
	DirectMembersCount *int64 `json:"direct_members_count,omitempty"`
}

// SynchronizedGroups returns the groups a directory provisioning
// synchronizes, following the checkpoint pages of GET
// …/directory-provisioning/synchronized-groups. A non-empty query is sent
// as q (such as name:eng*, the parameter the official provider uses:
// TestAccDirectorySynchronizedGroupsDataSourceWithQuery.yaml #6).
func (c *Client) SynchronizedGroups(ctx context.Context, connectionID, query string) ([]SynchronizedGroup, error) {
	var extra url.Values
	if query != "" {
		extra = url.Values{"q": {query}}
	}
	return checkpointList[SynchronizedGroup](ctx, c, directoryRoute(connectionID, "synchronized-groups"), extra, "groups")
}

// ReplaceSynchronizedGroups sends PUT …/directory-provisioning/synchronized-groups
// with the whole set of group ids; an empty set removes every group.
func (c *Client) ReplaceSynchronizedGroups(ctx context.Context, connectionID string, groupIDs []string) error {
	body := struct {
		Groups []SynchronizedGroup `json:"groups"`
	}{Groups: make([]SynchronizedGroup, 0, len(groupIDs))}
	for _, id := range groupIDs {
		body.Groups = append(body.Groups, SynchronizedGroup{ID: id})
	}
	return c.do(ctx, http.MethodPut, directoryRoute(connectionID, "synchronized-groups"), nil, body, nil)
}

// checkpointList reads a checkpoint listing (take, from, next) whole: the
// items of every page under key, in order.
func checkpointList[T any](ctx context.Context, c *Client, r route, extra url.Values, key string) ([]T, error) {
	all := []T{}
	from := ""
	for {
		q := url.Values{"take": {strconv.Itoa(directoryPageSize)}}
		for k, v := range extra {
			q[k] = v
		}
		if from != "" {
			q.Set("from", from)
		}
		var page map[string]json.RawMessage
		if err := c.do(ctx, http.MethodGet, r, q, nil, &page); err != nil {
			return nil, err
		}
		var items []T
		if raw, ok := page[key]; ok {
			if err := json.Unmarshal(raw, &items); err != nil {
				return nil, fmt.Errorf("decoding the response to GET %s: %w", r, err)
			}
		}
		all = append(all, items...)
		var next string
		if raw, ok := page["next"]; ok {
			_ = json.Unmarshal(raw, &next)
		}
		if next == "" || len(items) == 0 {
			return all, nil
		}
		from = next
	}
}
