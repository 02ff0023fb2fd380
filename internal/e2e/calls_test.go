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
	seedUnmanaged(t, r, 3)
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
	assertCalls(t, r, w, config, []phase{
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
	})
}

// In a tenant too large for the first wave of reads to settle it (T = 1300,
// P = 13 pages), the refresh hints that the create kept in private state
// have the next refreshes list the tenant at once: 1 + P calls and no single
// GET, where without them the reads would have bought GETs first. The hints
// do not change from run to run: an apply with no changes leaves the state
// file as it was.
func TestRefreshOfALargeTenantListsAtOnce(t *testing.T) {
	r := setup(t)
	seedUnmanaged(t, r, 1260)
	config := func(displayName, _ string) string {
		return fmt.Sprintf(`
resource "auth0_connection" "c" {
  count        = 40
  name         = "managed-${count.index}"
  strategy     = "auth0"
  display_name = "%s ${count.index}"
}
`, displayName)
	}
	w := r.workspace(config("Users", ""))
	assertCalls(t, r, w, config, []phase{
		{"create", "Users", "", []string{"apply", "-auto-approve"}, map[string]int{
			"POST /oauth/token": 1, "POST /api/v2/connections": 40}},
		{"no-change plan", "Users", "", []string{"plan", "-detailed-exitcode"}, map[string]int{
			"POST /oauth/token": 1, "GET /api/v2/connections": 14}},
		// The refresh of this apply keeps its own run sizes.
		{"update one attribute", "Staff", "", []string{"apply", "-auto-approve"}, map[string]int{
			"POST /oauth/token": 2, "GET /api/v2/connections": 14, "PATCH /api/v2/connections/{id}": 40}},
		{"no-change plan after the update", "Staff", "", []string{"plan", "-detailed-exitcode"}, map[string]int{
			"POST /oauth/token": 1, "GET /api/v2/connections": 14}},
	})
	before := w.file("terraform.tfstate")
	w.terraform([]string{"apply", "-auto-approve", "-input=false", "-no-color"})
	if after := w.file("terraform.tfstate"); after != before {
		t.Errorf("an apply with no changes rewrote the state:\n%s", lineDiff(before, after))
	}
}

// lineDiff lists the lines of b that a lacks, for a short failure message.
func lineDiff(a, b string) string {
	have := map[string]bool{}
	for _, l := range strings.Split(a, "\n") {
		have[l] = true
	}
	var out []string
	for _, l := range strings.Split(b, "\n") {
		if !have[l] {
			out = append(out, l)
		}
	}
	return strings.Join(out[:min(len(out), 10)], "\n")
}

// seedUnmanaged fills the tenant with n connections Terraform does not manage.
func seedUnmanaged(t *testing.T, r *run, n int) {
	t.Helper()
	seed, err := auth0api.New(context.Background(), auth0api.Config{Domain: r.url, ClientID: r.clientID, ClientSecret: r.secret, MaxRequestRate: 1000})
	if err != nil {
		t.Fatal(err)
	}
	for i := range n {
		name, strategy := fmt.Sprintf("unmanaged-%d", i), "auth0"
		if _, err := seed.CreateConnection(context.Background(), &auth0api.Connection{Name: &name, Strategy: &strategy}); err != nil {
			t.Fatal(err)
		}
	}
}

type phase struct {
	name, displayName, policy string
	args                      []string
	want                      map[string]int
}

// assertCalls runs the phases in turn and compares the API calls each made,
// by method and route, with what it wants.
func assertCalls(t *testing.T, r *run, w *workspace, config func(displayName, policy string) string, phases []phase) {
	t.Helper()
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
