package auth0api

import (
	"context"
	"net/http"
	"testing"
)

// An offline connection is a status; a missing one, an error. Both are
// 404s, told apart by Auth0's errorCode.
func TestConnectionStatus(t *testing.T) {
	const online, offline, missing = "con_online0000000", "con_offline000000", "con_missing000000"
	f, c := newFake(t, map[string]func(http.ResponseWriter, *http.Request, int){
		"GET /api/v2/connections/" + online + "/status": func(w http.ResponseWriter, _ *http.Request, _ int) { w.WriteHeader(http.StatusOK) },
		"GET /api/v2/connections/" + offline + "/status": func(w http.ResponseWriter, _ *http.Request, _ int) {
			writeJSON(w, http.StatusNotFound, `{"statusCode":404,"error":"Not Found","message":"not connected to any node"}`)
		},
		"GET /api/v2/connections/" + missing + "/status": func(w http.ResponseWriter, _ *http.Request, _ int) {
			writeJSON(w, http.StatusNotFound, `{"statusCode":404,"error":"Not Found","message":"The connection does not exist","errorCode":"inexistent_connection"}`)
		},
	})
	ctx := context.Background()
	if s, err := c.ConnectionStatus(ctx, online); err != nil || !s.Online || s.StatusCode != 200 {
		t.Errorf("online: %+v, %v", s, err)
	}
	if s, err := c.ConnectionStatus(ctx, offline); err != nil || s.Online || s.StatusCode != 404 || s.Message != "not connected to any node" {
		t.Errorf("offline: %+v, %v", s, err)
	}
	if s, err := c.ConnectionStatus(ctx, missing); !IsNotFound(err) {
		t.Errorf("missing: %+v, %v, want the 404 error", s, err)
	}
	for _, id := range []string{online, offline, missing} {
		if f.count("GET /api/v2/connections/"+id+"/status") != 1 {
			t.Errorf("status of %s was not sent once as literal segments (calls: %v)", id, f.calls)
		}
	}
}
