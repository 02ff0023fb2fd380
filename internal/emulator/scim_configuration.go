package emulator

import (
	"cmp"
	"encoding/json"
	"net"
	"net/http"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// A connection's SCIM configuration is one attachment document
// (attachSCIMConfiguration); its tokens are another (attachSCIMTokens, see
// scim_tokens.go). Both go with their connection.

// scimStrategies are the strategies that support inbound SCIM: the
// enterprise connections Auth0's SCIM documentation lists. The recordings
// show okta (TestAccSCIMConfiguration.yaml, every go-auth0 SCIM cassette)
// and waad (TestAccSCIMToken.yaml) accepted and auth0 refused
// (TestAccSCIMConfiguration.yaml #3); google-apps is provisioned through
// directory provisioning instead.
var scimStrategies = []string{"adfs", "oidc", "okta", "pingfederate", "samlp", "waad"}

var (
	// errSCIMUnsupported answers a SCIM configuration asked of a connection
	// whose strategy has none: a 404 without errorCode
	// (TestAccSCIMConfiguration.yaml #3, an auth0 connection).
	errSCIMUnsupported = &apiError{status: http.StatusNotFound, message: "This connection type does not support SCIM. Please see our documentation for the currently supported connection types: https://auth0.com/docs/authenticate/protocols/scim/configure-inbound-scim."}
	// errSCIMNotFound answers a connection without a SCIM configuration
	// (TestAccSCIMConfiguration.yaml #17, TestAccDataSCIMConfiguration.yaml
	// #3, go-auth0's TestConnectionManager_DeleteSCIMConfiguration.yaml #3),
	// and a token that does not exist.
	errSCIMNotFound = &apiError{status: http.StatusNotFound, message: "Not Found"}
	// errSCIMExists answers a second POST of a configuration. No recording
	// shows one, and the API's document lists no 409 for it (400 and 404
	// only, unlike POST .../tokens): a 400, without an errorCode, which no
	// recording would tell.
	errSCIMExists = &apiError{status: http.StatusBadRequest, message: "A SCIM configuration already exists for this connection"}
)

const (
	scimUserIDAttributeDesc = "User ID attribute for generating unique user ids"
	scimMappingDesc         = "The mapping between auth0 and SCIM"
)

func scimMappingSchema() *schema {
	return &schema{types: tArray, desc: scimMappingDesc, items: &schema{
		types: tObject,
		props: map[string]*schema{
			"auth0": {types: tString, desc: "The field location in the auth0 schema"},
			"scim":  {types: tString, desc: "The field location in the SCIM schema"},
		},
	}}
}

// The bodies of POST and PATCH /connections/{id}/scim-configuration
// (openapi-connections.json: CreateScimConfigurationRequestContent, an
// object or null; UpdateScimConfigurationRequestContent, both required).
var (
	createSCIMConfigurationSchema = closedObject(tObjectNull, "", map[string]*schema{
		"user_id_attribute": {types: tString, desc: scimUserIDAttributeDesc},
		"mapping":           scimMappingSchema(),
	})
	updateSCIMConfigurationSchema = closedObject(tObject, "", map[string]*schema{
		"user_id_attribute": {types: tString, desc: scimUserIDAttributeDesc},
		"mapping":           scimMappingSchema(),
	}, "user_id_attribute", "mapping")
	scimConfigurationListParams = []queryParam{
		{"from", &schema{types: tString, desc: "Optional Id from which to start selection."}},
		{"take", &schema{types: tInteger, desc: "Number of results per page. Defaults to 50.", minimum: limit(1), maximum: limit(100)}},
	}
)

// defaultSCIMUserIDAttribute is what a configuration created without one
// gets (every recorded POST without a body).
const defaultSCIMUserIDAttribute = "externalId"

// scimDefaultMappings are the mappings a configuration created without one
// gets, as {scim, auth0} pairs: waad's from TestAccSCIMToken.yaml #2,
// okta's from TestAccSCIMConfiguration.yaml #8 and #15, which the other
// strategies get too (no recording shows theirs).
var scimDefaultMappings = map[string][][2]string{
	"okta": slices.Concat([][2]string{
		{"userName", "preferred_username"},
		{"emails[primary eq true].value", "email"},
		{"externalId", "app_metadata.external_id"},
		{"active", "blocked"},
		{"displayName", "name"},
		{"name.givenName", "given_name"},
		{"name.familyName", "family_name"},
		{"name.middleName", "app_metadata.middle_name"},
		{"name.honorificPrefix", "app_metadata.honorific_prefix"},
		{"name.honorificSuffix", "app_metadata.honorific_suffix"},
		{"nickName", "nickname"},
		{"photos[type eq \"photo\"].value", "picture"},
		{"phoneNumbers[primary eq true].value", "app_metadata.primary_phone_number"},
		{"phoneNumbers[type eq \"mobile\"].value", "app_metadata.mobile_phone_number"},
	}, scimCommonTail),
	"waad": slices.Concat([][2]string{
		{"userName", "upn"},
		{"emails[type eq \"work\"].value", "email"},
		{"externalId", "app_metadata.external_id"},
		{"active", "blocked"},
		{"displayName", "name"},
		{"name.givenName", "given_name"},
		{"name.familyName", "family_name"},
		{"nickName", "nickname"},
		{"photos[type eq \"photo\"].value", "picture"},
		{"phoneNumbers[type eq \"work\"].value", "app_metadata.work_phone_number"},
		{"phoneNumbers[type eq \"mobile\"].value", "app_metadata.mobile_phone_number"},
		{"phoneNumbers[type eq \"fax\"].value", "app_metadata.fax_number"},
	}, scimCommonTail),
}

// scimCommonTail ends both recorded default mappings.
var scimCommonTail = [][2]string{
	{"addresses[type eq \"work\"].streetAddress", "app_metadata.street_address"},
	{"addresses[type eq \"work\"].locality", "app_metadata.city"},
	{"addresses[type eq \"work\"].region", "app_metadata.state"},
	{"addresses[type eq \"work\"].postalCode", "app_metadata.postal_code"},
	{"addresses[type eq \"work\"].formatted", "app_metadata.postal_address"},
	{"addresses[type eq \"work\"].country", "app_metadata.country"},
	{"profileUrl", "app_metadata.profile_url"},
	{"userType", "app_metadata.user_type"},
	{"title", "app_metadata.title"},
	{"preferredLanguage", "app_metadata.language"},
	{"locale", "app_metadata.locale"},
	{"timezone", "app_metadata.timezone"},
	{"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User.employeeNumber", "app_metadata.employee_id"},
	{"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User.costCenter", "app_metadata.cost_center"},
	{"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User.organization", "app_metadata.organization"},
	{"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User.division", "app_metadata.division"},
	{"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User.department", "app_metadata.department"},
	{"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User.manager", "app_metadata.manager"},
}

// scimDefaultMapping returns the default mapping of a strategy as the API's
// items.
func scimDefaultMapping(strategy string) []any {
	pairs, ok := scimDefaultMappings[strategy]
	if !ok {
		pairs = scimDefaultMappings["okta"]
	}
	out := make([]any, len(pairs))
	for i, p := range pairs {
		out[i] = map[string]any{"scim": p[0], "auth0": p[1]}
	}
	return out
}

func supportsSCIM(strategy string) bool { return slices.Contains(scimStrategies, strategy) }

// scimConfigurationDoc is the stored configuration.
type scimConfigurationDoc struct {
	// Seq orders the tenant's listing and its cursors.
	Seq             uint64 `json:"seq"`
	UserIDAttribute string `json:"user_id_attribute"`
	Mapping         []any  `json:"mapping"`
	CreatedAt       string `json:"created_at"`
	UpdatedOn       string `json:"updated_on"`
}

// scimConfigurationView is the configuration as the API shows it, in the
// recorded key order.
type scimConfigurationView struct {
	TenantName      string `json:"tenant_name"`
	ConnectionID    string `json:"connection_id"`
	ConnectionName  string `json:"connection_name"`
	Strategy        string `json:"strategy"`
	Mapping         []any  `json:"mapping"`
	UpdatedOn       string `json:"updated_on"`
	CreatedAt       string `json:"created_at"`
	UserIDAttribute string `json:"user_id_attribute"`
}

func (d scimConfigurationDoc) view(tenant string, conn attachedTo) scimConfigurationView {
	mapping := d.Mapping
	if mapping == nil {
		mapping = []any{}
	}
	return scimConfigurationView{
		TenantName: tenant, ConnectionID: conn.ID, ConnectionName: conn.Name, Strategy: conn.Strategy,
		Mapping: mapping, UpdatedOn: d.UpdatedOn, CreatedAt: d.CreatedAt, UserIDAttribute: d.UserIDAttribute,
	}
}

func decodeSCIMConfiguration(doc json.RawMessage) (scimConfigurationDoc, bool) {
	var d scimConfigurationDoc
	if doc == nil || json.Unmarshal(doc, &d) != nil {
		return d, false
	}
	return d, true
}

// tenantName stands in for the tenant's name: the first label of the host
// the request was sent to (terraform-provider-auth0-dev in the recordings
// of 2025, where go-auth0's of 2024 show the whole domain), or "emulator"
// for an address.
func tenantName(r *http.Request) string {
	host := r.Host
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	if host == "" || host == "localhost" || net.ParseIP(host) != nil {
		return "emulator"
	}
	first, _, _ := strings.Cut(host, ".")
	return first
}

// scimTime formats a time as Auth0 does: UTC with milliseconds.
func scimTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z") }

// scimClockShifts holds, per server, how far ShiftSCIMClock moved the
// clock SCIM configurations and tokens are stamped with.
var scimClockShifts sync.Map // *Server -> *atomic.Int64 (nanoseconds)

// ShiftSCIMClock moves the clock SCIM configurations and tokens are
// stamped with by d from now on (negative: into the past), for tests of
// token expiry: a token created while the clock is an hour behind has a
// valid_until an hour earlier, which the token_lifetime minimum (901s)
// would otherwise keep a test waiting for.
func (s *Server) ShiftSCIMClock(d time.Duration) {
	v, _ := scimClockShifts.LoadOrStore(s, &atomic.Int64{})
	if shift, ok := v.(*atomic.Int64); ok {
		shift.Store(int64(d))
	}
}

func (s *Server) scimNow() time.Time {
	now := s.now()
	if v, ok := scimClockShifts.Load(s); ok {
		if shift, ok := v.(*atomic.Int64); ok {
			now = now.Add(time.Duration(shift.Load()))
		}
	}
	return now
}

func (s *Server) getSCIMConfiguration(w http.ResponseWriter, c call) error {
	var view scimConfigurationView
	err := s.store.readAttachment(c.ids[0], attachSCIMConfiguration, func(conn attachedTo, doc json.RawMessage) error {
		d, ok := decodeSCIMConfiguration(doc)
		if !ok {
			return errSCIMNotFound
		}
		view = d.view(tenantName(c.r), conn)
		return nil
	})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, view)
	return nil
}

// createSCIMConfiguration answers POST: the body may be empty, {} or null
// (TestAccSCIMConfiguration.yaml #8 sends none, go-auth0 sends {}), and what
// it leaves out gets the strategy's defaults.
func (s *Server) createSCIMConfiguration(w http.ResponseWriter, c call) error {
	v, err := decodeBody(c.body, createSCIMConfigurationSchema)
	if err != nil {
		return err
	}
	fields, _ := v.(map[string]any)
	var view scimConfigurationView
	err = s.store.updateAttachment(c.ids[0], attachSCIMConfiguration, func(conn attachedTo, doc json.RawMessage) (json.RawMessage, error) {
		if !supportsSCIM(conn.Strategy) {
			return nil, errSCIMUnsupported
		}
		if doc != nil {
			return nil, errSCIMExists
		}
		now := scimTime(s.scimNow())
		d := scimConfigurationDoc{Seq: s.store.next(), UserIDAttribute: defaultSCIMUserIDAttribute, Mapping: scimDefaultMapping(conn.Strategy), CreatedAt: now, UpdatedOn: now}
		if attr, ok := fields["user_id_attribute"].(string); ok {
			d.UserIDAttribute = attr
		}
		if mapping, ok := fields["mapping"].([]any); ok {
			d.Mapping = mapping
		}
		view = d.view(tenantName(c.r), conn)
		return json.Marshal(d)
	})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, view)
	return nil
}

// updateSCIMConfiguration answers PATCH, which replaces user_id_attribute
// and mapping (both required) and keeps created_at
// (TestAccSCIMConfiguration.yaml #25, #31).
func (s *Server) updateSCIMConfiguration(w http.ResponseWriter, c call) error {
	v, err := decodeBody(c.body, updateSCIMConfigurationSchema)
	if err != nil {
		return err
	}
	fields, _ := v.(map[string]any)
	var view scimConfigurationView
	err = s.store.updateAttachment(c.ids[0], attachSCIMConfiguration, func(conn attachedTo, doc json.RawMessage) (json.RawMessage, error) {
		d, ok := decodeSCIMConfiguration(doc)
		if !ok {
			return nil, errSCIMNotFound
		}
		d.UserIDAttribute, _ = fields["user_id_attribute"].(string)
		d.Mapping, _ = fields["mapping"].([]any)
		d.UpdatedOn = scimTime(s.scimNow())
		view = d.view(tenantName(c.r), conn)
		return json.Marshal(d)
	})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, view)
	return nil
}

// deleteSCIMConfiguration answers 204 whether or not there was one
// (go-auth0's TestConnectionManager_DeleteSCIMConfiguration.yaml #4) and
// revokes the connection's SCIM tokens with it.
func (s *Server) deleteSCIMConfiguration(w http.ResponseWriter, c call) error {
	err := s.store.updateAttachment(c.ids[0], attachSCIMConfiguration, func(attachedTo, json.RawMessage) (json.RawMessage, error) {
		return nil, nil
	})
	if err == nil {
		err = s.store.updateAttachment(c.ids[0], attachSCIMTokens, func(attachedTo, json.RawMessage) (json.RawMessage, error) {
			return nil, nil
		})
	}
	if err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// getSCIMDefaultMapping answers the strategy's default mapping, in
// {auth0, scim} items (TestAccSCIMConfiguration.yaml #15).
func (s *Server) getSCIMDefaultMapping(w http.ResponseWriter, c call) error {
	var mapping []any
	err := s.store.readAttachment(c.ids[0], attachSCIMConfiguration, func(conn attachedTo, _ json.RawMessage) error {
		if !supportsSCIM(conn.Strategy) {
			return errSCIMUnsupported
		}
		mapping = scimDefaultMapping(conn.Strategy)
		return nil
	})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"mapping": mapping})
	return nil
}

// listSCIMConfigurations answers GET /connections-scim-configurations, a
// checkpoint page of {"scim_configurations": [...], "next"}.
func (s *Server) listSCIMConfigurations(w http.ResponseWriter, c call) error {
	q, err := readQuery(c.r.URL.Query(), scimConfigurationListParams)
	if err != nil {
		return err
	}
	after, err := fromParam(q)
	if err != nil {
		return err
	}
	type listed struct {
		seq  uint64
		view scimConfigurationView
	}
	var all []listed
	tenant := tenantName(c.r)
	s.store.eachAttachment(attachSCIMConfiguration, func(conn attachedTo, doc json.RawMessage) {
		if d, ok := decodeSCIMConfiguration(doc); ok {
			all = append(all, listed{seq: d.Seq, view: d.view(tenant, conn)})
		}
	})
	slices.SortFunc(all, func(a, b listed) int { return cmp.Compare(a.seq, b.seq) })
	page, next := checkpoint(all, func(l listed) uint64 { return l.seq }, after, intParam(q, "take", defaultTake))
	views := make([]scimConfigurationView, len(page))
	for i, l := range page {
		views[i] = l.view
	}
	resp := map[string]any{"scim_configurations": views}
	if next != "" {
		resp["next"] = next
	}
	writeJSON(w, http.StatusOK, resp)
	return nil
}
