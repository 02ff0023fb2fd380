package e2e

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/auth0/go-auth0/management"

	"github.com/seedtf/terraform-provider-auth0/internal/auth0api"
)

// Taking over a connection's enabled clients warns, at plan time, about the
// applications the apply will disable.
func TestConnectionClientsWarnsBeforeDisabling(t *testing.T) {
	r := setup(t)
	ctx := context.Background()
	sdk, err := management.New(r.url, management.WithInsecure(), management.WithClientCredentials(ctx, r.clientID, r.secret))
	if err != nil {
		t.Fatal(err)
	}
	var apps []string
	for _, n := range []string{"kept", "dropped"} {
		name := "e2e-" + n
		app := &management.Client{Name: &name}
		if err := sdk.Client.Create(ctx, app); err != nil {
			t.Fatal(err)
		}
		apps = append(apps, app.GetClientID())
	}
	name, strategy := "e2e-clients", "auth0"
	conn, err := r.client.CreateConnection(ctx, &auth0api.Connection{Name: &name, Strategy: &strategy})
	if err != nil {
		t.Fatal(err)
	}
	if err := r.client.UpdateEnabledClients(ctx, conn.ID, []auth0api.ClientStatus{
		{ClientID: apps[0], Status: true}, {ClientID: apps[1], Status: true},
	}); err != nil {
		t.Fatal(err)
	}
	w := r.workspace(fmt.Sprintf(`
resource "auth0_connection_clients" "test" {
  connection_id   = %q
  enabled_clients = [%q]
}
`, conn.ID, apps[0]))
	plan := w.terraform([]string{"plan", "-input=false", "-no-color"})
	if !strings.Contains(plan, "Warning: Applications Will Be Disabled") || !strings.Contains(plan, apps[1]) ||
		strings.Contains(strings.SplitN(plan, "applying disables them:", 2)[1], apps[0]+",") {
		t.Fatalf("the plan does not warn about exactly the application it will disable:\n%s", plan)
	}
}
