package conformance

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/auth0/go-auth0"
	"github.com/auth0/go-auth0/management"
	"golang.org/x/oauth2"

	"github.com/seedtf/terraform-provider-auth0/internal/emulator"
)

// newGoAuth0 serves cfg over HTTPS and returns the official management
// client for it, authenticated with client credentials as against a real
// tenant.
func newGoAuth0(t *testing.T, cfg emulator.Config) (*management.Management, *emulator.Server) {
	t.Helper()
	cfg.ClientID, cfg.ClientSecret = "go-auth0-client", "go-auth0-secret"
	emu := emulator.New(cfg)
	srv := httptest.NewTLSServer(emu)
	t.Cleanup(srv.Close)
	// The token request goes through the context's client, the API calls
	// through WithClient: both must trust the test server's certificate.
	ctx := context.WithValue(t.Context(), oauth2.HTTPClient, srv.Client())
	m, err := management.New(srv.URL,
		management.WithClient(srv.Client()),
		management.WithClientCredentials(ctx, cfg.ClientID, cfg.ClientSecret))
	if err != nil {
		t.Fatal(err)
	}
	return m, emu
}

func statusOf(err error) int {
	var merr management.Error
	if errors.As(err, &merr) {
		return merr.Status()
	}
	return 0
}

// TestGoAuth0Client drives the emulator with github.com/auth0/go-auth0: it
// creates, reads, lists by name, updates, enables clients and deletes.
func TestGoAuth0Client(t *testing.T) {
	t.Parallel()
	m, emu := newGoAuth0(t, emulator.Config{})
	ctx := t.Context()

	app := &management.Client{Name: auth0.String("go-auth0-app"), AppType: auth0.String("non_interactive")}
	if err := m.Client.Create(ctx, app); err != nil {
		t.Fatalf("create client: %v", err)
	}
	if app.GetClientID() == "" || app.GetClientSecret() == "" {
		t.Fatalf("created client lacks id or secret: %+v", app)
	}
	clients, err := m.Client.List(ctx)
	if err != nil || len(clients.Clients) != 1 || clients.Clients[0].GetClientID() != app.GetClientID() {
		t.Fatalf("list clients: %v, %+v", err, clients)
	}

	conn := &management.Connection{
		Name:     auth0.String("go-auth0-db"),
		Strategy: auth0.String("auth0"),
		Options: &management.ConnectionOptions{
			PasswordPolicy:       auth0.String("fair"),
			BruteForceProtection: auth0.Bool(true),
		},
		Metadata: &map[string]string{"team": "identity"},
	}
	if err := m.Connection.Create(ctx, conn); err != nil {
		t.Fatalf("create connection: %v", err)
	}
	id := conn.GetID()
	if !strings.HasPrefix(id, "con_") {
		t.Fatalf("id %q", id)
	}

	read, err := m.Connection.Read(ctx, id)
	if err != nil {
		t.Fatalf("read: %v", err)
	}
	opts, ok := read.Options.(*management.ConnectionOptions)
	if !ok || opts.GetPasswordPolicy() != "fair" || !opts.GetBruteForceProtection() || opts.MFA == nil {
		t.Fatalf("read options %+v", read.Options)
	}

	byName, err := m.Connection.ReadByName(ctx, "go-auth0-db")
	if err != nil || byName.GetID() != id {
		t.Fatalf("read by name: %v, %+v", err, byName)
	}
	list, err := m.Connection.List(ctx, management.Parameter("strategy", "auth0"))
	if err != nil || list.Total != 1 || len(list.Connections) != 1 {
		t.Fatalf("list: %v, %+v", err, list)
	}

	update := &management.Connection{
		DisplayName: auth0.String("Go Auth0"),
		Options:     &management.ConnectionOptions{PasswordPolicy: auth0.String("excellent")},
	}
	if err := m.Connection.Update(ctx, id, update); err != nil {
		t.Fatalf("update: %v", err)
	}
	if read, err = m.Connection.Read(ctx, id); err != nil || read.GetDisplayName() != "Go Auth0" {
		t.Fatalf("read after update: %v, %+v", err, read)
	}

	if err := m.Connection.UpdateEnabledClients(ctx, id, []management.ConnectionEnabledClient{
		{ClientID: app.ClientID, Status: auth0.Bool(true)},
	}); err != nil {
		t.Fatalf("enable client: %v", err)
	}
	enabled, err := m.Connection.ReadEnabledClients(ctx, id)
	if err != nil || enabled.Clients == nil || len(*enabled.Clients) != 1 || (*enabled.Clients)[0].GetClientID() != app.GetClientID() {
		t.Fatalf("enabled clients: %v, %+v", err, enabled)
	}
	if read, _ = m.Connection.Read(ctx, id); len(read.GetEnabledClients()) != 1 {
		t.Errorf("enabled_clients of the connection: %v", read.GetEnabledClients())
	}
	err = m.Connection.UpdateEnabledClients(ctx, id, []management.ConnectionEnabledClient{
		{ClientID: auth0.String("unknown-client-id-0000000000000000"), Status: auth0.Bool(true)},
	})
	if statusOf(err) != http.StatusNotFound {
		t.Errorf("enabling an unknown client: %v", err)
	}

	err = m.Connection.Create(ctx, &management.Connection{Name: auth0.String("go-auth0-db"), Strategy: auth0.String("auth0")})
	if statusOf(err) != http.StatusConflict {
		t.Errorf("duplicate name: %v", err)
	}
	err = m.Connection.Create(ctx, &management.Connection{Name: auth0.String("bad name"), Strategy: auth0.String("auth0")})
	if statusOf(err) != http.StatusBadRequest || !strings.Contains(err.Error(), "Payload validation error") {
		t.Errorf("invalid name: %v", err)
	}

	if err := m.Connection.Delete(ctx, id); err != nil {
		t.Fatalf("delete: %v", err)
	}
	if _, err := m.Connection.Read(ctx, id); statusOf(err) != http.StatusNotFound {
		t.Errorf("read after delete: %v", err)
	}
	if err := m.Client.Delete(ctx, app.GetClientID()); err != nil {
		t.Fatalf("delete client: %v", err)
	}
	if _, err := m.Client.Read(ctx, app.GetClientID()); statusOf(err) != http.StatusNotFound {
		t.Errorf("read client after delete: %v", err)
	}

	stats := emu.Stats()
	for key, atLeast := range map[string]int{
		"POST /oauth/token":                      1,
		"POST /api/v2/connections":               3,
		"GET /api/v2/connections/{id}":           4,
		"GET /api/v2/connections":                2,
		"PATCH /api/v2/connections/{id}":         1,
		"PATCH /api/v2/connections/{id}/clients": 2,
		"GET /api/v2/connections/{id}/clients":   1,
		"DELETE /api/v2/connections/{id}":        1,
		"POST /api/v2/clients":                   1,
		"GET /api/v2/clients":                    1,
		"GET /api/v2/clients/{id}":               1,
		"DELETE /api/v2/clients/{id}":            1,
	} {
		if stats[key] < atLeast {
			t.Errorf("Stats()[%q] = %d, want at least %d (all: %v)", key, stats[key], atLeast, stats)
		}
	}
}

// TestGoAuth0ClientRetriesRateLimit checks that go-auth0 gets through the
// emulator's rate limit: it honours the 429's Retry-After and retries.
func TestGoAuth0ClientRetriesRateLimit(t *testing.T) {
	t.Parallel()
	m, emu := newGoAuth0(t, emulator.Config{RateLimitRPS: 2, RateLimitBurst: 2})
	for range 3 {
		if _, err := m.Connection.List(t.Context()); err != nil {
			t.Fatalf("list: %v", err)
		}
	}
	limited := 0
	for _, r := range emu.Requests() {
		if r.Status == http.StatusTooManyRequests {
			limited++
		}
	}
	if limited == 0 {
		t.Errorf("no request was rate limited: %+v", emu.Requests())
	}
}

// TestGoAuth0ConnectionKeys drives the key endpoints with go-auth0, as its
// own TestConnectionManager_ReadKeys and _RotateKeys do.
func TestGoAuth0ConnectionKeys(t *testing.T) {
	t.Parallel()
	m, _ := newGoAuth0(t, emulator.Config{})
	ctx := t.Context()
	conn := &management.Connection{
		Name:     auth0.String("go-auth0-oidc-keys"),
		Strategy: auth0.String("oidc"),
		Options: &management.ConnectionOptionsOIDC{
			ClientID:                auth0.String("go-auth0"),
			DiscoveryURL:            auth0.String("https://idp.example/.well-known/openid-configuration"),
			Type:                    auth0.String("front_channel"),
			TokenEndpointAuthMethod: auth0.String("private_key_jwt"),
		},
	}
	if err := m.Connection.Create(ctx, conn); err != nil {
		t.Fatalf("create connection: %v", err)
	}
	keys, err := m.Connection.ReadKeys(ctx, conn.GetID())
	if err != nil || len(keys) != 2 || !keys[0].GetCurrent() || !keys[1].GetNext() || keys[0].GetCurrentSince() == "" {
		t.Fatalf("ReadKeys: %v, %+v", err, keys)
	}
	rotated, err := m.Connection.RotateKeys(ctx, conn.GetID())
	if err != nil || rotated.GetKID() == "" || rotated.GetCert() == "" {
		t.Fatalf("RotateKeys: %v, %+v", err, rotated)
	}
	after, err := m.Connection.ReadKeys(ctx, conn.GetID())
	if err != nil || len(after) != 3 {
		t.Fatalf("ReadKeys after rotation: %v, %+v", err, after)
	}
	if after[0].GetKID() != keys[1].GetKID() || !after[1].GetPrevious() || after[1].GetKID() != keys[0].GetKID() || after[2].GetKID() != rotated.GetKID() {
		t.Errorf("after rotation: current %s, previous %s, next %s; want %s, %s, %s",
			after[0].GetKID(), after[1].GetKID(), after[2].GetKID(), keys[1].GetKID(), keys[0].GetKID(), rotated.GetKID())
	}
	if _, err := m.Connection.ReadKeys(ctx, "con_0000000000000000"); statusOf(err) != http.StatusNotFound {
		t.Errorf("keys of no connection: %v", err)
	}
}
