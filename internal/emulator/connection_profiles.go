package emulator

import (
	"encoding/json"
	"net/http"
	"slices"
)

// Connection profiles: /connection-profiles, tenant-level state (one tenant
// document, tenantConnectionProfiles). The endpoint is not in
// openapi-connections.json; what is modelled comes from the recordings
// TestAccConnectionProfile.yaml, TestAccConnectionProfiles.yaml and
// TestAccConnectionProfileDataSource.yaml:
//   - POST answers 201 with the profile, its id "cop_" and 22 alphanumerics
//     (cop_1cu7Zs1Dfru5Qc9mZea7nm), GET and PATCH 200 with it, DELETE 204
//     with no body;
//   - the answer carries every key: a profile sent without
//     strategy_overrides comes back with "strategy_overrides":null, and so
//     (by the same rule, not recorded) does any other key not sent;
//   - PATCH sends the whole profile in the recordings; the emulator replaces
//     the keys a PATCH sends and keeps the others.
//
// Not recorded, so taken from the API's published types (the node SDK's
// ConnectionProfile*: organization's show_as_button and
// assign_membership_on_login are none|optional|required, enabled_features
// scim|universal_logout, strategy_overrides keyed by eight strategies,
// connection_config defines no property) and from the API's other endpoints:
// the listing's checkpoint shape {"connection_profiles":[...],"next"}, and
// the 404 for an unknown id, worded like the connection's. No recording
// shows a name conflict, so two profiles may share a name.
var errConnectionProfileNotFound = &apiError{
	status: http.StatusNotFound, message: "The connection profile does not exist", code: "inexistent_connection_profile",
}

// profileDocument is the tenant document of the profiles.
type profileDocument struct {
	Seq      uint64          `json:"seq"` // the last seq given out
	Profiles []storedProfile `json:"profiles"`
}

type storedProfile struct {
	Seq     uint64      `json:"seq"`
	Profile profileView `json:"profile"`
}

// profileView is a profile as answered, keys in the recorded order.
type profileView struct {
	ID                           string `json:"id"`
	Name                         string `json:"name"`
	Organization                 any    `json:"organization"`
	ConnectionNamePrefixTemplate any    `json:"connection_name_prefix_template"`
	EnabledFeatures              any    `json:"enabled_features"`
	ConnectionConfig             any    `json:"connection_config"`
	StrategyOverrides            any    `json:"strategy_overrides"`
}

// apply sets the keys of a validated body.
func (p *profileView) apply(body map[string]any) {
	for key, v := range body {
		switch key {
		case "name":
			p.Name, _ = v.(string)
		case "organization":
			p.Organization = v
		case "connection_name_prefix_template":
			p.ConnectionNamePrefixTemplate = v
		case "enabled_features":
			p.EnabledFeatures = v
		case "connection_config":
			p.ConnectionConfig = v
		case "strategy_overrides":
			p.StrategyOverrides = v
		}
	}
}

func newProfileID() string { return "cop_" + randomString(22) }

var (
	profileSetting = oneOf(tString, "", "none", "optional", "required")
	profileFeature = &schema{types: tArrayNull, items: oneOf(tString, "", "scim", "universal_logout")}
	profileConfig  = closedObject(tObjectNull, "", map[string]*schema{})
	profileProps   = map[string]*schema{
		"name": {types: tString, minLength: 1},
		"organization": closedObject(tObjectNull, "", map[string]*schema{
			"show_as_button":             profileSetting,
			"assign_membership_on_login": profileSetting,
		}),
		"connection_name_prefix_template": {types: tStringNull},
		"enabled_features":                profileFeature,
		"connection_config":               profileConfig,
		"strategy_overrides":              closedObject(tObjectNull, "", profileOverrides()),
	}
	createProfileSchema = &schema{types: tObject, closed: true, props: profileProps, required: []string{"name"}}
	updateProfileSchema = &schema{types: tObject, closed: true, props: profileProps, minProps: 1}

	profileListParams = []queryParam{
		{"from", &schema{types: tString, desc: "Optional Id from which to start selection."}},
		{"take", &schema{types: tInteger, desc: "Number of results per page. Defaults to 50.", minimum: limit(1), maximum: limit(100)}},
	}
)

// profileOverrides are the strategies a profile may override.
func profileOverrides() map[string]*schema {
	out := map[string]*schema{}
	for _, strategy := range []string{"pingfederate", "ad", "adfs", "waad", "google-apps", "okta", "oidc", "samlp"} {
		out[strategy] = closedObject(tObject, "", map[string]*schema{
			"enabled_features":  profileFeature,
			"connection_config": profileConfig,
		})
	}
	return out
}

// updateProfiles runs fn on the decoded profiles document under the
// store's lock and stores what it leaves.
func (s *Server) updateProfiles(fn func(doc *profileDocument) error) error {
	return s.store.updateTenant(tenantConnectionProfiles, func(raw json.RawMessage) (json.RawMessage, error) {
		doc, err := decodeProfiles(raw)
		if err != nil {
			return nil, err
		}
		if err := fn(&doc); err != nil {
			return nil, err
		}
		out, err := json.Marshal(doc)
		if err != nil {
			return nil, errInternal
		}
		return out, nil
	})
}

func decodeProfiles(raw json.RawMessage) (profileDocument, error) {
	var doc profileDocument
	if len(raw) > 0 && json.Unmarshal(raw, &doc) != nil {
		return doc, errInternal
	}
	return doc, nil
}

// readProfiles runs fn on the decoded profiles document, changing nothing.
func (s *Server) readProfiles(fn func(doc *profileDocument) error) error {
	return s.store.updateTenant(tenantConnectionProfiles, func(raw json.RawMessage) (json.RawMessage, error) {
		doc, err := decodeProfiles(raw)
		if err != nil {
			return nil, err
		}
		return raw, fn(&doc)
	})
}

func (doc *profileDocument) find(id string) int {
	return slices.IndexFunc(doc.Profiles, func(p storedProfile) bool { return p.Profile.ID == id })
}

func decodeProfileBody(body []byte, sc *schema) (map[string]any, error) {
	v, err := decodeBody(body, sc)
	if err != nil {
		return nil, err
	}
	fields, _ := v.(map[string]any)
	return fields, nil
}

func (s *Server) createConnectionProfile(w http.ResponseWriter, c call) error {
	body, err := decodeProfileBody(c.body, createProfileSchema)
	if err != nil {
		return err
	}
	var created profileView
	err = s.updateProfiles(func(doc *profileDocument) error {
		created = profileView{ID: newProfileID()}
		created.apply(body)
		doc.Seq++
		doc.Profiles = append(doc.Profiles, storedProfile{Seq: doc.Seq, Profile: created})
		return nil
	})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, created)
	return nil
}

// listConnectionProfiles answers a checkpoint page, in creation order.
func (s *Server) listConnectionProfiles(w http.ResponseWriter, c call) error {
	q, err := readQuery(c.r.URL.Query(), profileListParams)
	if err != nil {
		return err
	}
	after, err := fromParam(q)
	if err != nil {
		return err
	}
	var profiles []storedProfile
	if err := s.readProfiles(func(doc *profileDocument) error {
		profiles = doc.Profiles
		return nil
	}); err != nil {
		return err
	}
	page, next := checkpoint(profiles, func(p storedProfile) uint64 { return p.Seq }, after, intParam(q, "take", defaultTake))
	views := make([]profileView, len(page))
	for i, p := range page {
		views[i] = p.Profile
	}
	resp := map[string]any{"connection_profiles": views}
	if next != "" {
		resp["next"] = next
	}
	writeJSON(w, http.StatusOK, resp)
	return nil
}

func (s *Server) getConnectionProfile(w http.ResponseWriter, c call) error {
	var found profileView
	err := s.readProfiles(func(doc *profileDocument) error {
		i := doc.find(c.ids[0])
		if i < 0 {
			return errConnectionProfileNotFound
		}
		found = doc.Profiles[i].Profile
		return nil
	})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, found)
	return nil
}

func (s *Server) updateConnectionProfile(w http.ResponseWriter, c call) error {
	body, err := decodeProfileBody(c.body, updateProfileSchema)
	if err != nil {
		return err
	}
	var updated profileView
	err = s.updateProfiles(func(doc *profileDocument) error {
		i := doc.find(c.ids[0])
		if i < 0 {
			return errConnectionProfileNotFound
		}
		doc.Profiles[i].Profile.apply(body)
		updated = doc.Profiles[i].Profile
		return nil
	})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, updated)
	return nil
}

// deleteConnectionProfile answers 204, or 404 for an unknown id.
func (s *Server) deleteConnectionProfile(w http.ResponseWriter, c call) error {
	err := s.updateProfiles(func(doc *profileDocument) error {
		i := doc.find(c.ids[0])
		if i < 0 {
			return errConnectionProfileNotFound
		}
		doc.Profiles = slices.Delete(doc.Profiles, i, i+1)
		return nil
	})
	if err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
