package emulator

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

func TestClients(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	resp := h.do(http.MethodPost, "/api/v2/clients", `{"name":"app","app_type":"spa"}`)
	if resp.status != http.StatusCreated {
		t.Fatalf("status %d: %s", resp.status, resp.body)
	}
	created := resp.object(t)
	id, _ := created["client_id"].(string)
	if !regexp.MustCompile(`^[A-Za-z0-9]{32}$`).MatchString(id) {
		t.Errorf("client_id %q is not 32 alphanumerics", id)
	}
	if secret, _ := created["client_secret"].(string); len(secret) != 64 {
		t.Errorf("client_secret %q is not 64 characters", secret)
	}
	cert := get[string](t, created, "signing_keys", 0, "cert")
	if _, ok := parseCertificate(cert); !ok {
		t.Errorf("signing key %q is not a certificate", cert)
	}
	delete(created, "client_secret")
	delete(created, "signing_keys")
	assertJSON(t, created, `{"client_id":"`+id+`","name":"app","app_type":"spa",
		"is_first_party":true,"is_token_endpoint_ip_header_trusted":false,"oidc_conformant":false,
		"jwt_configuration":{"secret_encoded":false,"lifetime_in_seconds":36000},"sso_disabled":false,
		"cross_origin_authentication":false,"grant_types":["authorization_code","implicit","refresh_token","client_credentials"],
		"custom_login_page_on":true,"refresh_token":{"rotation_type":"non-rotating","expiration_type":"non-expiring","leeway":0,
			"token_lifetime":2592000,"infinite_token_lifetime":true,"infinite_idle_token_lifetime":true,"idle_token_lifetime":1296000}}`)
	read := h.do(http.MethodGet, "/api/v2/clients/"+id, nil).object(t)
	delete(read, "client_secret")
	delete(read, "signing_keys")
	assertJSON(t, read, string(mustMarshal(t, created)))

	m2m := h.do(http.MethodPost, "/api/v2/clients", `{"name":"m2m","app_type":"non_interactive"}`).object(t)
	assertJSON(t, get[map[string]any](t, m2m, "refresh_token"), `{"rotation_type":"non-rotating","expiration_type":"non-expiring",
		"leeway":0,"token_lifetime":31557600,"infinite_token_lifetime":true,"infinite_idle_token_lifetime":true,"idle_token_lifetime":2592000}`)
	other := h.createClient("other")
	names := func(v any) []string {
		var out []string
		for _, item := range get[[]any](t, v) {
			out = append(out, get[string](t, item, "client_id")+"="+get[string](t, item, "name"))
		}
		return out
	}
	list := h.do(http.MethodGet, "/api/v2/clients", nil).json(t)
	want := []string{id + "=app", get[string](t, m2m, "client_id") + "=m2m", other + "=other"}
	if got := names(list); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("list %v, want %v", got, want)
	}
	totals := h.do(http.MethodGet, "/api/v2/clients?include_totals=true&per_page=2&page=1", nil).object(t)
	if names(totals["clients"])[0] != want[2] || totals["total"] != 3.0 || totals["start"] != 2.0 || totals["limit"] != 2.0 {
		t.Errorf("offset page %v", totals)
	}
	page := h.do(http.MethodGet, "/api/v2/clients?take=2", nil).object(t)
	next := get[string](t, page, "next")
	if got := names(page["clients"]); strings.Join(got, " ") != strings.Join(want[:2], " ") {
		t.Errorf("checkpoint page %v", got)
	}
	page = h.do(http.MethodGet, "/api/v2/clients?take=2&from="+next, nil).object(t)
	if got := names(page["clients"]); len(got) != 1 || got[0] != want[2] || page["next"] != nil {
		t.Errorf("last checkpoint page %v", page)
	}
	assertError(t, h.do(http.MethodGet, "/api/v2/clients?per_page=0", nil), http.StatusBadRequest,
		"Query validation error: 'Value 0 is less than minimum 1' on property per_page (Number of results per page. Default value is 50, maximum value is 100).",
		"invalid_query_string")

	assertError(t, h.do(http.MethodPost, "/api/v2/clients", `{}`), http.StatusBadRequest,
		"Payload validation error: 'Missing required property: name'.", "invalid_body")
	assertError(t, h.do(http.MethodPost, "/api/v2/clients", `{"name":""}`), http.StatusBadRequest,
		"Payload validation error: 'String is too short (0 chars), minimum 1' on property name.", "invalid_body")

	for range 2 {
		if resp := h.do(http.MethodDelete, "/api/v2/clients/"+id, nil); resp.status != http.StatusNoContent || len(resp.body) != 0 {
			t.Errorf("delete: status %d, body %q", resp.status, resp.body)
		}
	}
	assertError(t, h.do(http.MethodGet, "/api/v2/clients/"+id, nil), http.StatusNotFound, "The client does not exist", "inexistent_client")
}

func TestEnabledClients(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	connID := h.createID(map[string]any{"name": "c", "strategy": "auth0"})
	path := "/api/v2/connections/" + connID + "/clients"
	var ids []string
	for i := range 5 {
		ids = append(ids, h.createClient(fmt.Sprintf("app%d", i)))
	}
	patch := func(body string) response {
		t.Helper()
		return h.do(http.MethodPatch, path, body)
	}
	entries := func(status bool, ids ...string) string {
		var parts []string
		for _, id := range ids {
			parts = append(parts, fmt.Sprintf(`{"client_id":%q,"status":%t}`, id, status))
		}
		return "[" + strings.Join(parts, ",") + "]"
	}
	clientIDs := func(v any) []string {
		var out []string
		for i := range get[[]any](t, v) {
			out = append(out, get[string](t, v, i, "client_id"))
		}
		return out
	}

	assertJSON(t, h.do(http.MethodGet, path, nil).json(t), `{"clients":[]}`)
	if resp := patch(entries(true, ids[3], ids[0], ids[1], ids[2])); resp.status != http.StatusNoContent || len(resp.body) != 0 {
		t.Fatalf("enable: status %d, body %s", resp.status, resp.body)
	}
	patch(entries(true, ids[0])) // enabling twice changes nothing

	var seen []string
	query := "?take=3"
	for {
		page := h.do(http.MethodGet, path+query, nil).object(t)
		seen = append(seen, clientIDs(page["clients"])...)
		next, ok := page["next"].(string)
		if !ok {
			break
		}
		query = "?take=3&from=" + url.QueryEscape(next)
	}
	assertJSON(t, seen, fmt.Sprintf(`[%q,%q,%q,%q]`, ids[3], ids[0], ids[1], ids[2]))

	patch(entries(false, ids[0]))
	conn := h.do(http.MethodGet, "/api/v2/connections/"+connID, nil).object(t)
	assertJSON(t, conn["enabled_clients"], fmt.Sprintf(`[%q,%q,%q]`, ids[3], ids[1], ids[2]))

	h.do(http.MethodDelete, "/api/v2/clients/"+ids[1], nil)
	assertJSON(t, clientIDs(h.do(http.MethodGet, path, nil).object(t)["clients"]), fmt.Sprintf(`[%q,%q]`, ids[3], ids[2]))

	// Disabling an unknown client is a no-op; enabling one fails and
	// leaves the set unchanged.
	if resp := patch(entries(false, "unknown")); resp.status != http.StatusNoContent {
		t.Errorf("disable unknown: status %d", resp.status)
	}
	assertError(t, patch(`[{"client_id":"`+ids[4]+`","status":true},{"client_id":"unknown","status":true}]`),
		http.StatusNotFound, "The client does not exist", "inexistent_client")
	assertJSON(t, clientIDs(h.do(http.MethodGet, path, nil).object(t)["clients"]), fmt.Sprintf(`[%q,%q]`, ids[3], ids[2]))

	many := make([]string, 51)
	for i := range many {
		many[i] = ids[0]
	}
	bodyErrors := map[string]string{
		`[]`:                                 "'Array is too short (0), minimum 1'.",
		entries(true, many...):               "'Array is too long (51), maximum 50'.",
		`{}`:                                 "'Expected type array but found type object'.",
		`[{"client_id":"x"}]`:                "'Missing required property: status' on property [0].",
		`[{"status":true}]`:                  "'Missing required property: client_id' on property [0].",
		`[{"client_id":"x","status":"yes"}]`: "'Expected type boolean but found type string' on property [0].status.",
		`[{"client_id":"x","status":true,"extra":1}]`: "'Additional properties not allowed: extra' on property [0].",
	}
	for body, message := range bodyErrors {
		assertError(t, patch(body), http.StatusBadRequest, "Payload validation error: "+message, "invalid_body")
	}
	queryErrors := map[string]string{
		"?take=0":                            "'Value 0 is less than minimum 1' on property take.",
		"?take=1001":                         "'Value 1001 is greater than maximum 1000' on property take.",
		"?from=" + strings.Repeat("x", 1001): "'String is too long (1001 chars), maximum 1000' on property from.",
	}
	for query, message := range queryErrors {
		assertError(t, h.do(http.MethodGet, path+query, nil), http.StatusBadRequest, "Query validation error: "+message, "invalid_query_string")
	}
	if resp := h.do(http.MethodGet, path+"?take=1000", nil); resp.status != http.StatusOK {
		t.Errorf("take=1000: status %d", resp.status)
	}

	missing := "/api/v2/connections/con_missing/clients"
	assertError(t, h.do(http.MethodGet, missing, nil), http.StatusNotFound, "The connection does not exist", "inexistent_connection")
	assertError(t, h.do(http.MethodPatch, missing, entries(true, ids[0])), http.StatusNotFound, "The connection does not exist", "inexistent_connection")
}
