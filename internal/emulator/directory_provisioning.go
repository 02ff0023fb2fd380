package emulator

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Google Workspace directory provisioning, as the official provider's
// cassettes show it (recordings/TestAccDirectory*.yaml, 2026-05 to 2026-08):
//   - POST with {} (or no body) creates it with Auth0's default mapping,
//     synchronize_automatically false and synchronize_groups "off"
//     (TestAccDirectoryProvisioning.yaml #3), 201; a mapping sent replaces
//     the default (TestAccDirectoryDataSource.yaml #2);
//   - PATCH replaces the fields it sends, the mapping whole, keeps the
//     others and moves updated_at (TestAccDirectoryProvisioning.yaml #9, #15);
//   - DELETE answers 204 with an empty body (#21);
//   - a connection that does not exist is 404 inexistent_connection (#0);
//   - answers list connection_id, connection_name, strategy, mapping
//     (items as {"idp","auth0"}), synchronize_automatically, created_at,
//     updated_at, synchronize_groups, in that order.
//
// Not recorded, and modelled here by analogy: a connection without a
// provisioning answers the generic 404 Auth0 gives for a missing SCIM
// configuration (see errRouteNotFound); a second POST is 409 (the schema
// lists it); a connection of another strategy than google-apps is 400.

// directoryStrategy is the one strategy Auth0 provisions directories for.
const directoryStrategy = "google-apps"

var (
	errDirectoryNotFound    = &apiError{status: http.StatusNotFound, message: "Not Found"}
	errDirectoryConflict    = &apiError{status: http.StatusConflict, message: "A directory provisioning configuration already exists for this connection", code: "directory_provisioning_conflict"}
	errDirectoryUnsupported = &apiError{status: http.StatusBadRequest, message: "Directory provisioning is not supported for this connection.", code: "operation_not_supported"}
)

// directoryMapping is one attribute mapping, in Auth0's key order.
type directoryMapping struct {
	IdP   string `json:"idp"`
	Auth0 string `json:"auth0"`
}

// directoryDoc is the stored provisioning (attachDirectory): what belongs
// to it, without what the connection provides.
type directoryDoc struct {
	Mapping                   []directoryMapping `json:"mapping"`
	SynchronizeAutomatically  bool               `json:"synchronize_automatically"`
	SynchronizeGroups         string             `json:"synchronize_groups"`
	CreatedAt                 string             `json:"created_at"`
	UpdatedAt                 string             `json:"updated_at"`
	LastSynchronizationAt     string             `json:"last_synchronization_at,omitempty"`
	LastSynchronizationStatus string             `json:"last_synchronization_status,omitempty"`
	LastSynchronizationError  string             `json:"last_synchronization_error,omitempty"`
}

// directoryView is the answer, in Auth0's key order.
type directoryView struct {
	ConnectionID              string             `json:"connection_id"`
	ConnectionName            string             `json:"connection_name"`
	Strategy                  string             `json:"strategy"`
	Mapping                   []directoryMapping `json:"mapping"`
	SynchronizeAutomatically  bool               `json:"synchronize_automatically"`
	CreatedAt                 string             `json:"created_at"`
	UpdatedAt                 string             `json:"updated_at"`
	SynchronizeGroups         string             `json:"synchronize_groups"`
	LastSynchronizationAt     string             `json:"last_synchronization_at,omitempty"`
	LastSynchronizationStatus string             `json:"last_synchronization_status,omitempty"`
	LastSynchronizationError  string             `json:"last_synchronization_error,omitempty"`
}

func (d directoryDoc) view(conn attachedTo) directoryView {
	return directoryView{
		ConnectionID: conn.ID, ConnectionName: conn.Name, Strategy: conn.Strategy,
		Mapping: d.Mapping, SynchronizeAutomatically: d.SynchronizeAutomatically,
		CreatedAt: d.CreatedAt, UpdatedAt: d.UpdatedAt, SynchronizeGroups: d.SynchronizeGroups,
		LastSynchronizationAt: d.LastSynchronizationAt, LastSynchronizationStatus: d.LastSynchronizationStatus,
		LastSynchronizationError: d.LastSynchronizationError,
	}
}

// defaultDirectoryMapping is the mapping Auth0 gives a google-apps
// provisioning created without one, and answers on default-mapping
// (TestAccDirectoryProvisioning.yaml #3, TestAccDirectoryDefaultMappingDataSource.yaml #4).
func defaultDirectoryMapping() []directoryMapping {
	pairs := [][2]string{
		{"id", "app_metadata.external_id"}, {"primaryEmail", "email"}, {"primaryEmail", "primaryEmail"},
		{"name.fullName", "name"}, {"name.givenName", "given_name"}, {"name.familyName", "family_name"},
		{"isAdmin", "isAdmin"}, {"isAdmin", "is_admin"}, {"isDelegatedAdmin", "isDelegatedAdmin"},
		{"agreedToTerms", "agreedToTerms"}, {"agreedToTerms", "tou_accepted"}, {"suspended", "suspended"},
		{"suspended", "is_suspended"}, {"suspended", "blocked"}, {"suspensionReason", "suspensionReason"},
		{"archived", "archived"}, {"ipWhitelisted", "ipWhitelisted"}, {"ipWhitelisted", "is_ipWhitelisted"},
	}
	// The rest map a Google attribute to the Auth0 attribute of its name.
	for _, same := range []string{
		"kind", "etag", "customerId", "orgUnitPath", "emails", "phones", "externalIds", "aliases", "addresses",
		"organizations", "nonEditableAliases", "relations", "languages", "posixAccounts", "notes", "websites",
		"locations", "keywords", "gender", "ims", "creationTime", "lastLoginTime", "changePasswordAtNextLogin",
		"isMailboxSetup", "includeInGlobalAddressList", "thumbnailPhotoUrl", "thumbnailPhotoEtag",
		"isEnrolledIn2Sv", "isEnforcedIn2Sv", "recoveryEmail", "recoveryPhone", "sshPublicKeys", "customSchemas",
	} {
		pairs = append(pairs, [2]string{same, same})
	}
	out := make([]directoryMapping, len(pairs))
	for i, p := range pairs {
		out[i] = directoryMapping{IdP: p[0], Auth0: p[1]}
	}
	return out
}

var (
	directoryMappingSchema = &schema{
		types:    tArray,
		minItems: 1,
		items: closedObject(tObject, "", map[string]*schema{
			"auth0": {types: tString},
			"idp":   {types: tString},
		}, "auth0", "idp"),
	}
	// directoryProvisioningSchema is CreateDirectoryProvisioningRequestContent,
	// the same as UpdateDirectoryProvisioningRequestContent.
	directoryProvisioningSchema = closedObject(tObjectNull, "", map[string]*schema{
		"mapping":                   directoryMappingSchema,
		"synchronize_automatically": boolean(""),
		"synchronize_groups":        oneOf(tString, "", "all", "off", "selected"),
	})
	directoryListParams = []queryParam{
		{"from", &schema{types: tString}},
		{"take", &schema{types: tInteger, minimum: limit(1), maximum: limit(100)}},
	}
)

// directoryChange is a validated POST or PATCH body.
type directoryChange struct {
	Mapping                  []directoryMapping `json:"mapping"`
	SynchronizeAutomatically *bool              `json:"synchronize_automatically"`
	SynchronizeGroups        *string            `json:"synchronize_groups"`
}

func decodeDirectoryChange(body []byte) (directoryChange, error) {
	var ch directoryChange
	v, err := decodeBody(body, directoryProvisioningSchema)
	if err != nil || v == nil {
		return ch, err
	}
	raw, err := json.Marshal(v)
	if err != nil {
		return ch, errBadJSON
	}
	if err := json.Unmarshal(raw, &ch); err != nil {
		return ch, errBadJSON
	}
	return ch, nil
}

func (ch directoryChange) apply(d *directoryDoc) {
	if ch.Mapping != nil {
		d.Mapping = ch.Mapping
	}
	if ch.SynchronizeAutomatically != nil {
		d.SynchronizeAutomatically = *ch.SynchronizeAutomatically
	}
	if ch.SynchronizeGroups != nil {
		d.SynchronizeGroups = *ch.SynchronizeGroups
	}
}

// timestamp is how Auth0 writes times: UTC with milliseconds.
func (s *Server) timestamp() string { return s.now().UTC().Format("2006-01-02T15:04:05.000Z") }

func decodeDirectory(doc json.RawMessage) (directoryDoc, error) {
	var d directoryDoc
	if doc == nil {
		return d, errDirectoryNotFound
	}
	if err := json.Unmarshal(doc, &d); err != nil {
		return d, errInternal
	}
	return d, nil
}

func encodeJSON(v any) (json.RawMessage, error) {
	raw, err := json.Marshal(v)
	if err != nil {
		return nil, errInternal
	}
	return raw, nil
}

func (s *Server) getDirectoryProvisioning(w http.ResponseWriter, c call) error {
	var view directoryView
	err := s.store.readAttachment(c.ids[0], attachDirectory, func(conn attachedTo, doc json.RawMessage) error {
		d, err := decodeDirectory(doc)
		view = d.view(conn)
		return err
	})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, view)
	return nil
}

// changeDirectory validates a POST or PATCH body and has edit turn the
// stored document (nil when there is none) into the new one at the time
// now; it returns the answer.
func (s *Server) changeDirectory(c call,
	edit func(conn attachedTo, doc json.RawMessage, ch directoryChange, now string) (directoryDoc, error)) (directoryView, error) {
	var view directoryView
	ch, err := decodeDirectoryChange(c.body)
	if err != nil {
		return view, err
	}
	now := s.timestamp()
	err = s.store.updateAttachment(c.ids[0], attachDirectory, func(conn attachedTo, doc json.RawMessage) (json.RawMessage, error) {
		d, err := edit(conn, doc, ch, now)
		if err != nil {
			return nil, err
		}
		view = d.view(conn)
		return encodeJSON(d)
	})
	return view, err
}

func (s *Server) createDirectoryProvisioning(w http.ResponseWriter, c call) error {
	view, err := s.changeDirectory(c, func(conn attachedTo, doc json.RawMessage, ch directoryChange, now string) (directoryDoc, error) {
		switch {
		case conn.Strategy != directoryStrategy:
			return directoryDoc{}, errDirectoryUnsupported
		case doc != nil:
			return directoryDoc{}, errDirectoryConflict
		}
		d := directoryDoc{Mapping: defaultDirectoryMapping(), SynchronizeGroups: "off", CreatedAt: now, UpdatedAt: now}
		ch.apply(&d)
		return d, nil
	})
	if err != nil {
		return err
	}
	// A new provisioning starts without synchronized groups (any left by a
	// request racing the deletion of the one before go).
	if err := s.clearGroups(c.ids[0]); err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, view)
	return nil
}

func (s *Server) updateDirectoryProvisioning(w http.ResponseWriter, c call) error {
	view, err := s.changeDirectory(c, func(_ attachedTo, doc json.RawMessage, ch directoryChange, now string) (directoryDoc, error) {
		d, err := decodeDirectory(doc)
		if err != nil {
			return d, err
		}
		ch.apply(&d)
		d.UpdatedAt = now
		return d, nil
	})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, view)
	return nil
}

// clearGroups removes a connection's synchronized groups.
func (s *Server) clearGroups(connectionID string) error {
	return s.store.updateAttachment(connectionID, attachSynchronizedGroups, func(attachedTo, json.RawMessage) (json.RawMessage, error) {
		return nil, nil
	})
}

// deleteDirectoryProvisioning removes the provisioning and its synchronized
// groups: 204, or 404 when there is none.
func (s *Server) deleteDirectoryProvisioning(w http.ResponseWriter, c call) error {
	err := s.store.updateAttachment(c.ids[0], attachDirectory, func(_ attachedTo, doc json.RawMessage) (json.RawMessage, error) {
		if doc == nil {
			return nil, errDirectoryNotFound
		}
		return nil, nil
	})
	if err != nil {
		return err
	}
	if err := s.clearGroups(c.ids[0]); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// getDirectoryDefaultMapping answers the strategy's default mapping, which
// does not depend on a provisioning existing.
func (s *Server) getDirectoryDefaultMapping(w http.ResponseWriter, c call) error {
	err := s.store.readAttachment(c.ids[0], attachDirectory, func(conn attachedTo, _ json.RawMessage) error {
		if conn.Strategy != directoryStrategy {
			return errDirectoryUnsupported
		}
		return nil
	})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"mapping": defaultDirectoryMapping()})
	return nil
}

// synchronizeDirectory answers POST .../synchronizations (no recording
// shows one). The emulator has no Google Workspace to read: the
// synchronization is answered as requested and recorded as the last one,
// done at once without an error, so no request waits for another (the 409
// the schema lists for one in progress never happens here).
func (s *Server) synchronizeDirectory(w http.ResponseWriter, c call) error {
	now := s.timestamp()
	id := "dsync_" + randomString(16)
	err := s.store.updateAttachment(c.ids[0], attachDirectory, func(_ attachedTo, doc json.RawMessage) (json.RawMessage, error) {
		d, err := decodeDirectory(doc)
		if err != nil {
			return nil, err
		}
		d.LastSynchronizationAt, d.LastSynchronizationStatus, d.LastSynchronizationError = now, "completed", ""
		return encodeJSON(d)
	})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, map[string]any{"connection_id": c.ids[0], "synchronization_id": id, "status": "requested"})
	return nil
}

// listDirectoryProvisionings answers GET /connections-directory-provisionings,
// a checkpoint page ({"directory_provisionings","next"}) in connection
// creation order. The cursor is the id of the last connection returned.
func (s *Server) listDirectoryProvisionings(w http.ResponseWriter, c call) error {
	q, err := readQuery(c.r.URL.Query(), directoryListParams)
	if err != nil {
		return err
	}
	after := ""
	if from, ok := stringParam(q, "from"); ok {
		raw, err := base64.RawURLEncoding.DecodeString(from)
		after, _ = strings.CutPrefix(string(raw), "con:")
		if err != nil || after == string(raw) {
			return queryViolation(&violation{msg: "Invalid value \"" + from + "\"", path: "from"})
		}
	}
	var all []directoryView
	var bad error
	s.store.eachAttachment(attachDirectory, func(conn attachedTo, doc json.RawMessage) {
		d, err := decodeDirectory(doc)
		if err != nil {
			bad = err
		}
		all = append(all, d.view(conn))
	})
	if bad != nil {
		return bad
	}
	start := 0
	if after != "" {
		start = len(all)
		for i, v := range all {
			// Connection ids sort in creation order only by accident;
			// the cursor's connection is found by id, and one deleted
			// since starts the page after the connections created before it.
			if v.ConnectionID == after {
				start = i + 1
				break
			}
		}
	}
	take := intParam(q, "take", defaultTake)
	end := min(start+take, len(all))
	page := all[start:end]
	if page == nil {
		page = []directoryView{}
	}
	resp := map[string]any{"directory_provisionings": page}
	if end < len(all) {
		resp["next"] = base64.RawURLEncoding.EncodeToString([]byte("con:" + all[end-1].ConnectionID))
	}
	writeJSON(w, http.StatusOK, resp)
	return nil
}

// The synchronized groups (attachSynchronizedGroups) are a list of group
// objects sorted by id, as Auth0 answers them (a PUT of group2def,
// group1abc reads back group1abc, group2def:
// TestAccDirectorySynchronizedGroupsDataSource.yaml #4, #5). Besides the id
// Auth0 keeps name, email and direct_members_count when sent
// (TestAccDirectorySynchronizedGroupsMetadata.yaml #4, #5) and checks the
// email's format (#22).

type synchronizedGroup struct {
	ID                 string       `json:"id"`
	Name               *string      `json:"name,omitempty"`
	Email              *string      `json:"email,omitempty"`
	DirectMembersCount *json.Number `json:"direct_members_count,omitempty"`
}

const groupEmailDesc = "Google Workspace Directory group email"

var (
	synchronizedGroupsSchema = closedObject(tObject, "", map[string]*schema{
		"groups": {types: tArray, items: closedObject(tObject, "", map[string]*schema{
			"id":                   {types: tString, minLength: 1, maxLength: 32, pattern: regexp.MustCompile(`^[A-Za-z0-9]+$`)},
			"name":                 {types: tString},
			"email":                {types: tString, desc: groupEmailDesc},
			"direct_members_count": {types: tInteger, minimum: limit(0)},
		}, "id")},
	}, "groups")
	synchronizedGroupsParams = []queryParam{
		{"from", &schema{types: tString}},
		{"take", &schema{types: tInteger, minimum: limit(1), maximum: limit(100)}},
		// q is not in the OpenAPI document; the official provider sends it
		// (TestAccDirectorySynchronizedGroupsDataSourceWithQuery.yaml #6).
		{"q", &schema{types: tString}},
	}
	emailFormat = regexp.MustCompile(`^[^@\s]+@[^@\s]+\.[^@\s]+$`)
)

// decodeGroups validates a body of synchronized groups.
func decodeGroups(body []byte) ([]synchronizedGroup, error) {
	v, err := decodeBody(body, synchronizedGroupsSchema)
	if err != nil {
		return nil, err
	}
	raw, err := json.Marshal(v)
	if err != nil {
		return nil, errBadJSON
	}
	var in struct {
		Groups []synchronizedGroup `json:"groups"`
	}
	dec := json.NewDecoder(strings.NewReader(string(raw)))
	dec.UseNumber()
	if err := dec.Decode(&in); err != nil {
		return nil, errBadJSON
	}
	for i, g := range in.Groups {
		if g.Email != nil && !emailFormat.MatchString(*g.Email) {
			return nil, payloadViolation(&violation{
				msg:  "Object didn't pass validation for format email: " + *g.Email,
				path: "groups[" + strconv.Itoa(i) + "].email", desc: groupEmailDesc,
			})
		}
	}
	return in.Groups, nil
}

func decodeGroupDoc(doc json.RawMessage) ([]synchronizedGroup, error) {
	groups := []synchronizedGroup{}
	if doc == nil {
		return groups, nil
	}
	dec := json.NewDecoder(strings.NewReader(string(doc)))
	dec.UseNumber()
	if err := dec.Decode(&groups); err != nil {
		return nil, errInternal
	}
	return groups, nil
}

// requireDirectory fails unless the connection has a provisioning.
func (s *Server) requireDirectory(connectionID string) error {
	return s.store.readAttachment(connectionID, attachDirectory, func(_ attachedTo, doc json.RawMessage) error {
		if doc == nil {
			return errDirectoryNotFound
		}
		return nil
	})
}

// changeGroups runs edit on the stored groups (keyed by id) after the
// body is validated and the provisioning found, and stores them sorted.
func (s *Server) changeGroups(w http.ResponseWriter, c call, edit func(have map[string]synchronizedGroup, sent []synchronizedGroup)) error {
	sent, err := decodeGroups(c.body)
	if err != nil {
		return err
	}
	if err := s.requireDirectory(c.ids[0]); err != nil {
		return err
	}
	err = s.store.updateAttachment(c.ids[0], attachSynchronizedGroups, func(_ attachedTo, doc json.RawMessage) (json.RawMessage, error) {
		groups, err := decodeGroupDoc(doc)
		if err != nil {
			return nil, err
		}
		have := map[string]synchronizedGroup{}
		for _, g := range groups {
			have[g.ID] = g
		}
		edit(have, sent)
		if len(have) == 0 {
			return nil, nil
		}
		ids := make([]string, 0, len(have))
		for id := range have {
			ids = append(ids, id)
		}
		slices.Sort(ids)
		out := make([]synchronizedGroup, len(ids))
		for i, id := range ids {
			out[i] = have[id]
		}
		return encodeJSON(out)
	})
	if err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// replaceSynchronizedGroups answers PUT: the groups become exactly those
// sent (TestAccDirectorySynchronizedGroups.yaml #36 empties them).
func (s *Server) replaceSynchronizedGroups(w http.ResponseWriter, c call) error {
	return s.changeGroups(w, c, func(have map[string]synchronizedGroup, sent []synchronizedGroup) {
		clear(have)
		for _, g := range sent {
			have[g.ID] = g
		}
	})
}

// addSynchronizedGroups answers POST: the groups sent are added, replacing
// one of the same id (TestAccDirectorySynchronizedGroupsMetadata.yaml #13).
func (s *Server) addSynchronizedGroups(w http.ResponseWriter, c call) error {
	return s.changeGroups(w, c, func(have map[string]synchronizedGroup, sent []synchronizedGroup) {
		for _, g := range sent {
			have[g.ID] = g
		}
	})
}

// removeSynchronizedGroups answers DELETE: the groups sent, by id, are
// removed.
func (s *Server) removeSynchronizedGroups(w http.ResponseWriter, c call) error {
	return s.changeGroups(w, c, func(have map[string]synchronizedGroup, sent []synchronizedGroup) {
		for _, g := range sent {
			delete(have, g.ID)
		}
	})
}

// listSynchronizedGroups answers GET: a checkpoint page {"groups","next"},
// by id, filtered by q. The cursor is the last id returned.
func (s *Server) listSynchronizedGroups(w http.ResponseWriter, c call) error {
	q, err := readQuery(c.r.URL.Query(), synchronizedGroupsParams)
	if err != nil {
		return err
	}
	after := ""
	if from, ok := stringParam(q, "from"); ok {
		raw, err := base64.RawURLEncoding.DecodeString(from)
		after, _ = strings.CutPrefix(string(raw), "group:")
		if err != nil || after == string(raw) {
			return queryViolation(&violation{msg: "Invalid value \"" + from + "\"", path: "from"})
		}
	}
	if err := s.requireDirectory(c.ids[0]); err != nil {
		return err
	}
	var groups []synchronizedGroup
	err = s.store.readAttachment(c.ids[0], attachSynchronizedGroups, func(_ attachedTo, doc json.RawMessage) error {
		var err error
		groups, err = decodeGroupDoc(doc)
		return err
	})
	if err != nil {
		return err
	}
	query, _ := stringParam(q, "q")
	page := []synchronizedGroup{}
	take := intParam(q, "take", defaultTake)
	next := ""
	for _, g := range groups {
		if g.ID <= after || !groupMatches(g, query) {
			continue
		}
		if len(page) == take {
			next = base64.RawURLEncoding.EncodeToString([]byte("group:" + page[len(page)-1].ID))
			break
		}
		page = append(page, g)
	}
	resp := map[string]any{"groups": page}
	if next != "" {
		resp["next"] = next
	}
	writeJSON(w, http.StatusOK, resp)
	return nil
}

// groupMatches applies a search such as name:eng* (what the official
// provider sends): field:value, where a value ending in * matches as a
// prefix, case-insensitively, on id, name or email; a bare value matches
// any of them. A group without a name matches name: by its id, the only
// name the emulator may know of.
func groupMatches(g synchronizedGroup, query string) bool {
	query = strings.TrimSpace(query)
	if query == "" {
		return true
	}
	field, value, ok := strings.Cut(query, ":")
	if !ok {
		field, value = "", query
	}
	prefix := strings.HasSuffix(value, "*")
	value = strings.ToLower(strings.TrimSuffix(value, "*"))
	match := func(s string) bool {
		s = strings.ToLower(s)
		if prefix {
			return strings.HasPrefix(s, value)
		}
		return s == value
	}
	name, email := g.ID, ""
	if g.Name != nil {
		name = *g.Name
	}
	if g.Email != nil {
		email = *g.Email
	}
	switch field {
	case "id":
		return match(g.ID)
	case "name":
		return match(name)
	case "email":
		return match(email)
	case "":
		return match(g.ID) || match(name) || match(email)
	}
	return false
}
