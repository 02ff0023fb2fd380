package auth0api

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
)

// The connection profiles, /connection-profiles. The endpoint is not in
// openapi-connections.json: the shapes below are those of the recordings
// TestAccConnectionProfile.yaml, TestAccConnectionProfiles.yaml and
// TestAccConnectionProfileDataSource.yaml (POST answers 201 with the
// profile, GET and PATCH 200 with it, DELETE 204 with no body; a profile
// sent without strategy_overrides comes back with "strategy_overrides":null).

// ConnectionProfile is a connection profile as the API answers it.
type ConnectionProfile struct {
	ID                           string                             `json:"id"`
	Name                         string                             `json:"name"`
	Organization                 *ProfileOrganization               `json:"organization"`
	ConnectionNamePrefixTemplate *string                            `json:"connection_name_prefix_template"`
	EnabledFeatures              []string                           `json:"enabled_features"`
	ConnectionConfig             json.RawMessage                    `json:"connection_config"`
	StrategyOverrides            map[string]ProfileStrategyOverride `json:"strategy_overrides"`
}

// ProfileOrganization is how connections made from the profile behave in
// organizations: "none", "optional" or "required" each.
type ProfileOrganization struct {
	ShowAsButton            *string `json:"show_as_button,omitempty"`
	AssignMembershipOnLogin *string `json:"assign_membership_on_login,omitempty"`
}

// ProfileStrategyOverride replaces the profile's settings for connections
// of one strategy.
type ProfileStrategyOverride struct {
	// EnabledFeatures is nil when not set (left out of requests).
	EnabledFeatures *[]string `json:"enabled_features,omitempty"`
}

// ProfileBody is the body of POST and PATCH /connection-profiles: nil
// fields are left out; the keys named in Null are sent as null, which
// resets them (for a PATCH of a setting no longer configured).
type ProfileBody struct {
	Name                         string
	Organization                 *ProfileOrganization
	ConnectionNamePrefixTemplate *string
	EnabledFeatures              *[]string
	StrategyOverrides            map[string]ProfileStrategyOverride
	Null                         []string
}

// MarshalJSON always sends connection_config as {}, as the official
// provider does in every recorded request: the API defines no setting in it.
func (b ProfileBody) MarshalJSON() ([]byte, error) {
	out := map[string]any{"name": b.Name, "connection_config": map[string]any{}}
	if b.Organization != nil {
		out["organization"] = b.Organization
	}
	if b.ConnectionNamePrefixTemplate != nil {
		out["connection_name_prefix_template"] = *b.ConnectionNamePrefixTemplate
	}
	if b.EnabledFeatures != nil {
		out["enabled_features"] = *b.EnabledFeatures
	}
	if b.StrategyOverrides != nil {
		out["strategy_overrides"] = b.StrategyOverrides
	}
	for _, key := range b.Null {
		out[key] = nil
	}
	return json.Marshal(out)
}

// CreateConnectionProfile sends POST /connection-profiles.
func (c *Client) CreateConnectionProfile(ctx context.Context, body ProfileBody) (*ConnectionProfile, error) {
	var out ConnectionProfile
	if err := c.do(ctx, http.MethodPost, route{"connection-profiles"}, nil, body, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// ReadConnectionProfile sends GET /connection-profiles/{id}.
func (c *Client) ReadConnectionProfile(ctx context.Context, id string) (*ConnectionProfile, error) {
	var out ConnectionProfile
	if err := c.do(ctx, http.MethodGet, route{"connection-profiles", id}, nil, nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// UpdateConnectionProfile sends PATCH /connection-profiles/{id}.
func (c *Client) UpdateConnectionProfile(ctx context.Context, id string, body ProfileBody) (*ConnectionProfile, error) {
	var out ConnectionProfile
	if err := c.do(ctx, http.MethodPatch, route{"connection-profiles", id}, nil, body, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// DeleteConnectionProfile sends DELETE /connection-profiles/{id}; a
// profile that is already gone counts as deleted.
func (c *Client) DeleteConnectionProfile(ctx context.Context, id string) error {
	err := c.do(ctx, http.MethodDelete, route{"connection-profiles", id}, nil, nil, nil)
	if IsNotFound(err) {
		return nil
	}
	return err
}

type profilesPage struct {
	Profiles []ConnectionProfile `json:"connection_profiles"`
	Next     string              `json:"next"`
}

// ListConnectionProfiles calls fn for every profile of the tenant, following
// the checkpoint pages of GET /connection-profiles
// ({"connection_profiles":[...],"next":"..."}; no recording lists profiles:
// the shape is that of the API's other checkpoint listings, such as GET
// /connections/{id}/clients), until fn returns false.
func (c *Client) ListConnectionProfiles(ctx context.Context, fn func(*ConnectionProfile) bool) error {
	from := ""
	for {
		var q url.Values
		if from != "" {
			q = url.Values{"from": {from}}
		}
		var page profilesPage
		if err := c.do(ctx, http.MethodGet, route{"connection-profiles"}, q, nil, &page); err != nil {
			return err
		}
		for i := range page.Profiles {
			if !fn(&page.Profiles[i]) {
				return nil
			}
		}
		if page.Next == "" || len(page.Profiles) == 0 {
			return nil
		}
		from = page.Next
	}
}

// FindConnectionProfileByName returns the profile with exactly this name,
// or nil when there is none.
func (c *Client) FindConnectionProfileByName(ctx context.Context, name string) (*ConnectionProfile, error) {
	var found *ConnectionProfile
	err := c.ListConnectionProfiles(ctx, func(p *ConnectionProfile) bool {
		if p.Name == name {
			found = p
			return false
		}
		return true
	})
	return found, err
}
