package acctest

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/auth0/go-auth0/management"

	"github.com/seedtf/terraform-provider-auth0/internal/auth0api"
	"github.com/seedtf/terraform-provider-auth0/internal/options"
)

// ServerOptions returns the options Auth0 holds for a connection.
func (e *Env) ServerOptions(t *testing.T, id string) map[string]any {
	t.Helper()
	conn, err := e.Client.ReadConnection(context.Background(), id)
	if err != nil {
		t.Fatalf("reading connection %s: %v", id, err)
	}
	opts, err := options.Decode(conn.Options)
	if err != nil {
		t.Fatalf("decoding options of %s: %v", id, err)
	}
	return opts
}

// EditOptions changes a connection's options outside Terraform, as a person
// in the dashboard would: read them, change them, write them all back.
func (e *Env) EditOptions(t *testing.T, id string, edit func(map[string]any)) {
	t.Helper()
	opts := e.ServerOptions(t, id)
	if opts == nil {
		opts = map[string]any{}
	}
	edit(opts)
	raw, err := json.Marshal(opts)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.Client.UpdateConnection(context.Background(), id, &auth0api.Connection{Options: raw}); err != nil {
		t.Fatalf("editing options of %s: %v", id, err)
	}
}

// Patch changes a connection outside Terraform.
func (e *Env) Patch(t *testing.T, id string, patch *auth0api.Connection) {
	t.Helper()
	if _, err := e.Client.UpdateConnection(context.Background(), id, patch); err != nil {
		t.Fatalf("patching %s: %v", id, err)
	}
}

// Delete removes a connection outside Terraform.
func (e *Env) Delete(t *testing.T, id string) {
	t.Helper()
	if err := e.Client.DeleteConnection(context.Background(), id); err != nil {
		t.Fatalf("deleting %s: %v", id, err)
	}
}

// Create makes a connection outside Terraform and removes it when the test
// ends (if Terraform did not already).
func (e *Env) Create(t *testing.T, conn *auth0api.Connection) *auth0api.Connection {
	t.Helper()
	created, err := e.Client.CreateConnection(context.Background(), conn)
	if err != nil {
		t.Fatalf("creating %s: %v", *conn.Name, err)
	}
	t.Cleanup(func() { _ = e.Client.DeleteConnection(context.Background(), created.ID) })
	return created
}

// Requests returns the emulator's logged requests with this method whose
// path is exactly path.
func (e *Env) Requests(method, path string) [][]byte {
	var bodies [][]byte
	for _, r := range e.Emulator.Requests() {
		if r.Method == method && r.Path == path {
			bodies = append(bodies, r.Body)
		}
	}
	return bodies
}

// CreateApplications creates n applications (clients) and deletes them
// when the test ends; it returns their client ids.
func (e *Env) CreateApplications(t *testing.T, n int) []string {
	t.Helper()
	ids := make([]string, 0, n)
	for i := range n {
		name := fmt.Sprintf("%s-app-%d", Name(t), i)
		app := &management.Client{Name: &name}
		if err := e.SDK.Client.Create(context.Background(), app); err != nil {
			t.Fatalf("creating application %s: %v", name, err)
		}
		ids = append(ids, app.GetClientID())
		t.Cleanup(func() { _ = e.SDK.Client.Delete(context.Background(), app.GetClientID()) })
	}
	return ids
}
