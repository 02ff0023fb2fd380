package auth0api

import (
	"context"
	"net/http"
	"testing"
)

// TestRequestPathsAreLiteralSegments sends every request the client makes by
// id and checks the path on the wire: each segment apart, so a real tenant
// routes it (Auth0 reads %2F as part of a segment).
func TestRequestPathsAreLiteralSegments(t *testing.T) {
	const id = "con_0123456789abcdef"
	ok := func(body string) func(http.ResponseWriter, *http.Request, int) {
		return func(w http.ResponseWriter, _ *http.Request, _ int) { writeJSON(w, http.StatusOK, body) }
	}
	f, c := newFake(t, map[string]func(http.ResponseWriter, *http.Request, int){
		"GET /api/v2/connections/" + id:                ok(connJSON),
		"PATCH /api/v2/connections/" + id:              ok(connJSON),
		"DELETE /api/v2/connections/" + id:             ok(""),
		"GET /api/v2/connections/" + id + "/clients":   ok(`{"clients":[]}`),
		"PATCH /api/v2/connections/" + id + "/clients": ok(""),
	})
	ctx := context.Background()
	if _, err := c.ReadConnection(ctx, id); err != nil {
		t.Errorf("ReadConnection: %v", err)
	}
	if _, err := c.UpdateConnection(ctx, id, &Connection{}); err != nil {
		t.Errorf("UpdateConnection: %v", err)
	}
	if err := c.DeleteConnection(ctx, id); err != nil {
		t.Errorf("DeleteConnection: %v", err)
	}
	if _, err := c.EnabledClients(ctx, id); err != nil {
		t.Errorf("EnabledClients: %v", err)
	}
	if err := c.UpdateEnabledClients(ctx, id, []ClientStatus{{ClientID: "x", Status: true}}); err != nil {
		t.Errorf("UpdateEnabledClients: %v", err)
	}
	for _, key := range []string{"GET", "PATCH", "DELETE"} {
		if f.count(key+" /api/v2/connections/"+id) != 1 {
			t.Errorf("%s /api/v2/connections/{id} was not sent as literal segments (calls: %v)", key, f.calls)
		}
	}
}
