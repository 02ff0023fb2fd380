package emulator

import (
	"net/http"
	"net/url"
	"testing"
)

// names extracts the connection names of a list of connections.
func names(t *testing.T, list any) []string {
	t.Helper()
	out := make([]string, len(get[[]any](t, list)))
	for i := range out {
		out[i] = get[string](t, list, i, "name")
	}
	return out
}

func TestListConnections(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	for _, c := range []struct{ name, strategy string }{
		{"zeta", "auth0"}, {"alpha", "google-oauth2"}, {"mid", "auth0"}, {"saml", "samlp"}, {"last", "sms"},
	} {
		h.create(map[string]any{"name": c.name, "strategy": c.strategy})
	}
	list := func(query string) response {
		t.Helper()
		return h.do(http.MethodGet, "/api/v2/connections?"+query, nil)
	}

	t.Run("bare array in creation order", func(t *testing.T) {
		assertJSON(t, names(t, list("").json(t)), `["zeta","alpha","mid","saml","last"]`)
	})
	t.Run("filters", func(t *testing.T) {
		tests := map[string]string{
			"strategy=auth0":                `["zeta","mid"]`,
			"strategy=auth0&strategy=samlp": `["zeta","mid","saml"]`,
			"name=mid":                      `["mid"]`,
			"name=MID":                      `[]`,
			"name=mid&strategy=sms":         `[]`,
			"strategy=auth0-adldap":         `[]`,
		}
		for query, want := range tests {
			assertJSON(t, names(t, list(query).json(t)), want)
		}
	})
	t.Run("offset pages", func(t *testing.T) {
		assertJSON(t, names(t, list("per_page=2&page=1").json(t)), `["mid","saml"]`)
		assertJSON(t, names(t, list("page=0").json(t)), `["zeta","alpha","mid","saml","last"]`)
		got := list("include_totals=true&per_page=2&page=2").object(t)
		if got["total"] != 5.0 || got["start"] != 4.0 || got["limit"] != 2.0 {
			t.Errorf("totals %v", got)
		}
		assertJSON(t, names(t, got["connections"]), `["last"]`)
		got = list("include_totals=true&strategy=auth0").object(t)
		if got["total"] != 2.0 || got["start"] != 0.0 || got["limit"] != 100.0 {
			t.Errorf("totals %v", got)
		}
		got = list("include_totals=true&per_page=2&page=9").object(t)
		if got["start"] != 18.0 || len(get[[]any](t, got, "connections")) != 0 {
			t.Errorf("page past the end: %v", got)
		}
		if got := list("include_totals=true&per_page=100&page=9223372036854775807"); got.status != 200 {
			t.Errorf("huge page: status %d", got.status)
		}
	})
	t.Run("checkpoint pages", func(t *testing.T) {
		var seen []string
		query := "take=2&include_totals=true&per_page=1" // checkpoint wins
		for pages := 0; ; pages++ {
			if pages > 5 {
				t.Fatal("paging does not end")
			}
			got := list(query).object(t)
			if _, ok := got["total"]; ok {
				t.Fatalf("checkpoint page with totals: %v", got)
			}
			seen = append(seen, names(t, got["connections"])...)
			next, ok := got["next"].(string)
			if !ok {
				break
			}
			query = "take=2&from=" + url.QueryEscape(next)
		}
		assertJSON(t, seen, `["zeta","alpha","mid","saml","last"]`)
		got := list("take=5").object(t)
		if _, ok := got["next"]; ok {
			t.Errorf("next on the last page: %v", got)
		}
		assertJSON(t, names(t, list("take=50&strategy=auth0").object(t)["connections"]), `["zeta","mid"]`)
	})
	t.Run("checkpoint survives deletion", func(t *testing.T) {
		first := list("take=2").object(t)
		alpha := get[string](t, first, "connections", 1, "id")
		h.do(http.MethodDelete, "/api/v2/connections/"+alpha, nil)
		rest := list("from=" + url.QueryEscape(get[string](t, first, "next"))).object(t)
		assertJSON(t, names(t, rest["connections"]), `["mid","saml","last"]`)
	})
	t.Run("fields", func(t *testing.T) {
		got := list("fields=name&strategy=sms").json(t)
		assertJSON(t, got, `[{"name":"last","id":"`+get[string](t, got, 0, "id")+`",
			"is_domain_connection":false,"authentication":{"active":true},"connected_accounts":{"active":false}}]`)
		item := get[map[string]any](t, list("fields=options,metadata&include_fields=false&take=1").json(t), "connections", 0)
		if _, ok := item["options"]; ok {
			t.Errorf("excluded field returned: %v", item)
		}
	})
	t.Run("invalid parameters", func(t *testing.T) {
		tests := map[string]string{
			"per_page=0":           "'Value 0 is less than minimum 1' on property per_page (The amount of entries per page. Defaults to 100 if not provided).",
			"per_page=101":         "'Value 101 is greater than maximum 100' on property per_page (The amount of entries per page. Defaults to 100 if not provided).",
			"per_page=ten":         "'Expected type integer but found type string' on property per_page (The amount of entries per page. Defaults to 100 if not provided).",
			"page=-1":              "'Value -1 is less than minimum 0' on property page (The page number. Zero based).",
			"take=0":               "'Value 0 is less than minimum 1' on property take (Number of results per page. Defaults to 50.).",
			"take=101":             "'Value 101 is greater than maximum 100' on property take (Number of results per page. Defaults to 50.).",
			"include_totals=1":     "'Expected type boolean but found type string' on property include_totals (true if a query summary must be included in the result, false otherwise. Not returned when using checkpoint pagination. Default <code>false</code>.).",
			"strategy=ldap":        `'Invalid value "ldap"' on property strategy[0] (Provide strategies to only retrieve connections with such strategies).`,
			"from=not-a-cursor":    `'Invalid value "not-a-cursor"' on property from (Optional Id from which to start selection.).`,
			"fields=name,password": "'String does not match pattern " + fieldsParam.schema.pattern.String() + ": name,password' on property fields (" + fieldsDesc + ").",
		}
		for query, message := range tests {
			assertError(t, list(query), http.StatusBadRequest, "Query validation error: "+message, "invalid_query_string")
		}
	})
}
