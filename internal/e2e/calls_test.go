package e2e

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/seedtf/terraform-provider-auth0/internal/auth0api"
)

// The API calls of a small run are deterministic: N = 3 managed
// connections in a tenant of T = 6.
func TestCallCounts(t *testing.T) {
	r := setup(t)
	for i := range 3 {
		name, strategy := fmt.Sprintf("unmanaged-%d", i), "auth0"
		if _, err := r.client.CreateConnection(context.Background(), &auth0api.Connection{Name: &name, Strategy: &strategy}); err != nil {
			t.Fatal(err)
		}
	}
	config := func(displayName, policy string) string {
		return fmt.Sprintf(`
resource "auth0_connection" "c" {
  count        = 3
  name         = "managed-${count.index}"
  strategy     = "auth0"
  display_name = "%s ${count.index}"
  options      = { passwordPolicy = %q }
}
`, displayName, policy)
	}
	w := r.workspace(config("Users", "good"))
	phases := []struct {
		name, displayName, policy string
		args                      []string
		want                      map[string]int
	}{
		{"create", "Users", "good", []string{"apply", "-auto-approve"}, map[string]int{
			"POST /oauth/token": 1, "POST /api/v2/connections": 3}},
		{"no-change plan", "Users", "good", []string{"plan", "-detailed-exitcode"}, map[string]int{
			"POST /oauth/token": 1, "GET /api/v2/connections": 1}},
		{"update one attribute", "Staff", "good", []string{"apply", "-auto-approve"}, map[string]int{
			"POST /oauth/token": 2, "GET /api/v2/connections": 1, "PATCH /api/v2/connections/{id}": 3}},
		{"update options", "Staff", "excellent", []string{"apply", "-auto-approve"}, map[string]int{
			"POST /oauth/token": 2, "GET /api/v2/connections": 1, "GET /api/v2/connections/{id}": 3, "PATCH /api/v2/connections/{id}": 3}},
		{"destroy", "Staff", "excellent", []string{"destroy", "-auto-approve"}, map[string]int{
			"POST /oauth/token": 2, "GET /api/v2/connections": 1, "DELETE /api/v2/connections/{id}": 3}},
	}
	for _, p := range phases {
		w.setConfig(config(p.displayName, p.policy))
		r.emu.ResetRequests()
		tokens := len(r.emu.IssuedTokens())
		w.terraform(append(p.args, "-input=false", "-no-color"))
		got := map[string]int{"POST /oauth/token": len(r.emu.IssuedTokens()) - tokens}
		for _, req := range r.emu.Requests() {
			path := req.Path
			if i := strings.Index(path, "/con_"); i >= 0 {
				path = path[:i] + "/{id}"
			}
			got[req.Method+" "+path]++
		}
		if fmt.Sprint(got) != fmt.Sprint(p.want) {
			t.Errorf("%s: API calls %v, want %v", p.name, got, p.want)
		}
	}
}
