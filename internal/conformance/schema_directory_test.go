package conformance

import (
	"encoding/json"
	"net/http"
	"strings"
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
