package conformance

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/pb33f/libopenapi"
	validator "github.com/pb33f/libopenapi-validator"

	"github.com/seedtf/terraform-provider-auth0/internal/emulator"
)

// specDeviations are the keys of connection objects that the real API
// returns although the OpenAPI document's response schemas (which forbid
// additional properties) leave them out; the emulator follows the API.
// They are removed, and counted, before an answer is validated; everything
// else must validate strictly.
var specDeviations = []struct {
	key    string
	inList bool // only in the items of GET /connections
	reason string
}{
	{"provisioning_ticket_url", false, "provisioning_ticket_url: Auth0 returns it for enterprise connections (ad, adfs, google-apps, samlp, pingfederate; TestAccConnectionAD.yaml and others; waad until 2025, not in TestAccSCIMToken.yaml)"},
	{"cross_app_access_requesting_app", false, "cross_app_access_*: Auth0 returns the cross app access settings (TestAccConnectionCrossAppAccess*.yaml)"},
	{"cross_app_access_resource_app", false, "cross_app_access_*: Auth0 returns the cross app access settings (TestAccConnectionCrossAppAccess*.yaml)"},
	{"enabled_clients", true, "enabled_clients in list items: ConnectionForList leaves it out, Auth0's lists include it (TestAccDataSourceConnection.yaml)"},
}

// withoutDeviations removes the specDeviations keys from a connections
// answer, counting them by reason.
func withoutDeviations(body []byte, counts map[string]int) []byte {
	var v any
	if json.Unmarshal(body, &v) != nil {
		return body
	}
	strip := func(item any, inList bool) {
		m, ok := item.(map[string]any)
		if !ok {
			return
		}
		for _, d := range specDeviations {
			if _, present := m[d.key]; present && (inList || !d.inList) {
				delete(m, d.key)
				counts[d.reason]++
			}
		}
	}
	switch t := v.(type) {
	case []any:
		for _, item := range t {
			strip(item, true)
		}
	case map[string]any:
		if list, ok := t["connections"].([]any); ok {
			for _, item := range list {
				strip(item, true)
			}
		} else {
			strip(t, false)
		}
	}
	out, err := json.Marshal(v)
	if err != nil {
		return body
	}
	return out
}

// loadValidator builds a libopenapi-validator for the connections document.
func loadValidator(t *testing.T) validator.Validator {
	t.Helper()
	raw, err := os.ReadFile(sharedFile(t, "openapi-connections.json"))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := libopenapi.NewDocument(raw)
	if err != nil {
		t.Fatalf("parsing the OpenAPI document: %v", err)
	}
	v, errs := validator.NewValidator(doc)
	if len(errs) > 0 {
		t.Fatalf("building the validator: %v", errs)
	}
	return v
}

// exchange is one request to the emulator and its answer.
type exchange struct {
	req    *http.Request
	body   []byte
	status int
	header http.Header
	resp   []byte
}

// schemaChecker validates exchanges against the OpenAPI document and sums
// up what it found. It is safe for concurrent use.
type schemaChecker struct {
	v validator.Validator

	mu         sync.Mutex
	checked    int
	byCall     map[string]int
	deviations map[string]int
	failures   []string
}

func newSchemaChecker(t *testing.T) *schemaChecker {
	return &schemaChecker{v: loadValidator(t), byCall: map[string]int{}, deviations: map[string]int{}}
}

// inSpec reports whether the document describes the call: the clients
// routes and the token endpoint are not in it.
func inSpec(path string) bool { return strings.HasPrefix(path, "/api/v2/connections") }

func (c *schemaChecker) check(x exchange) {
	if !inSpec(x.req.URL.Path) {
		return
	}
	req := x.req.Clone(x.req.Context())
	req.URL.Scheme, req.URL.Host = "https", "tenant.example"
	req.Body = io.NopCloser(bytes.NewReader(x.body))
	c.mu.Lock()
	defer c.mu.Unlock()
	if reason := unspecifiedGroupsMethod(x.req); reason != "" {
		c.deviations[reason]++
		return
	}
	body := x.resp
	if x.status < 300 {
		body = withoutDeviations(body, c.deviations)
		body = withoutGroupMetadata(x.req, body, c.deviations)
	}
	resp := &http.Response{
		StatusCode: x.status,
		Header:     x.header,
		Body:       io.NopCloser(bytes.NewReader(body)),
		Request:    req,
	}
	ok, errs := c.v.ValidateHttpResponse(req, resp)
	call := x.req.Method + " " + routeOf(x.req.URL.Path) + " " + fmt.Sprint(x.status)
	c.checked++
	c.byCall[call]++
	if ok {
		return
	}
	for _, e := range errs {
		text := e.Message + ": " + e.Reason
		ambiguous := len(e.SchemaValidationErrors) > 0
		for _, se := range e.SchemaValidationErrors {
			text += " [" + se.FieldPath + ": " + se.Reason + "]"
			ambiguous = ambiguous && strings.Contains(se.Reason, "'oneOf' failed, subschemas 1, 2 matched")
		}
		if ambiguous && onlyConnections(body) {
			c.deviations[lastPageReason]++
			continue
		}
		c.failures = append(c.failures, fmt.Sprintf("%s: %s (body %s)", call, text, abbreviate(body)))
	}
}

// lastPageReason explains the one answer the document's own oneOf rejects:
// the offset and checkpoint list shapes both admit {"connections":[...]},
// which is what Auth0 answers for the last checkpoint page (the recorded
// GET /connections?take=100 of TestAccDataSourceConnection.yaml).
const lastPageReason = "last checkpoint page {\"connections\":[...]}: matches both object shapes of the document's oneOf, as Auth0's own answer does (TestAccDataSourceConnection.yaml)"

// onlyConnections reports whether body is an object with just a
// connections list.
func onlyConnections(body []byte) bool {
	var m map[string]json.RawMessage
	if json.Unmarshal(body, &m) != nil {
		return false
	}
	_, ok := m["connections"]
	return ok && len(m) == 1
}

func (c *schemaChecker) report(t *testing.T) {
	t.Helper()
	var b strings.Builder
	fmt.Fprintf(&b, "\n%d answers checked against openapi-connections.json:\n", c.checked)
	for _, k := range slices.Sorted(maps.Keys(c.byCall)) {
		fmt.Fprintf(&b, "  %5d x %s\n", c.byCall[k], k)
	}
	if len(c.deviations) > 0 {
		b.WriteString("Expected deviations from the document (the API answers so):\n")
		for _, k := range slices.Sorted(maps.Keys(c.deviations)) {
			fmt.Fprintf(&b, "  %5d x %s\n", c.deviations[k], k)
		}
	}
	t.Log(b.String())
	for _, f := range c.failures {
		t.Errorf("answer breaks the schema: %s", f)
	}
	if c.checked == 0 {
		t.Error("no answer was checked")
	}
}

// recordingHandler passes requests to the emulator and hands every
// exchange to check.
func recordingHandler(h http.Handler, check func(exchange)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(body))
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, r)
		check(exchange{req: r, body: body, status: rec.Code, header: rec.Header(), resp: rec.Body.Bytes()})
		for k, v := range rec.Header() {
			w.Header()[k] = v
		}
		w.WriteHeader(rec.Code)
		_, _ = w.Write(rec.Body.Bytes())
	})
}

// TestResponsesMatchSchema checks every answer the emulator gives while
// replaying the recordings, and while running a scenario of its own that
// reaches every list shape, error and status code of the document, against
// the OpenAPI document with libopenapi-validator.
func TestResponsesMatchSchema(t *testing.T) {
	t.Parallel()
	checker := newSchemaChecker(t)
	st := &replayStats{tolerated: map[string]int{}, skipped: map[string]int{}}
	for _, c := range loadCassettes(t) {
		r := newReplayer(t, c, st)
		r.handler = recordingHandler(r.emu, checker.check)
		r.run()
	}
	schemaScenario(t, checker)
	scimSchemaScenario(t, checker)
	checker.report(t)
}

// schemaScenario drives the answers the recordings do not reach.
func schemaScenario(t *testing.T, checker *schemaChecker) {
	emu := emulator.New(emulator.Config{ClientID: "id", ClientSecret: "secret", RateLimitRPS: 1000, RateLimitBurst: 1000})
	srv := httptest.NewServer(recordingHandler(emu, checker.check))
	defer srv.Close()
	token := emu.IssueToken()
	readOnly := emu.IssueTokenWithScopes(emulator.ScopeReadConnections)
	do := func(method, path, body, tok string, want int) []byte {
		t.Helper()
		req, err := http.NewRequest(method, srv.URL+path, strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		if tok != "" {
			req.Header.Set("Authorization", "Bearer "+tok)
		}
		req.Header.Set("Content-Type", "application/json")
		resp, err := srv.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		out, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != want {
			t.Fatalf("%s %s: status %d, want %d: %s", method, path, resp.StatusCode, want, out)
		}
		return out
	}
	clientID := string(bytes.Split(bytes.Split(do("POST", "/api/v2/clients", `{"name":"app"}`, token, 201), []byte(`"client_id":"`))[1], []byte(`"`))[0])
	var ids []string
	for _, body := range []string{
		`{"name":"db","strategy":"auth0","metadata":{"k":"v"},"enabled_clients":["` + clientID + `"]}`,
		`{"name":"google","strategy":"google-oauth2","options":{"email":true,"configuration":{"secret":"s"}}}`,
		`{"name":"okta","strategy":"okta","options":{"domain":"example.okta.com","client_id":"c"}}`,
		`{"name":"oidc","strategy":"oidc","show_as_button":true,"options":{"discovery_url":"https://idp.example/.well-known/openid-configuration"}}`,
		`{"name":"sms","strategy":"sms","realms":["r"],"authentication":{"active":true},"connected_accounts":{"active":false}}`,
	} {
		out := do("POST", "/api/v2/connections", body, token, 201)
		ids = append(ids, string(bytes.Split(bytes.Split(out, []byte(`"id":"`))[1], []byte(`"`))[0]))
	}
	for _, path := range []string{
		"/api/v2/connections",
		"/api/v2/connections?include_totals=true&per_page=2&page=1",
		"/api/v2/connections?take=2",
		"/api/v2/connections?take=2&include_totals=true",
		"/api/v2/connections?strategy=auth0&strategy=okta&fields=name,options&include_fields=true",
		"/api/v2/connections?name=okta&fields=options&include_fields=false",
		"/api/v2/connections/" + ids[0] + "?fields=name",
		"/api/v2/connections/" + ids[0] + "/clients",
		"/api/v2/connections/" + ids[0] + "/clients?take=1",
	} {
		do("GET", path, "", token, 200)
	}
	do("GET", "/api/v2/connections", "", readOnly, 200)
	do("PATCH", "/api/v2/connections/"+ids[1], `{"options":{"email":false,"profile":true},"display_name":"G"}`, token, 200)
	do("PATCH", "/api/v2/connections/"+ids[0]+"/clients", `[{"client_id":"`+clientID+`","status":false}]`, token, 204)
	do("DELETE", "/api/v2/connections/"+ids[4], "", token, 202)
	do("DELETE", "/api/v2/connections/"+ids[4], "", token, 204)
	// Errors with the status codes the document lists.
	do("POST", "/api/v2/connections", `{"name":"bad name","strategy":"auth0"}`, token, 400)
	do("GET", "/api/v2/connections?per_page=0", "", token, 400)
	do("PATCH", "/api/v2/connections/"+ids[0]+"/clients", `[]`, token, 400)
	do("GET", "/api/v2/connections", "", "", 401)
	do("POST", "/api/v2/connections", `{"name":"x","strategy":"auth0"}`, readOnly, 403)
	do("GET", "/api/v2/connections/con_0000000000000000", "", token, 404)
	do("PATCH", "/api/v2/connections/con_0000000000000000", `{"display_name":"x"}`, token, 404)
	do("GET", "/api/v2/connections/con_0000000000000000/clients", "", token, 404)
	do("POST", "/api/v2/connections", `{"name":"db","strategy":"auth0"}`, token, 409)

	// Signing keys: made with a private key JWT connection, provisioned for
	// the okta one, rotated, and the errors of each endpoint.
	jwt := do("POST", "/api/v2/connections", `{"name":"jwt","strategy":"oidc","options":{"discovery_url":"https://idp.example/.well-known/openid-configuration","token_endpoint_auth_method":"private_key_jwt"}}`, token, 201)
	jwtID := string(bytes.Split(bytes.Split(jwt, []byte(`"id":"`))[1], []byte(`"`))[0])
	do("GET", "/api/v2/connections/"+jwtID+"/keys", "", token, 200)
	do("POST", "/api/v2/connections/"+jwtID+"/keys/rotate", "", token, 201)
	do("POST", "/api/v2/connections/"+jwtID+"/keys/rotate", `{"signing_alg":"ES256"}`, token, 201)
	do("GET", "/api/v2/connections/"+jwtID+"/keys", "", token, 200)
	do("POST", "/api/v2/connections/"+jwtID+"/keys", "", token, 409)
	do("GET", "/api/v2/connections/"+ids[2]+"/keys", "", token, 200)
	do("POST", "/api/v2/connections/"+ids[2]+"/keys", `{"signing_alg":"PS256"}`, token, 201)
	do("POST", "/api/v2/connections/"+ids[0]+"/keys", "", token, 400)
	do("POST", "/api/v2/connections/"+ids[0]+"/keys/rotate", "", token, 400)
	do("GET", "/api/v2/connections/"+ids[0]+"/keys", "", token, 400)
	do("GET", "/api/v2/connections/"+jwtID+"/keys", "", readOnly, 403)
	do("POST", "/api/v2/connections/"+jwtID+"/keys/rotate", "", emu.IssueTokenWithScopes(emulator.ScopeCreateConnectionsKeys), 403)
	do("GET", "/api/v2/connections/con_0000000000000000/keys", "", token, 404)
	do("POST", "/api/v2/connections/con_0000000000000000/keys", "", token, 404)
	do("POST", "/api/v2/connections/con_0000000000000000/keys/rotate", "", token, 404)

	// 429 from the rate limiter.
	limited := emulator.New(emulator.Config{ClientID: "id", ClientSecret: "secret", RateLimitRPS: 0.001, RateLimitBurst: 1})
	limitedSrv := httptest.NewServer(recordingHandler(limited, checker.check))
	defer limitedSrv.Close()
	for i, want := range []int{http.StatusOK, http.StatusTooManyRequests} {
		req, _ := http.NewRequest(http.MethodGet, limitedSrv.URL+"/api/v2/connections", nil)
		req.Header.Set("Authorization", "Bearer "+limited.IssueToken())
		resp, err := limitedSrv.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Fatalf("request %d: status %d, want %d", i, resp.StatusCode, want)
		}
	}
}

// TestSchemaCheckerCatchesViolations makes sure the schema check is not
// vacuous: answers that break the document are reported.
func TestSchemaCheckerCatchesViolations(t *testing.T) {
	t.Parallel()
	checker := newSchemaChecker(t)
	for _, body := range []string{
		`{"id":"con_0000000000000001","name":"a","strategy":"auth0","unknown_key":true}`,
		`{"id":5,"name":"a","strategy":"auth0"}`,
		`{"id":"con_0000000000000001","name":"a","strategy":"auth0","realms":"not-a-list"}`,
	} {
		req := httptest.NewRequest(http.MethodGet, "https://tenant.example/api/v2/connections/con_0000000000000001", nil)
		header := http.Header{"Content-Type": {"application/json; charset=utf-8"}}
		checker.check(exchange{req: req, status: http.StatusOK, header: header, resp: []byte(body)})
	}
	if len(checker.failures) != 3 {
		t.Fatalf("%d of 3 bad answers reported: %v", len(checker.failures), checker.failures)
	}
}

// requestCase is one request the document either admits or forbids.
type requestCase struct {
	name, method, path, body string
	// invalid is whether the document forbids the request; the emulator
	// must then answer 400 with Auth0's validation wording, and otherwise
	// not 400.
	invalid bool
	// accepted, for a forbidden request, is why the emulator accepts it
	// all the same.
	accepted string
}

// requestCases cover every kind of constraint the document places on
// bodies and query strings.
var requestCases = []requestCase{
	{"minimal", "POST", "/api/v2/connections", `{"name":"a","strategy":"auth0"}`, false, ""},
	{"everything typed", "POST", "/api/v2/connections", `{"name":"b","strategy":"auth0","display_name":"B","is_domain_connection":true,
		"show_as_button":false,"realms":["r"],"metadata":{"k1":"v","k2":null},"authentication":{"active":true},
		"connected_accounts":{"active":true,"cross_app_access":false},"options":{"passwordPolicy":"fair",
		"password_options":{"complexity":{"min_length":12}},"precedence":["email","username","phone_number"],
		"validation":{"username":{"min":1,"max":20}},"upstream_params":{"screen_name":{"alias":"login_hint"}},
		"set_user_root_attributes":"on_first_login","passkey_options":{"challenge_ui":"button"},"custom_key":{"any":1}}}`, false, ""},
	{"additional property", "POST", "/api/v2/connections", `{"name":"c","strategy":"auth0","token_dialect":"x"}`, true, ""},
	{"missing name", "POST", "/api/v2/connections", `{"strategy":"auth0"}`, true, ""},
	{"missing strategy", "POST", "/api/v2/connections", `{"name":"c"}`, true, ""},
	{"strategy enum", "POST", "/api/v2/connections", `{"name":"c","strategy":"auth0-adldap"}`, true, ""},
	{"name pattern", "POST", "/api/v2/connections", `{"name":"bad name","strategy":"auth0"}`, true, ""},
	{"name maxLength", "POST", "/api/v2/connections", `{"name":"` + strings.Repeat("n", 129) + `","strategy":"auth0"}`, true, ""},
	{"display_name maxLength", "POST", "/api/v2/connections", `{"name":"c","strategy":"auth0","display_name":"` + strings.Repeat("d", 129) + `"}`, true, ""},
	{"name type", "POST", "/api/v2/connections", `{"name":7,"strategy":"auth0"}`, true, ""},
	{"metadata maxProperties", "POST", "/api/v2/connections", `{"name":"c","strategy":"auth0","metadata":{"a":"1","b":"2","c":"3","d":"4","e":"5","f":"6","g":"7","h":"8","i":"9","j":"10","k":"11"}}`, true, ""},
	{"metadata value maxLength", "POST", "/api/v2/connections", `{"name":"c","strategy":"auth0","metadata":{"a":"` + strings.Repeat("v", 256) + `"}}`, true, ""},
	{"metadata value type", "POST", "/api/v2/connections", `{"name":"c","strategy":"auth0","metadata":{"a":1}}`, true, ""},
	{"authentication required", "POST", "/api/v2/connections", `{"name":"c","strategy":"auth0","authentication":{}}`, true, ""},
	{"connected_accounts closed", "POST", "/api/v2/connections", `{"name":"c","strategy":"auth0","connected_accounts":{"active":true,"x":1}}`, true, ""},
	{"option enum", "POST", "/api/v2/connections", `{"name":"c","strategy":"auth0","options":{"passwordPolicy":"weird"}}`, true, ""},
	{"option enum in array", "POST", "/api/v2/connections", `{"name":"c","strategy":"auth0","options":{"precedence":["email","username","fax"]}}`, true, ""},
	{"option minItems", "POST", "/api/v2/connections", `{"name":"c","strategy":"auth0","options":{"precedence":["email"]}}`, true, ""},
	{"option type", "POST", "/api/v2/connections", `{"name":"c","strategy":"auth0","options":{"import_mode":"yes"}}`, true, ""},
	{"option required", "POST", "/api/v2/connections", `{"name":"c","strategy":"auth0","options":{"validation":{"username":{"min":1}}}}`, true, ""},
	{"option maximum", "POST", "/api/v2/connections", `{"name":"c","strategy":"auth0","options":{"password_options":{"complexity":{"min_length":73}}}}`, true, ""},
	{"option closed object", "POST", "/api/v2/connections", `{"name":"c","strategy":"auth0","options":{"passkey_options":{"challenge_ui":"both","x":1}}}`, true, ""},
	{"option minProperties", "POST", "/api/v2/connections", `{"name":"c","strategy":"auth0","options":{"attributes":{}}}`, true, ""},
	{"option additionalProperties type", "POST", "/api/v2/connections", `{"name":"c","strategy":"auth0","options":{"configuration":{"k":1}}}`, true, ""},
	{"option minLength", "POST", "/api/v2/connections", `{"name":"c","strategy":"auth0","options":{"customScripts":{"login":""}}}`, true, ""},
	{"option oneOf, no branch", "POST", "/api/v2/connections", `{"name":"c","strategy":"auth0","options":{"upstream_params":{"p":{"alias":"bogus"}}}}`, true, ""},
	{"option oneOf, both branches", "POST", "/api/v2/connections", `{"name":"c","strategy":"auth0","options":{"upstream_params":{"p":{}}}}`, true, ""},
	{"option nested enum", "POST", "/api/v2/connections", `{"name":"c","strategy":"auth0","options":{"password_options":{"dictionary":{"default":"en_1m"}}}}`, true, ""},
	{"nullable enum", "POST", "/api/v2/connections", `{"name":"n","strategy":"oidc","options":{"token_endpoint_auth_method":null,"token_endpoint_auth_signing_alg":null}}`, true,
		"the document types these [string, null] but leaves null out of their enums, a generator slip; the emulator follows the type"},
	{"patch", "PATCH", "/api/v2/connections/{id}", `{"display_name":"x","options":null,"enabled_clients":null}`, false, ""},
	{"patch empty", "PATCH", "/api/v2/connections/{id}", `{}`, true, ""},
	{"patch name", "PATCH", "/api/v2/connections/{id}", `{"name":"x","strategy":"auth0"}`, true, ""},
	{"patch option type", "PATCH", "/api/v2/connections/{id}", `{"options":{"import_mode":1}}`, true, ""},
	{"enable clients", "PATCH", "/api/v2/connections/{id}/clients", `[{"client_id":"{client}","status":true}]`, false, ""},
	{"enable clients, none", "PATCH", "/api/v2/connections/{id}/clients", `[]`, true, ""},
	{"enable clients, no status", "PATCH", "/api/v2/connections/{id}/clients", `[{"client_id":"{client}"}]`, true, ""},
	{"enable clients, extra key", "PATCH", "/api/v2/connections/{id}/clients", `[{"client_id":"{client}","status":true,"x":1}]`, true, ""},
	{"list", "GET", "/api/v2/connections?per_page=5&page=0&include_totals=true&strategy=auth0&strategy=okta&name=a&fields=id,name&include_fields=true", "", false, ""},
	{"list checkpoint", "GET", "/api/v2/connections?take=100", "", false, ""},
	{"per_page minimum", "GET", "/api/v2/connections?per_page=0", "", true, ""},
	{"per_page maximum", "GET", "/api/v2/connections?per_page=101", "", true, ""},
	{"page minimum", "GET", "/api/v2/connections?page=-1", "", true, ""},
	{"take maximum", "GET", "/api/v2/connections?take=101", "", true, ""},
	{"strategy enum", "GET", "/api/v2/connections?strategy=bogus", "", true, ""},
	{"include_totals type", "GET", "/api/v2/connections?include_totals=maybe", "", true, ""},
	{"fields pattern", "GET", "/api/v2/connections?fields=nope", "", true, ""},
	{"enabled clients take maximum", "GET", "/api/v2/connections/{id}/clients?take=1001", "", true, ""},
}

// TestRequestValidationAgreesWithSchema sends requests the document admits
// and requests it forbids, checks libopenapi-validator's verdict on each,
// and requires the emulator to answer 400 with Auth0's wording exactly for
// the forbidden ones.
func TestRequestValidationAgreesWithSchema(t *testing.T) {
	t.Parallel()
	v := loadValidator(t)
	emu := emulator.New(emulator.Config{ClientID: "id", ClientSecret: "secret"})
	token := emu.IssueToken()
	send := func(method, path, body string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(method, "https://tenant.example"+path, strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+token)
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		emu.ServeHTTP(rec, req)
		return rec
	}
	client := send("POST", "/api/v2/clients", `{"name":"app"}`)
	var created struct {
		ClientID string `json:"client_id"`
	}
	if err := json.Unmarshal(client.Body.Bytes(), &created); err != nil {
		t.Fatal(err)
	}
	conn := send("POST", "/api/v2/connections", `{"name":"target","strategy":"auth0"}`)
	var target struct {
		ID string `json:"id"`
	}
	if err := json.Unmarshal(conn.Body.Bytes(), &target); err != nil {
		t.Fatal(err)
	}
	for _, tc := range requestCases {
		t.Run(tc.name, func(t *testing.T) {
			path := strings.ReplaceAll(tc.path, "{id}", target.ID)
			body := strings.ReplaceAll(tc.body, "{client}", created.ClientID)

			req := httptest.NewRequest(tc.method, "https://tenant.example"+path, strings.NewReader(body))
			req.Header.Set("Authorization", "Bearer "+token)
			if body != "" {
				req.Header.Set("Content-Type", "application/json")
			}
			ok, errs := v.ValidateHttpRequest(req)
			if ok == tc.invalid {
				t.Fatalf("libopenapi-validator says valid=%v, the case says invalid=%v: %v", ok, tc.invalid, errs)
			}

			rec := send(tc.method, path, body)
			var answer struct {
				Message   string `json:"message"`
				ErrorCode string `json:"errorCode"`
			}
			_ = json.Unmarshal(rec.Body.Bytes(), &answer)
			switch {
			case tc.accepted != "":
				if rec.Code != http.StatusCreated {
					t.Fatalf("expected the emulator to accept it (%s): %d %s", tc.accepted, rec.Code, rec.Body)
				}
				t.Logf("accepted on purpose: %s", tc.accepted)
				return
			case tc.invalid && rec.Code != http.StatusBadRequest:
				t.Fatalf("forbidden request: status %d, body %s", rec.Code, rec.Body)
			case tc.invalid && !validationWording(answer.ErrorCode, answer.Message):
				t.Fatalf("forbidden request: not Auth0's validation wording: %s", rec.Body)
			case !tc.invalid && rec.Code == http.StatusBadRequest:
				t.Fatalf("admitted request: 400 %s", rec.Body)
			}
			if tc.invalid {
				t.Logf("%s", answer.Message)
			}
		})
	}
}

// validationWording reports whether an error answer is one of Auth0's
// schema validation errors.
func validationWording(code, message string) bool {
	switch code {
	case "invalid_body":
		return strings.HasPrefix(message, "Payload validation error: ")
	case "invalid_query_string":
		return strings.HasPrefix(message, "Query validation error: ")
	}
	return false
}
