package conformance

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/seedtf/terraform-provider-auth0/internal/emulator"
)

// matchRateFloors are, per recording folder, the share of replayed
// interactions whose status and body shape match the recording, as measured
// when this test was last tightened. The test fails below them, so that
// fidelity never regresses; raise them whenever the emulator gets closer.
var matchRateFloors = map[string]float64{
	"recordings":          0.997,
	"recordings-go-auth0": 0.945,
}

// modelledRoutes are the route templates the emulator serves; interactions
// on other routes are counted as out of scope, with the reason given in
// outOfScope.
var modelledRoutes = []string{
	"/api/v2/connections",
	"/api/v2/connections/{id}",
	"/api/v2/connections/{id}/clients",
	"/api/v2/connections/{id}/keys",
	"/api/v2/connections/{id}/keys/rotate",
	"/api/v2/clients",
	"/api/v2/clients/{id}",
	"/api/v2/connection-profiles",
	"/api/v2/connection-profiles/{id}",
	"/api/v2/connections/{id}/status",
	"/api/v2/connections/{id}/scim-configuration",
	"/api/v2/connections/{id}/scim-configuration/default-mapping",
	"/api/v2/connections/{id}/scim-configuration/tokens",
	"/api/v2/connections/{id}/scim-configuration/tokens/{id}",
	"/api/v2/connections-scim-configurations",
	"/api/v2/connections/{id}/directory-provisioning",
	"/api/v2/connections/{id}/directory-provisioning/default-mapping",
	"/api/v2/connections/{id}/directory-provisioning/synchronizations",
	"/api/v2/connections/{id}/directory-provisioning/synchronized-groups",
	"/api/v2/connections-directory-provisionings",
}

// deleteWithBody are the routes whose DELETE carries a body: the groups
// to remove (TestAccDirectorySynchronizedGroups.yaml #28).
var deleteWithBody = map[string]bool{
	"/api/v2/connections/{id}/directory-provisioning/synchronized-groups": true,
}

// outOfScope explains, by route prefix, why recorded interactions on routes
// the emulator does not serve are not replayed.
var outOfScope = []struct{ prefix, reason string }{
	{"/api/v2/organizations", "organizations and their enabled connections are a separate resource, not modelled"},
	{"/api/v2/flows/vault/connections", "Forms/Flows vault connections are a separate resource, not modelled"},
	{"/api/v2/tenants/settings", "tenant settings are not modelled"},
	{"/api/v2/actions", "actions are not modelled"},
}

// explanations give the reason for each difference the emulator keeps on
// purpose. A difference matches an entry when it comes from the cassette
// (any cassette when empty) and its text contains match. A difference
// without an explanation fails the test: fix the emulator or explain why it
// is not modelled.
var explanations = []struct{ cassette, match, reason string }{
	{
		"TestAccConnectionConfigurationFailsToUpdateWhenEncounteringUnmanagedSecrets.yaml", "extra key options.",
		"the connection existed before the cassette (recorded in 2023) and is seeded from what the recording shows; " +
			"created today, it gets the authentication_methods and passkey_options defaults a 2023 connection lacks",
	},
	{
		"", "status 204, recorded 202",
		"a second DELETE of a connection Auth0 is still deleting answers 202 with the first deleted_at, once the deletion is over 204: " +
			"which one a recording shows depends on timing (go-auth0's TestConnectionManager_DpopForOktaAndOIDC.yaml has both, #4 202 and #5 204; " +
			"its Read*/ReadByName* cassettes show 204 twice as often as 202); the emulator deletes at once and answers 204, the more frequent answer",
	},
	{
		"TestConnectionManager_List.yaml", "list lacks recorded item",
		"the list asks fields=id, so the recording shows the tenant's other connections by id only; without a strategy the replay cannot seed them",
	},
	{
		"TestConnectionManager_ReadKeys.yaml", "extra key options.schema_version",
		"this run of 2025-05-29 got no schema_version for oidc and okta, while the same requests got oidc-V4 before " +
			"(TestConnectionManager_CreateSCIMConfiguration.yaml, 2024-10-14) and after (TestConnectionManager_RotateKeys.yaml, 2025-05-30, " +
			"and all of 2026): a passing state of the recording tenant, not modelled",
	},
}

func init() {
	// The okta connections of go-auth0's run of 2025-05-16 lack every default
	// okta gets before it (the SCIM cassettes of 2024-10-14) and after it
	// (TestClientManager_ReadEnabledConnections.yaml of 2025-06-11, the
	// *ForOktaAndOIDC.yaml cassettes of 2026), for the same request: a
	// passing state of that tenant, not modelled.
	for _, name := range []string{
		"TestConnectionManager_Create__It_can_successfully_create_a_Okta_Connection.yaml",
		"TestConnectionManager_Read__It_can_successfully_read_a_Okta_Connection.yaml",
		"TestConnectionManager_ReadByName__It_can_successfully_find_a_Okta_Connection_by_its_name.yaml",
	} {
		for _, key := range []string{"display_name", "options.attribute_map", "options.connection_settings", "options.schema_version", "options.type"} {
			explanations = append(explanations, struct{ cassette, match, reason string }{
				name, "extra key " + key,
				"okta connections of go-auth0's run of 2025-05-16 lack the defaults okta gets in 2024-10 and from 2025-06 on, for the same request; " +
					"a passing state of the recording tenant, not modelled",
			})
			explanations = append(explanations, struct{ cassette, match, reason string }{
				name, "extra key item." + key,
				"okta connections of go-auth0's run of 2025-05-16 lack the defaults okta gets in 2024-10 and from 2025-06 on, for the same request; " +
					"a passing state of the recording tenant, not modelled",
			})
		}
	}
}

// eraKeys are keys Auth0 added to every connection in 2025; recordings made
// before then lack them. The emulator answers as a current tenant, so their
// presence is not a difference when the recording predates them.
var eraKeys = []string{"authentication", "connected_accounts"}

// passwordOptionsSince is when new database connections started to get
// password_options instead of passwordPolicy "good" by default: recordings
// up to 2026-06-03 show passwordPolicy, those of 2026-08-07 password_options.
// The emulator answers as a current tenant; in older recordings the swap is
// a normalisation, not a difference.
const passwordOptionsSince = "2026-07-01"

// enabledClientsHiddenSince is when GET and PATCH /connections/{id} started
// to leave the deprecated enabled_clients out for every strategy but auth0:
// the last recordings that show it on such a connection are of 2026-07-14
// (TestAccConnectionCrossAppAccessRequestingApp.yaml, oidc), the first that
// lack it of 2026-07-24 (TestAccConnectionCrossAppAccessResourceApp.yaml,
// TestAccConnectionOIDCMetadata.yaml), and so do all later ones
// (TestAccDirectorySynchronizedGroups*.yaml, google-apps, 2026-08-12/13);
// auth0 connections keep it (TestAccConnectionAddEmailAttribute*.yaml,
// 2026-08-07). The emulator answers as a current tenant (see
// hidesEnabledClients in the emulator); in older recordings the recorded
// key is a normalisation, not a difference.
const enabledClientsHiddenSince = "2026-07-24"

// waadSetupKeysDroppedBy is when waad connections had stopped getting a
// provisioning_ticket_url and the options app_domain and thumbprints: the
// recordings up to 2025-05-16 show all three (TestAccConnectionAzureAD.yaml,
// go-auth0's *_Azure-AD_Connection.yaml), TestAccSCIMToken.yaml of
// 2025-11-06 none of them. In older recordings their absence from the
// emulator's answer is a normalisation.
const waadSetupKeysDroppedBy = "2025-11-06"

// samlDecryptionSettingsSince is when samlp connections started to get
// assertion_decryption_settings by default: go-auth0's
// *_SAML_Connection.yaml of 2025-05-16 lack it, TestAccConnectionSAML.yaml
// of 2026-05-28 has it. In recordings made before, its presence in the
// emulator's answer is a normalisation.
const samlDecryptionSettingsSince = "2026-05-28"

// recordedOn dates a cassette by the latest deleted_at it holds; "" when it
// holds none (it is then taken as current).
func recordedOn(c cassette) string {
	latest := ""
	for _, it := range c.Interactions {
		if m := deletedAt.FindStringSubmatch(it.Response.Body); m != nil && m[1] > latest {
			latest = m[1]
		}
	}
	return latest
}

var deletedAt = regexp.MustCompile(`"deleted_at":"(\d{4}-\d{2}-\d{2})`)

var (
	connectionIDPattern = regexp.MustCompile(`con_[A-Za-z0-9]{16}`)
	clientIDPattern     = regexp.MustCompile(`^[A-Za-z0-9]{32}$`)
	idSegment           = regexp.MustCompile(`^(con_[A-Za-z0-9]+|org_[A-Za-z0-9]+|tok_[A-Za-z0-9]+|cop_[A-Za-z0-9]+|ac_[A-Za-z0-9]+|[A-Za-z0-9]{32}|[0-9a-f]{8}-[0-9a-f-]{27})$`)
)

// routeOf returns the route template of a path, with ids as {id}.
func routeOf(path string) string {
	segs := strings.Split(path, "/")
	for i, s := range segs {
		if i > 3 && idSegment.MatchString(s) {
			segs[i] = "{id}"
		}
	}
	return strings.Join(segs, "/")
}

func outOfScopeReason(route string) string {
	for _, o := range outOfScope {
		if strings.HasPrefix(route, o.prefix) {
			return o.reason
		}
	}
	return "not modelled"
}

// difference is one way an emulator answer differs from the recorded one.
type difference struct {
	cassette string
	index    int
	call     string // "METHOD /route"
	text     string
	reason   string
}

// replayStats sums up a replay.
type replayStats struct {
	compared, matched int
	tolerated         map[string]int // normalisation -> interactions
	skipped           map[string]int // "METHOD /route: reason" -> interactions
	seededConns       int
	seededClients     int
	perCassette       []cassetteStats
	diffs             []difference
}

type cassetteStats struct {
	name, folder               string
	compared, matched, skipped int
}

func TestReplayRecordings(t *testing.T) {
	t.Parallel()
	cassettes := loadCassettes(t)
	st := &replayStats{tolerated: map[string]int{}, skipped: map[string]int{}}
	for _, c := range cassettes {
		r := newReplayer(t, c, st)
		r.run()
	}
	report(t, st)
}

// replayer replays one cassette against a fresh emulator.
type replayer struct {
	t     *testing.T
	c     cassette
	st    *replayStats
	emu   *emulator.Server
	token string
	// handler serves the requests: the emulator, possibly wrapped.
	handler http.Handler
	// ids maps recorded connection ids, client ids and cursors to the
	// emulator's.
	ids map[string]string
	// created are the recorded ids of connections the cassette creates;
	// seeded those it uses without creating, which the replay creates
	// first from what the recording shows of them.
	created map[string]bool
	seeded  map[string]bool
	// date is when the cassette was recorded (see recordedOn).
	date string
}

func newReplayer(t *testing.T, c cassette, st *replayStats) *replayer {
	emu := emulator.New(emulator.Config{ClientID: "conformance", ClientSecret: "conformance"})
	return &replayer{
		t: t, c: c, st: st, emu: emu, handler: emu, token: emu.IssueToken(),
		ids: map[string]string{}, created: map[string]bool{}, seeded: map[string]bool{},
		date: recordedOn(c),
	}
}

// do sends one request to the emulator and returns status and body.
func (r *replayer) do(method, target string, body []byte) (int, []byte) {
	var reader *bytes.Reader
	if len(body) > 0 {
		reader = bytes.NewReader(body)
	} else {
		reader = bytes.NewReader(nil)
	}
	req := httptest.NewRequest(method, "http://tenant.example"+target, reader)
	req.Header.Set("Authorization", "Bearer "+r.token)
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	r.handler.ServeHTTP(rec, req)
	return rec.Code, rec.Body.Bytes()
}

// translate replaces the recorded ids in s by the emulator's.
func (r *replayer) translate(s string) string {
	keys := slices.Sorted(maps.Keys(r.ids))
	for _, k := range keys {
		s = strings.ReplaceAll(s, k, r.ids[k])
	}
	return s
}

func (r *replayer) run() {
	cs := cassetteStats{name: r.c.name, folder: r.c.folder}
	r.seed()
	for i, it := range r.c.Interactions {
		u, err := url.Parse(it.Request.URL)
		if err != nil {
			r.t.Fatalf("%s #%d: %v", r.c.name, i, err)
		}
		route := routeOf(u.Path)
		call := it.Request.Method + " " + route
		if !slices.Contains(modelledRoutes, route) {
			r.st.skipped[call+": "+outOfScopeReason(route)]++
			cs.skipped++
			continue
		}
		target := u.EscapedPath()
		if u.RawQuery != "" {
			target += "?" + u.RawQuery
		}
		body := it.Request.Body
		if it.Request.Method == http.MethodGet || (it.Request.Method == http.MethodDelete && !deleteWithBody[route]) {
			body = "" // older go-auth0 versions sent "null" on GET
		}
		status, got := r.do(it.Request.Method, r.translate(target), []byte(r.translate(body)))
		r.learn(it, route, got)
		diffs := r.compare(it, route, status, got)
		cs.compared++
		r.st.compared++
		if len(diffs) == 0 {
			cs.matched++
			r.st.matched++
		}
		for _, d := range diffs {
			r.st.diffs = append(r.st.diffs, difference{cassette: r.c.name, index: i, call: call, text: d, reason: explain(r.c.name, d)})
		}
	}
	r.st.perCassette = append(r.st.perCassette, cs)
}

func explain(cassetteName, text string) string {
	for _, e := range explanations {
		if (e.cassette == "" || e.cassette == cassetteName) && strings.Contains(text, e.match) {
			return e.reason
		}
	}
	return ""
}

// learn maps the ids and cursors a recorded answer introduces to the
// emulator's.
func (r *replayer) learn(it interaction, route string, got []byte) {
	var rec, emu map[string]any
	if json.Unmarshal([]byte(it.Response.Body), &rec) != nil || json.Unmarshal(got, &emu) != nil {
		return
	}
	switch {
	case it.Request.Method == http.MethodPost && route == "/api/v2/connections":
		r.mapID(rec["id"], emu["id"])
	case it.Request.Method == http.MethodPost && route == "/api/v2/clients":
		r.mapID(rec["client_id"], emu["client_id"])
	case it.Request.Method == http.MethodPost && route == "/api/v2/connection-profiles":
		r.mapID(rec["id"], emu["id"])
	case it.Request.Method == http.MethodPost && route == "/api/v2/connections/{id}/scim-configuration/tokens":
		r.mapID(rec["token_id"], emu["token_id"])
	}
	r.mapID(rec["next"], emu["next"])
}

func (r *replayer) mapID(recorded, emulated any) {
	rs, ok1 := recorded.(string)
	es, ok2 := emulated.(string)
	if ok1 && ok2 && rs != "" && es != "" {
		r.ids[rs] = es
	}
}

// seed creates the connections and clients the cassette uses without
// creating them (they existed in the recording tenant beforehand), from the
// first recorded answer that shows them.
func (r *replayer) seed() {
	createdClients := map[string]bool{}
	var connOrder []string
	conns := map[string]map[string]any{}
	var clientOrder []string
	clients := map[string]string{}              // id -> name
	clientBodies := map[string]map[string]any{} // id -> first recorded object
	enabledBefore := map[string][]string{}
	patched := map[string]bool{}

	noteClient := func(id, name string) {
		if !clientIDPattern.MatchString(id) {
			return
		}
		if _, ok := clients[id]; !ok {
			clientOrder = append(clientOrder, id)
			clients[id] = name
		} else if clients[id] == "" {
			clients[id] = name
		}
	}
	noteConn := func(obj map[string]any) {
		id, _ := obj["id"].(string)
		if !connectionIDPattern.MatchString(id) || obj["strategy"] == nil {
			return
		}
		if _, ok := conns[id]; !ok {
			connOrder = append(connOrder, id)
			conns[id] = obj
		}
	}
	for _, it := range r.c.Interactions {
		u, err := url.Parse(it.Request.URL)
		if err != nil {
			continue
		}
		route := routeOf(u.Path)
		if !slices.Contains(modelledRoutes, route) {
			continue
		}
		var body any
		_ = json.Unmarshal([]byte(it.Response.Body), &body)
		obj, _ := body.(map[string]any)
		switch route {
		case "/api/v2/connections":
			if it.Request.Method == http.MethodPost {
				if id, ok := obj["id"].(string); ok {
					r.created[id] = true
				}
			}
			items, _ := body.([]any)
			if list, ok := obj["connections"].([]any); ok {
				items = list
			}
			for _, item := range items {
				if m, ok := item.(map[string]any); ok {
					noteConn(m)
				}
			}
			if obj != nil {
				noteConn(obj)
			}
		case "/api/v2/connections/{id}":
			if obj != nil {
				noteConn(obj)
			}
		case "/api/v2/connections/{id}/clients":
			connID := connectionIDPattern.FindString(u.Path)
			if it.Request.Method == http.MethodPatch {
				patched[connID] = true
				var changes []map[string]any
				_ = json.Unmarshal([]byte(it.Request.Body), &changes)
				for _, ch := range changes {
					id, _ := ch["client_id"].(string)
					noteClient(id, "")
				}
				continue
			}
			list, _ := obj["clients"].([]any)
			for _, item := range list {
				m, _ := item.(map[string]any)
				id, _ := m["client_id"].(string)
				noteClient(id, "")
				if !patched[connID] {
					if _, seen := enabledBefore[connID]; !seen || !slices.Contains(enabledBefore[connID], id) {
						enabledBefore[connID] = append(enabledBefore[connID], id)
					}
				}
			}
		case "/api/v2/clients", "/api/v2/clients/{id}":
			id, _ := obj["client_id"].(string)
			name, _ := obj["name"].(string)
			if it.Request.Method == http.MethodPost && route == "/api/v2/clients" {
				createdClients[id] = true
			}
			if _, ok := clientBodies[id]; !ok && id != "" {
				clientBodies[id] = obj
			}
			noteClient(id, name)
			if route == "/api/v2/clients/{id}" {
				noteClient(strings.TrimPrefix(u.Path, "/api/v2/clients/"), "")
			}
		}
	}
	for _, id := range clientOrder {
		if createdClients[id] {
			continue
		}
		body := map[string]any{}
		for k, v := range clientBodies[id] {
			switch k {
			case "client_id", "client_secret", "signing_keys": // the emulator makes its own
			default:
				body[k] = v
			}
		}
		if body["name"] == nil {
			name := clients[id]
			if name == "" {
				name = "seeded-client-" + id[:6]
			}
			body["name"] = name
		}
		status, got := r.do(http.MethodPost, "/api/v2/clients", mustJSON(body))
		var m map[string]any
		if status != http.StatusCreated || json.Unmarshal(got, &m) != nil {
			r.t.Errorf("%s: seeding client %s: status %d, body %s", r.c.name, id, status, got)
			continue
		}
		r.mapID(id, m["client_id"])
		r.st.seededClients++
	}
	for _, id := range connOrder {
		if r.created[id] {
			continue
		}
		obj := conns[id]
		body := map[string]any{}
		for _, k := range []string{"name", "strategy", "display_name", "options", "show_as_button", "is_domain_connection", "realms", "metadata"} {
			if v, ok := obj[k]; ok {
				body[k] = v
			}
		}
		var enabled []any
		for _, c := range enabledBefore[id] {
			if mapped, ok := r.ids[c]; ok {
				enabled = append(enabled, mapped)
			}
		}
		if len(enabled) > 0 {
			body["enabled_clients"] = enabled
		}
		status, got := r.do(http.MethodPost, "/api/v2/connections", mustJSON(body))
		if status == http.StatusBadRequest {
			// Connections made under older rules may break today's
			// validation (such as a non-unique email attribute without a
			// custom database); seeded without options, they still exist.
			delete(body, "options")
			status, got = r.do(http.MethodPost, "/api/v2/connections", mustJSON(body))
			r.st.tolerated["seeded without options: today's validation rejects the recorded ones"]++
		}
		var m map[string]any
		if status != http.StatusCreated || json.Unmarshal(got, &m) != nil {
			r.t.Errorf("%s: seeding connection %s: status %d, body %s", r.c.name, id, status, got)
			continue
		}
		r.mapID(id, m["id"])
		r.seeded[id] = true
		r.st.seededConns++
	}
}

func mustJSON(v any) []byte {
	raw, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return raw
}

// compare lists how the emulator's answer differs from the recorded one:
// status code, then the shape of the body.
func (r *replayer) compare(it interaction, route string, status int, got []byte) []string {
	if status != it.Response.Code {
		return []string{fmt.Sprintf("status %d, recorded %d (emulator body %s)", status, it.Response.Code, abbreviate(got))}
	}
	recRaw := strings.TrimSpace(it.Response.Body)
	gotRaw := strings.TrimSpace(string(got))
	if recRaw == "" || gotRaw == "" {
		if recRaw != gotRaw {
			return []string{fmt.Sprintf("body %q, recorded %q", abbreviate(got), abbreviate([]byte(recRaw)))}
		}
		return nil
	}
	var rec, emu any
	if err := json.Unmarshal([]byte(recRaw), &rec); err != nil {
		return []string{"recorded body is not JSON"}
	}
	if err := json.Unmarshal([]byte(gotRaw), &emu); err != nil {
		return []string{"emulator body is not JSON: " + abbreviate(got)}
	}
	return r.compareValue(route, rec, emu)
}

func (r *replayer) compareValue(route string, rec, emu any) []string {
	if strings.HasPrefix(route, "/api/v2/connections/{id}/keys") {
		return r.compareKeys(route, rec, emu)
	}
	switch recv := rec.(type) {
	case []any:
		emuv, ok := emu.([]any)
		if !ok {
			return []string{"body is not an array"}
		}
		if route == "/api/v2/connections/{id}/scim-configuration/tokens" {
			return r.compareTokens(recv, emuv)
		}
		return r.compareItems(route, recv, emuv)
	case map[string]any:
		emuv, ok := emu.(map[string]any)
		if !ok {
			return []string{"body is not an object"}
		}
		switch {
		case recv["statusCode"] != nil:
			return compareError(recv, emuv)
		case route == "/api/v2/connections" && (recv["connections"] != nil):
			diffs := compareKeys("", recv, emuv, nil)
			recItems, _ := recv["connections"].([]any)
			emuItems, _ := emuv["connections"].([]any)
			return append(diffs, r.compareItems(route, recItems, emuItems)...)
		case route == "/api/v2/connections/{id}/clients":
			diffs := compareKeys("", recv, emuv, nil)
			if want, got := r.clientIDs(recv), clientIDsOf(emuv); !slices.Equal(want, got) {
				diffs = append(diffs, fmt.Sprintf("clients %v, recorded %v (translated)", got, want))
			}
			return diffs
		default:
			return r.compareObject(route, "", recv, emuv)
		}
	}
	return nil
}

// rotateAnswersWholeKeySince is when POST /connections/{id}/keys/rotate
// started to answer the whole new key (algorithm, key_use, subject_dn,
// fingerprint, thumbprint, pkcs, next): go-auth0's
// TestConnectionManager_RotateKeys.yaml of 2025-05-30 shows only kid and
// cert, TestAccConnectionRotateDataKeys.yaml of 2026-01-28 the whole key.
// The emulator answers as a current tenant; in older recordings the keys
// it adds are a normalisation.
const rotateAnswersWholeKeySince = "2026-01-28"

// compareKeys compares signing keys, which have no id: a list item by
// item, in order (current, previous, next), each item's keys and which of
// current, previous and next it is; an error as errors are.
func (r *replayer) compareKeys(route string, rec, emu any) []string {
	if m, ok := rec.(map[string]any); ok && m["statusCode"] != nil {
		return r.compareValue("", rec, emu)
	}
	one := func(prefix string, recKey, emuKey map[string]any) []string {
		var tolerate []string
		if strings.HasSuffix(route, "/rotate") && r.date != "" && r.date < rotateAnswersWholeKeySince {
			for k := range emuKey {
				if _, recorded := recKey[k]; !recorded {
					tolerate = append(tolerate, k)
				}
			}
			if len(tolerate) > 0 {
				r.st.tolerated["the whole key answered by POST /keys/rotate, only kid and cert in recordings made before "+rotateAnswersWholeKeySince]++
			}
		}
		diffs := compareKeys(prefix, recKey, emuKey, tolerate)
		for _, flag := range []string{"current", "previous", "next"} {
			if recKey[flag] == true && emuKey[flag] != true {
				diffs = append(diffs, fmt.Sprintf("%snot %s, recorded %s", prefix, flag, flag))
			}
		}
		return diffs
	}
	switch recv := rec.(type) {
	case []any:
		emuv, ok := emu.([]any)
		if !ok {
			return []string{"body is not an array"}
		}
		if len(recv) != len(emuv) {
			return []string{fmt.Sprintf("%d keys, recorded %d", len(emuv), len(recv))}
		}
		var diffs []string
		for i := range recv {
			recKey, _ := recv[i].(map[string]any)
			emuKey, _ := emuv[i].(map[string]any)
			diffs = append(diffs, one(fmt.Sprintf("item %d.", i), recKey, emuKey)...)
		}
		return diffs
	case map[string]any:
		emuv, ok := emu.(map[string]any)
		if !ok {
			return []string{"body is not an object"}
		}
		return one("", recv, emuv)
	}
	return nil
}

// compareItems compares list items by id: items the cassette created are
// compared key by key; items seeded from the tenant's other connections
// must only be present.
func (r *replayer) compareItems(route string, rec, emu []any) []string {
	byID := map[string]map[string]any{}
	for _, item := range emu {
		m, _ := item.(map[string]any)
		id, _ := m["id"].(string)
		byID[id] = m
	}
	var diffs []string
	want := map[string]bool{}
	for _, item := range rec {
		m, _ := item.(map[string]any)
		recID, _ := m["id"].(string)
		id := r.ids[recID]
		want[id] = true
		got, ok := byID[id]
		switch {
		case !ok:
			diffs = append(diffs, "list lacks recorded item "+recID)
		case r.created[recID]:
			diffs = append(diffs, r.compareObject(route, "item.", m, got)...)
		}
	}
	for id := range byID {
		if !want[id] {
			diffs = append(diffs, "list has an item the recording lacks: "+id)
		}
	}
	return diffs
}

// compareTokens compares a connection's SCIM tokens by token_id, key by
// key: the replay created every one of them.
func (r *replayer) compareTokens(rec, emu []any) []string {
	byID := map[string]map[string]any{}
	for _, item := range emu {
		m, _ := item.(map[string]any)
		id, _ := m["token_id"].(string)
		byID[id] = m
	}
	var diffs []string
	for _, item := range rec {
		m, _ := item.(map[string]any)
		recID, _ := m["token_id"].(string)
		got, ok := byID[r.ids[recID]]
		if !ok {
			diffs = append(diffs, "token list lacks recorded token "+recID)
			continue
		}
		diffs = append(diffs, compareKeys("item.", m, got, nil)...)
		delete(byID, r.ids[recID])
	}
	for id := range byID {
		diffs = append(diffs, "token list has a token the recording lacks: "+id)
	}
	return diffs
}

func (r *replayer) clientIDs(body map[string]any) []string {
	ids := clientIDsOf(body)
	for i, id := range ids {
		if mapped, ok := r.ids[id]; ok {
			ids[i] = mapped
		}
	}
	return ids
}

func clientIDsOf(body map[string]any) []string {
	list, _ := body["clients"].([]any)
	ids := []string{}
	for _, item := range list {
		m, _ := item.(map[string]any)
		id, _ := m["client_id"].(string)
		ids = append(ids, id)
	}
	return ids
}

// withoutPastKeys returns the recorded object without the keys Auth0 has
// stopped returning since the cassette was recorded, where the emulator, as
// a current tenant, leaves them out.
func (r *replayer) withoutPastKeys(route string, rec, emu map[string]any) map[string]any {
	if r.date == "" {
		return rec
	}
	strategy, _ := rec["strategy"].(string)
	drop := func(obj, emuObj map[string]any, key, why string) map[string]any {
		if _, recorded := obj[key]; !recorded {
			return obj
		}
		if _, answered := emuObj[key]; answered {
			return obj
		}
		obj = maps.Clone(obj)
		delete(obj, key)
		r.st.tolerated[why]++
		return obj
	}
	if r.date < enabledClientsHiddenSince && route == "/api/v2/connections/{id}" && strategy != "auth0" {
		rec = drop(rec, emu, "enabled_clients",
			"enabled_clients left out of GET/PATCH /connections/{id} of non-database connections, present in recordings made before "+enabledClientsHiddenSince)
	}
	if r.date < waadSetupKeysDroppedBy && strategy == "waad" {
		why := "waad without provisioning_ticket_url, options.app_domain and options.thumbprints, present in recordings made before " + waadSetupKeysDroppedBy
		rec = drop(rec, emu, "provisioning_ticket_url", why)
		recOpts, ok1 := rec["options"].(map[string]any)
		emuOpts, ok2 := emu["options"].(map[string]any)
		if ok1 && ok2 {
			opts := drop(drop(recOpts, emuOpts, "app_domain", why), emuOpts, "thumbprints", why)
			if len(opts) != len(recOpts) {
				rec = maps.Clone(rec)
				rec["options"] = opts
			}
		}
	}
	return rec
}

// compareObject compares the keys of an object and of its options.
func (r *replayer) compareObject(route, prefix string, rec, emu map[string]any) []string {
	var tolerate []string
	for _, k := range eraKeys {
		if _, ok := rec[k]; !ok {
			if _, ok := emu[k]; ok {
				tolerate = append(tolerate, k)
			}
		}
	}
	if len(tolerate) > 0 {
		r.st.tolerated["authentication/connected_accounts returned, absent from recordings made before Auth0 added them"]++
	}
	rec = r.withoutPastKeys(route, rec, emu)
	diffs := compareKeys(prefix, rec, emu, tolerate)
	recOpts, ok1 := rec["options"].(map[string]any)
	emuOpts, ok2 := emu["options"].(map[string]any)
	if ok1 && ok2 {
		var tolerateOpts []string
		_, recPolicy := recOpts["passwordPolicy"]
		_, recOptions := recOpts["password_options"]
		_, emuPolicy := emuOpts["passwordPolicy"]
		_, emuOptions := emuOpts["password_options"]
		if r.date != "" && r.date < passwordOptionsSince && recPolicy && !recOptions && emuOptions && !emuPolicy {
			emuOpts = maps.Clone(emuOpts)
			emuOpts["passwordPolicy"] = recOpts["passwordPolicy"]
			tolerateOpts = append(tolerateOpts, "password_options")
			r.st.tolerated["password_options instead of passwordPolicy \"good\" by default, absent from recordings made before "+passwordOptionsSince]++
		}
		if _, recorded := recOpts["assertion_decryption_settings"]; !recorded && r.date != "" && r.date < samlDecryptionSettingsSince && rec["strategy"] == "samlp" {
			if _, answered := emuOpts["assertion_decryption_settings"]; answered {
				tolerateOpts = append(tolerateOpts, "assertion_decryption_settings")
				r.st.tolerated["samlp assertion_decryption_settings returned, absent from recordings made before "+samlDecryptionSettingsSince]++
			}
		}
		diffs = append(diffs, compareKeys(prefix+"options.", recOpts, emuOpts, tolerateOpts)...)
	}
	return diffs
}

// compareKeys reports keys only one side has.
func compareKeys(prefix string, rec, emu map[string]any, tolerate []string) []string {
	var missing, extra []string
	for k := range rec {
		if _, ok := emu[k]; !ok {
			missing = append(missing, prefix+k)
		}
	}
	for k := range emu {
		if _, ok := rec[k]; !ok && !slices.Contains(tolerate, k) {
			extra = append(extra, prefix+k)
		}
	}
	sort.Strings(missing)
	sort.Strings(extra)
	var diffs []string
	for _, k := range missing {
		diffs = append(diffs, "missing key "+k)
	}
	for _, k := range extra {
		diffs = append(diffs, "extra key "+k)
	}
	return diffs
}

// compareError compares Auth0 error bodies field by field.
func compareError(rec, emu map[string]any) []string {
	var diffs []string
	for _, k := range []string{"statusCode", "error", "message", "errorCode"} {
		if fmt.Sprint(rec[k]) != fmt.Sprint(emu[k]) {
			diffs = append(diffs, fmt.Sprintf("error %s %q, recorded %q", k, fmt.Sprint(emu[k]), fmt.Sprint(rec[k])))
		}
	}
	return diffs
}

func abbreviate(b []byte) string {
	const limit = 160
	if len(b) > limit {
		return string(b[:limit]) + "..."
	}
	return string(b)
}

// report logs the match rate, the differences and what was not replayed,
// and fails on unexplained differences or a rate below the floor.
func report(t *testing.T, st *replayStats) {
	t.Helper()
	var b strings.Builder
	fmt.Fprintf(&b, "\nConformance with %d recorded cassettes\n", len(st.perCassette))
	fmt.Fprintf(&b, "%-78s %8s %8s %8s\n", "cassette", "replayed", "matched", "skipped")
	type folderStats struct{ cassettes, compared, matched int }
	folders := map[string]*folderStats{}
	for _, f := range recordingFolders {
		folders[f] = &folderStats{}
	}
	for _, c := range st.perCassette {
		fmt.Fprintf(&b, "%-78s %8d %8d %8d\n", c.folder+"/"+c.name, c.compared, c.matched, c.skipped)
		f := folders[c.folder]
		f.cassettes++
		f.compared += c.compared
		f.matched += c.matched
	}
	b.WriteString("\n")
	var low []string
	for _, name := range recordingFolders {
		f := folders[name]
		if f.compared == 0 {
			continue
		}
		rate := float64(f.matched) / float64(f.compared)
		fmt.Fprintf(&b, "Match rate %-20s %3d cassettes: %d/%d interactions = %.1f%% (floor %.1f%%)\n",
			name+":", f.cassettes, f.matched, f.compared, 100*rate, 100*matchRateFloors[name])
		if rate < matchRateFloors[name] {
			low = append(low, fmt.Sprintf("match rate of %s %.4f is below the floor %.4f", name, rate, matchRateFloors[name]))
		}
	}
	if st.compared > 0 {
		fmt.Fprintf(&b, "Match rate %-20s %3d cassettes: %d/%d interactions = %.1f%%\n",
			"all:", len(st.perCassette), st.matched, st.compared, 100*float64(st.matched)/float64(st.compared))
	}
	fmt.Fprintf(&b, "Seeded from the recordings (existed in the tenant before the cassette): %d connections, %d clients\n", st.seededConns, st.seededClients)
	if len(st.tolerated) > 0 {
		b.WriteString("\nNormalisations:\n")
		for _, k := range slices.Sorted(maps.Keys(st.tolerated)) {
			fmt.Fprintf(&b, "  %5d x %s\n", st.tolerated[k], k)
		}
	}
	b.WriteString("\nNot replayed (routes the emulator does not serve):\n")
	for _, k := range slices.Sorted(maps.Keys(st.skipped)) {
		fmt.Fprintf(&b, "  %5d x %s\n", st.skipped[k], k)
	}
	if len(st.diffs) > 0 {
		b.WriteString("\nRemaining differences:\n")
		for _, d := range st.diffs {
			reason := d.reason
			if reason == "" {
				reason = "UNEXPLAINED"
			}
			fmt.Fprintf(&b, "  %s #%d %s: %s\n      reason: %s\n", d.cassette, d.index, d.call, d.text, reason)
		}
	}
	t.Log(b.String())
	for _, d := range st.diffs {
		if d.reason == "" {
			t.Errorf("unexplained difference: %s #%d %s: %s", d.cassette, d.index, d.call, d.text)
		}
	}
	for _, l := range low {
		t.Error(l)
	}
}
