package e2e

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/seedtf/terraform-provider-auth0/internal/auth0api"
	"github.com/seedtf/terraform-provider-auth0/internal/options"
)

// An apply without a refresh sends what its plan showed, nothing more: a
// key changed outside Terraform that the plan could not see is left as it
// is, and the next plan (which refreshes) shows it.
func TestApplyWithoutRefreshSendsWhatThePlanShowed(t *testing.T) {
	r := setup(t)
	config := func(disableSignup bool) string {
		return `
resource "auth0_connection" "users" {
  name     = "e2e-no-refresh"
  strategy = "auth0"
  options  = { passwordPolicy = "fair", disable_signup = ` + map[bool]string{true: "true", false: "false"}[disableSignup] + ` }
}
`
	}
	w := r.workspace(config(false))
	w.terraform([]string{"apply", "-auto-approve", "-no-color"})

	ctx := context.Background()
	conn, err := r.client.FindConnectionByName(ctx, "e2e-no-refresh")
	if err != nil || conn == nil {
		t.Fatalf("the connection was not created: %v", err)
	}
	serverOptions := func() map[string]any {
		got, err := r.client.ReadConnection(ctx, conn.ID)
		if err != nil {
			t.Fatal(err)
		}
		opts, err := options.Decode(got.Options)
		if err != nil {
			t.Fatal(err)
		}
		return opts
	}
	// A dashboard edit of a managed key.
	opts := serverOptions()
	opts["passwordPolicy"] = "good"
	raw, _ := json.Marshal(opts)
	if _, err := r.client.UpdateConnection(ctx, conn.ID, &auth0api.Connection{Options: raw}); err != nil {
		t.Fatal(err)
	}

	w.setConfig(config(true))
	out := w.terraform([]string{"apply", "-refresh=false", "-auto-approve", "-no-color"})
	if strings.Contains(out, "passwordPolicy") {
		t.Fatalf("the plan without refresh showed the drift it cannot know of:\n%s", out)
	}
	opts = serverOptions()
	if opts["disable_signup"] != true {
		t.Errorf("the planned change was not applied: disable_signup = %v", opts["disable_signup"])
	}
	if opts["passwordPolicy"] != "good" {
		t.Errorf("apply -refresh=false restored passwordPolicy = %v, which its plan did not show", opts["passwordPolicy"])
	}

	// The next plan refreshes, shows the drift, and apply restores it.
	plan := w.terraform([]string{"plan", "-detailed-exitcode", "-no-color"}, 2)
	if !strings.Contains(plan, `"good" -> "fair"`) {
		t.Errorf("the refreshed plan does not show the drift of passwordPolicy:\n%s", plan)
	}
	w.terraform([]string{"apply", "-auto-approve", "-no-color"})
	if got := serverOptions()["passwordPolicy"]; got != "fair" {
		t.Errorf("apply did not restore passwordPolicy: %v", got)
	}
	w.terraform([]string{"destroy", "-auto-approve", "-no-color"})
}
