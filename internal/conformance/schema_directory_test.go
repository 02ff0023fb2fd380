package conformance

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/seedtf/terraform-provider-auth0/internal/emulator"
)

// The synchronized groups of a directory provisioning answer more than the
// OpenAPI document describes; the emulator follows the API.

const (
	groupsMethodsReason = "POST and DELETE /connections/{id}/directory-provisioning/synchronized-groups: not in the document; " +
		"the official provider sends them and Auth0 answers 204 (TestAccDirectorySynchronizedGroups*.yaml)"
	groupMetadataReason = "name, email and direct_members_count of synchronized groups: the document's SynchronizedGroupPayload has only id; " +
		"Auth0 keeps and returns them (TestAccDirectorySynchronizedGroupsMetadata.yaml #4, #5)"
)

func isSynchronizedGroups(path string) bool {
	return strings.HasPrefix(path, "/api/v2/connections/") && strings.HasSuffix(path, "/directory-provisioning/synchronized-groups")
}

// unspecifiedGroupsMethod returns the reason a request is not validated, or
// "" when it is in the document.
func unspecifiedGroupsMethod(r *http.Request) string {
	if isSynchronizedGroups(r.URL.Path) && (r.Method == http.MethodPost || r.Method == http.MethodDelete) {
		return groupsMethodsReason
	}
	return ""
}

// withoutGroupMetadata removes the keys of synchronized groups beyond id,
// counting them.
func withoutGroupMetadata(r *http.Request, body []byte, counts map[string]int) []byte {
	if !isSynchronizedGroups(r.URL.Path) || r.Method != http.MethodGet {
		return body
	}
	var page map[string]any
	if json.Unmarshal(body, &page) != nil {
		return body
	}
	groups, _ := page["groups"].([]any)
	changed := false
	for _, g := range groups {
		m, ok := g.(map[string]any)
		if !ok {
			continue
		}
		for _, k := range []string{"name", "email", "direct_members_count"} {
			if _, ok := m[k]; ok {
				delete(m, k)
				changed = true
			}
		}
	}
	if !changed {
		return body
	}
	counts[groupMetadataReason]++
	out, err := json.Marshal(page)
	if err != nil {
		return body
	}
	return out
}

// TestDirectoryAnswersMatchSchema checks the directory answers the
// recordings do not reach (the tenant listing, its pages, synchronizations,
// the errors) against the OpenAPI document.
func TestDirectoryAnswersMatchSchema(t *testing.T) {
	t.Parallel()
	checker := newSchemaChecker(t)
	emu := emulator.New(emulator.Config{ClientID: "id", ClientSecret: "secret"})
	srv := httptest.NewServer(recordingHandler(emu, checker.check))
	defer srv.Close()
	token := emu.IssueToken()
	do := func(method, path, body string, want int) []byte {
		t.Helper()
		req, err := http.NewRequest(method, srv.URL+path, strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Authorization", "Bearer "+token)
		req.Header.Set("Content-Type", "application/json")
		resp, err := srv.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		raw, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != want {
			t.Fatalf("%s %s: %d, want %d: %s", method, path, resp.StatusCode, want, raw)
		}
		return raw
	}
	var ids []string
	for _, name := range []string{"dir-a", "dir-b"} {
		var conn struct {
			ID string `json:"id"`
		}
		raw := do(http.MethodPost, "/api/v2/connections", `{"name":"`+name+`","strategy":"google-apps","options":{"domain":"example.com"}}`, 201)
		if err := json.Unmarshal(raw, &conn); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, conn.ID)
		do(http.MethodPost, "/api/v2/connections/"+conn.ID+"/directory-provisioning", `{"synchronize_automatically":true}`, 201)
	}
	base := "/api/v2/connections/" + ids[0] + "/directory-provisioning"
	do(http.MethodPost, base+"/synchronizations", "", 201)
	do(http.MethodGet, base, "", 200) // with last_synchronization_*
	var page struct {
		Next string `json:"next"`
	}
	if err := json.Unmarshal(do(http.MethodGet, "/api/v2/connections-directory-provisionings?take=1", "", 200), &page); err != nil || page.Next == "" {
		t.Fatalf("first page: next %q, %v", page.Next, err)
	}
	do(http.MethodGet, "/api/v2/connections-directory-provisionings?take=1&from="+page.Next, "", 200)
	do(http.MethodGet, "/api/v2/connections-directory-provisionings?take=0", "", 400)
	do(http.MethodPost, base, "", 409)
	do(http.MethodPatch, base, `{"synchronize_groups":"sometimes"}`, 400)
	do(http.MethodPut, base+"/synchronized-groups", `{"groups":[{"id":"g1"},{"id":"g2"}]}`, 204)
	do(http.MethodGet, base+"/synchronized-groups?take=1", "", 200)
	do(http.MethodDelete, base, "", 204)
	do(http.MethodGet, base, "", 404)
	do(http.MethodGet, base+"/synchronized-groups", "", 404)
	do(http.MethodPost, base+"/synchronizations", "", 404)
	checker.report(t)
}
