package auth0api

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
)

// Profiles are read, changed and deleted by literal segments; a PATCH
// sends null for what it resets and always connection_config {}.
func TestConnectionProfileRequests(t *testing.T) {
	const id = "cop_0123456789abcdefghijkl"
	var patched string
	profile := func(w http.ResponseWriter, _ *http.Request, _ int) {
		writeJSON(w, http.StatusOK, `{"id":"`+id+`","name":"p","strategy_overrides":null}`)
	}
	f, c := newFake(t, map[string]func(http.ResponseWriter, *http.Request, int){
		"GET /api/v2/connection-profiles/" + id: profile,
		"PATCH /api/v2/connection-profiles/" + id: func(w http.ResponseWriter, r *http.Request, n int) {
			raw, _ := io.ReadAll(r.Body)
			patched = strings.TrimSpace(string(raw))
			profile(w, r, n)
		},
		"DELETE /api/v2/connection-profiles/" + id: func(w http.ResponseWriter, _ *http.Request, _ int) {
			writeJSON(w, http.StatusNotFound, `{"statusCode":404,"error":"Not Found","message":"gone"}`)
		},
		"GET /api/v2/connection-profiles": func(w http.ResponseWriter, r *http.Request, _ int) {
			if r.URL.Query().Get("from") == "" {
				writeJSON(w, http.StatusOK, `{"connection_profiles":[{"id":"cop_a","name":"a"}],"next":"n1"}`)
				return
			}
			writeJSON(w, http.StatusOK, `{"connection_profiles":[{"id":"`+id+`","name":"p"}]}`)
		},
	})
	ctx := context.Background()
	if p, err := c.ReadConnectionProfile(ctx, id); err != nil || p.ID != id || p.StrategyOverrides != nil {
		t.Errorf("read: %+v, %v", p, err)
	}
	if _, err := c.UpdateConnectionProfile(ctx, id, ProfileBody{Name: "p", Null: []string{"organization"}}); err != nil {
		t.Errorf("update: %v", err)
	}
	if want := `{"connection_config":{},"name":"p","organization":null}`; patched != want {
		t.Errorf("PATCH body %s, want %s", patched, want)
	}
	if err := c.DeleteConnectionProfile(ctx, id); err != nil {
		t.Errorf("delete of a profile already gone: %v, want success", err)
	}
	if p, err := c.FindConnectionProfileByName(ctx, "p"); err != nil || p == nil || p.ID != id {
		t.Errorf("find on the second page: %+v, %v", p, err)
	}
	if f.count("GET /api/v2/connection-profiles/"+id) != 1 || f.count("GET /api/v2/connection-profiles") != 2 {
		t.Errorf("calls: %v", f.calls)
	}
}
