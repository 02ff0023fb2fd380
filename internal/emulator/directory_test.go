package emulator

import (
	"net/http"
	"path/filepath"
	"testing"
)

func googleApps(name string) map[string]any {
	return map[string]any{"name": name, "strategy": "google-apps", "options": map[string]any{"domain": "example.com", "tenant_domain": "example.com"}}
}

func TestDirectoryProvisioningLifecycle(t *testing.T) {
	h := newHarness(t)
	id := h.createID(googleApps("dir-lifecycle"))
	base := "/api/v2/connections/" + id + "/directory-provisioning"

	assertError(t, h.do(http.MethodGet, base, nil), 404, "Not Found", "")

	created := h.do(http.MethodPost, base, map[string]any{})
	if created.status != http.StatusCreated {
		t.Fatalf("POST: %d %s", created.status, created.body)
	}
	obj := created.object(t)
	if obj["connection_id"] != id || obj["connection_name"] != "dir-lifecycle" || obj["strategy"] != "google-apps" ||
		obj["synchronize_automatically"] != false || obj["synchronize_groups"] != "off" || obj["created_at"] != obj["updated_at"] {
		t.Errorf("created %s", created.body)
	}
	if n := len(get[[]any](t, obj, "mapping")); n != len(defaultDirectoryMapping()) || n != 51 {
		t.Errorf("default mapping has %d entries, want the 51 recorded", n)
	}
	assertJSON(t, get[map[string]any](t, obj, "mapping", 0), `{"idp":"id","auth0":"app_metadata.external_id"}`)

	assertError(t, h.do(http.MethodPost, base, nil), 409,
		"A directory provisioning configuration already exists for this connection", "directory_provisioning_conflict")

	patched := h.do(http.MethodPatch, base, map[string]any{
		"mapping": []any{map[string]any{"auth0": "email", "idp": "primaryEmail"}}, "synchronize_groups": "selected",
	})
	if patched.status != http.StatusOK {
		t.Fatalf("PATCH: %d %s", patched.status, patched.body)
	}
	assertJSON(t, get[[]any](t, patched.json(t), "mapping"), `[{"idp":"primaryEmail","auth0":"email"}]`)
	if got := h.do(http.MethodGet, base, nil).object(t); got["synchronize_groups"] != "selected" || got["synchronize_automatically"] != false {
		t.Errorf("after PATCH: %v", got)
	}

	default_ := h.do(http.MethodGet, base+"/default-mapping", nil)
	if default_.status != 200 || len(get[[]any](t, default_.json(t), "mapping")) != 51 {
		t.Errorf("default-mapping: %d %s", default_.status, default_.body)
	}

	sync := h.do(http.MethodPost, base+"/synchronizations", nil)
	if sync.status != http.StatusCreated || get[string](t, sync.json(t), "connection_id") != id {
		t.Errorf("synchronizations: %d %s", sync.status, sync.body)
	}
	if got := h.do(http.MethodGet, base, nil).object(t); got["last_synchronization_at"] == nil {
		t.Errorf("no last_synchronization_at after a synchronization: %v", got)
	}

	if resp := h.do(http.MethodDelete, base, nil); resp.status != http.StatusNoContent || len(resp.body) != 0 {
		t.Fatalf("DELETE: %d %s", resp.status, resp.body)
	}
	assertError(t, h.do(http.MethodDelete, base, nil), 404, "Not Found", "")
	assertError(t, h.do(http.MethodPost, "/api/v2/connections/con_xxxxxxxxxxxxxxxx/directory-provisioning", map[string]any{}),
		404, "The connection does not exist", "inexistent_connection")
}

func TestDirectoryProvisioningValidation(t *testing.T) {
	h := newHarness(t)
	id := h.createID(googleApps("dir-validation"))
	base := "/api/v2/connections/" + id + "/directory-provisioning"
	assertError(t, h.do(http.MethodPost, base, map[string]any{"synchronize_groups": "some"}), 400,
		`Payload validation error: 'Invalid value "some"' on property synchronize_groups.`, "invalid_body")
	assertError(t, h.do(http.MethodPost, base, map[string]any{"mapping": []any{}}), 400,
		"Payload validation error: 'Array is too short (0), minimum 1' on property mapping.", "invalid_body")
	assertError(t, h.do(http.MethodPost, base, map[string]any{"mapping": []any{map[string]any{"auth0": "email"}}}), 400,
		"Payload validation error: 'Missing required property: idp' on property mapping[0].", "invalid_body")
	assertError(t, h.do(http.MethodPost, base, map[string]any{"extra": true}), 400,
		"Payload validation error: 'Additional properties not allowed: extra'.", "invalid_body")

	db := h.createID(map[string]any{"name": "dir-db", "strategy": "auth0"})
	assertError(t, h.do(http.MethodPost, "/api/v2/connections/"+db+"/directory-provisioning", nil), 400,
		"Directory provisioning is not supported for this connection.", "operation_not_supported")

	// Scopes from scopes.go.
	readOnly := h.emu.IssueTokenWithScopes(ScopeReadDirectoryProvisionings)
	assertError(t, h.send(http.MethodPost, base, nil, "Bearer "+readOnly), 403,
		"Insufficient scope, expected any of: create:directory_provisionings", "insufficient_scope")
}

func TestSynchronizedGroups(t *testing.T) {
	h := newHarness(t)
	id := h.createID(googleApps("dir-groups"))
	base := "/api/v2/connections/" + id + "/directory-provisioning"
	groups := base + "/synchronized-groups"

	assertError(t, h.do(http.MethodGet, groups, nil), 404, "Not Found", "")
	h.do(http.MethodPost, base, map[string]any{"synchronize_groups": "selected"})

	if resp := h.do(http.MethodPut, groups, `{"groups":[{"id":"group2def"},{"id":"group1abc"},{"id":"group3ghi"}]}`); resp.status != 204 {
		t.Fatalf("PUT: %d %s", resp.status, resp.body)
	}
	assertJSON(t, h.do(http.MethodGet, groups+"?take=50", nil).json(t), `{"groups":[{"id":"group1abc"},{"id":"group2def"},{"id":"group3ghi"}]}`)

	// Pages of 2, then the rest.
	first := h.do(http.MethodGet, groups+"?take=2", nil).object(t)
	next := get[string](t, first, "next")
	assertJSON(t, first["groups"], `[{"id":"group1abc"},{"id":"group2def"}]`)
	assertJSON(t, h.do(http.MethodGet, groups+"?take=2&from="+next, nil).json(t), `{"groups":[{"id":"group3ghi"}]}`)

	assertJSON(t, h.do(http.MethodGet, groups+"?q=name%3Azzzznomatch%2A&take=50", nil).json(t), `{"groups":[]}`)
	assertJSON(t, h.do(http.MethodGet, groups+"?q=id%3Agroup2%2A", nil).json(t), `{"groups":[{"id":"group2def"}]}`)

	h.do(http.MethodDelete, groups, `{"groups":[{"id":"group2def"}]}`)
	h.do(http.MethodPost, groups, `{"groups":[{"id":"group0","name":"Eng","email":"eng@example.com","direct_members_count":7}]}`)
	assertJSON(t, h.do(http.MethodGet, groups, nil).json(t),
		`{"groups":[{"id":"group0","name":"Eng","email":"eng@example.com","direct_members_count":7},{"id":"group1abc"},{"id":"group3ghi"}]}`)

	assertError(t, h.do(http.MethodPost, groups, `{"groups":[{"id":"g1","name":"","email":""}]}`), 400,
		"Payload validation error: 'Object didn't pass validation for format email: ' on property groups[0].email (Google Workspace Directory group email).", "invalid_body")
	assertError(t, h.do(http.MethodPut, groups, `{"groups":[{"id":"not-alnum"}]}`), 400,
		"Payload validation error: 'String does not match pattern ^[A-Za-z0-9]+$: not-alnum' on property groups[0].id.", "invalid_body")
	assertError(t, h.do(http.MethodPut, groups, `{}`), 400,
		"Payload validation error: 'Missing required property: groups'.", "invalid_body")
	assertError(t, h.do(http.MethodGet, groups+"?take=101", nil), 400,
		"Query validation error: 'Value 101 is greater than maximum 100' on property take.", "invalid_query_string")

	h.do(http.MethodPut, groups, `{"groups":[]}`)
	assertJSON(t, h.do(http.MethodGet, groups, nil).json(t), `{"groups":[]}`)

	// A refused second create leaves the groups; deleting the provisioning
	// takes them, and a new one starts empty.
	h.do(http.MethodPut, groups, `{"groups":[{"id":"a1"}]}`)
	if resp := h.do(http.MethodPost, base, nil); resp.status != http.StatusConflict {
		t.Fatalf("second POST: %d %s", resp.status, resp.body)
	}
	assertJSON(t, h.do(http.MethodGet, groups, nil).json(t), `{"groups":[{"id":"a1"}]}`)
	h.do(http.MethodDelete, base, nil)
	h.do(http.MethodPost, base, nil)
	assertJSON(t, h.do(http.MethodGet, groups, nil).json(t), `{"groups":[]}`)
}

func TestDirectoryProvisioningsListingPersistenceAndConnectionDelete(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	h := newHarnessWith(t, Config{DataFile: path})
	var ids []string
	for _, name := range []string{"dir-a", "dir-b", "dir-c"} {
		id := h.createID(googleApps(name))
		ids = append(ids, id)
		h.do(http.MethodPost, "/api/v2/connections/"+id+"/directory-provisioning", nil)
	}
	h.createID(googleApps("dir-none"))
	h.do(http.MethodPut, "/api/v2/connections/"+ids[0]+"/directory-provisioning/synchronized-groups", `{"groups":[{"id":"g1"}]}`)

	first := h.do(http.MethodGet, "/api/v2/connections-directory-provisionings?take=2", nil).object(t)
	items := get[[]any](t, first, "directory_provisionings")
	if len(items) != 2 || get[string](t, items, 0, "connection_id") != ids[0] || get[string](t, items, 1, "connection_id") != ids[1] {
		t.Fatalf("first page %v", first)
	}
	second := h.do(http.MethodGet, "/api/v2/connections-directory-provisionings?take=2&from="+get[string](t, first, "next"), nil).object(t)
	if items := get[[]any](t, second, "directory_provisionings"); len(items) != 1 || get[string](t, items, 0, "connection_id") != ids[2] || second["next"] != nil {
		t.Fatalf("second page %v", second)
	}

	// Persisted with -data.
	reopened := newHarnessWith(t, Config{DataFile: path})
	assertJSON(t, reopened.do(http.MethodGet, "/api/v2/connections/"+ids[0]+"/directory-provisioning/synchronized-groups", nil).json(t), `{"groups":[{"id":"g1"}]}`)

	// Deleted with the connection.
	reopened.do(http.MethodDelete, "/api/v2/connections/"+ids[1], nil)
	all := reopened.do(http.MethodGet, "/api/v2/connections-directory-provisionings", nil).object(t)
	if n := len(get[[]any](t, all, "directory_provisionings")); n != 2 {
		t.Errorf("%d provisionings after deleting a connection, want 2", n)
	}
	assertError(t, reopened.do(http.MethodGet, "/api/v2/connections/"+ids[1]+"/directory-provisioning", nil), 404,
		"The connection does not exist", "inexistent_connection")
}
