package auth0api

import (
	"context"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"
)

// The directory calls go to literal segments, follow checkpoint pages and
// send the body the API expects.
func TestDirectoryCalls(t *testing.T) {
	const id = "con_0123456789abcdef"
	base := "/api/v2/connections/" + id + "/directory-provisioning"
	var put []byte
	var queries []string
	f, c := newFake(t, map[string]func(http.ResponseWriter, *http.Request, int){
		"POST " + base: func(w http.ResponseWriter, r *http.Request, _ int) {
			body, _ := io.ReadAll(r.Body)
			if strings.TrimSpace(string(body)) != `{"synchronize_groups":"selected"}` {
				t.Errorf("POST body %s", body)
			}
			writeJSON(w, http.StatusCreated, `{"connection_id":"`+id+`","mapping":[{"idp":"id","auth0":"x"}],"synchronize_groups":"selected"}`)
		},
		"DELETE " + base: func(w http.ResponseWriter, _ *http.Request, _ int) {
			writeJSON(w, http.StatusNotFound, `{"statusCode":404,"error":"Not Found","message":"Not Found"}`)
		},
		"GET " + base + "/synchronized-groups": func(w http.ResponseWriter, r *http.Request, n int) {
			queries = append(queries, r.URL.RawQuery)
			if n == 1 {
				writeJSON(w, http.StatusOK, `{"groups":[{"id":"a"},{"id":"b"}],"next":"cur"}`)
				return
			}
			writeJSON(w, http.StatusOK, `{"groups":[{"id":"c","name":"C","direct_members_count":3}]}`)
		},
		"PUT " + base + "/synchronized-groups": func(w http.ResponseWriter, r *http.Request, _ int) {
			put, _ = io.ReadAll(r.Body)
			w.WriteHeader(http.StatusNoContent)
		},
	})
	ctx := context.Background()
	groups := "selected"
	got, err := c.CreateDirectoryProvisioning(ctx, id, DirectoryProvisioningChange{SynchronizeGroups: &groups})
	if err != nil || got.ConnectionID != id || got.Mapping[0].IdP != "id" {
		t.Fatalf("CreateDirectoryProvisioning: %+v, %v", got, err)
	}
	if err := c.DeleteDirectoryProvisioning(ctx, id); err != nil {
		t.Errorf("a 404 on delete is success: %v", err)
	}
	list, err := c.SynchronizedGroups(ctx, id, "name:eng*")
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, g := range list {
		ids = append(ids, g.ID)
	}
	if !slices.Equal(ids, []string{"a", "b", "c"}) || list[2].Name != "C" || *list[2].DirectMembersCount != 3 {
		t.Errorf("groups %+v", list)
	}
	if !slices.Equal(queries, []string{"q=name%3Aeng%2A&take=100", "from=cur&q=name%3Aeng%2A&take=100"}) {
		t.Errorf("queries %v", queries)
	}
	if err := c.ReplaceSynchronizedGroups(ctx, id, nil); err != nil {
		t.Fatal(err)
	}
	if strings.TrimSpace(string(put)) != `{"groups":[]}` {
		t.Errorf("an empty PUT sends %q, want {\"groups\":[]}", put)
	}
	if f.count("GET "+base+"/synchronized-groups") != 2 {
		t.Errorf("calls %v", f.calls)
	}
}
