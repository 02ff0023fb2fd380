package emulator

import (
	"net/http"
	"testing"
)

func TestConnectionStatus(t *testing.T) {
	h := newHarness(t)
	db := h.createID(map[string]any{"name": "db", "strategy": "auth0"})
	ad := h.createID(map[string]any{"name": "corp", "strategy": "ad"})

	online := h.do(http.MethodGet, "/api/v2/connections/"+db+"/status", nil)
	if online.status != http.StatusOK || len(online.body) != 0 {
		t.Fatalf("status of a database connection: %d %q, want 200 without a body", online.status, online.body)
	}
	offline := h.do(http.MethodGet, "/api/v2/connections/"+ad+"/status", nil)
	if offline.status != http.StatusNotFound {
		t.Fatalf("status of an ad connection without agent: %d %s", offline.status, offline.body)
	}
	assertJSON(t, offline.json(t), `{"statusCode":404,"error":"Not Found","message":"not connected to any node"}`)
	missing := h.do(http.MethodGet, "/api/v2/connections/con_0000000000000000/status", nil)
	if missing.status != http.StatusNotFound || get[string](t, missing.json(t), "errorCode") != "inexistent_connection" {
		t.Fatalf("status of a missing connection: %d %s", missing.status, missing.body)
	}

	h.token = h.emu.IssueTokenWithScopes(ScopeReadConnectionProfiles)
	if resp := h.do(http.MethodGet, "/api/v2/connections/"+db+"/status", nil); resp.status != http.StatusForbidden {
		t.Fatalf("status without read:connections: %d %s", resp.status, resp.body)
	}
}
