package connection_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/seedtf/terraform-provider-auth0/internal/acctest"
)

// Write-only secrets reach Auth0, never the state, and are sent again only
// when their version changes.
func TestAccConnection_sensitiveOptions(t *testing.T) {
	env := acctest.New(t)
	name := acctest.Name(t)
	var id string
	config := func(clientID, secret, version string) string {
		return env.Config(fmt.Sprintf(`
resource "auth0_connection" "test" {
  name     = %q
  strategy = "google-oauth2"
  options = {
    client_id = %q
    email     = true
  }
  sensitive_options         = { client_secret = %q }
  sensitive_options_version = %q
}
`, name, clientID, secret, version))
	}
	secretOnServer := func(want string) resource.TestCheckFunc {
		return func(*terraform.State) error {
			return expectOptions(env.ServerOptions(t, id), map[string]any{"client_secret": want})
		}
	}
	noSecretInState := []statecheck.StateCheck{
		statecheck.ExpectKnownValue(addr, tfjsonpath.New("sensitive_options"), knownvalue.Null()),
		statecheck.ExpectKnownValue(addr, tfjsonpath.New("options"), knownvalue.ObjectExact(map[string]knownvalue.Check{
			"client_id": knownvalue.NotNull(), "email": knownvalue.Bool(true),
		})),
	}

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             env.CheckDestroyed,
		Steps: []resource.TestStep{
			{
				Config:            config("id-1", "first-secret", "1"),
				ConfigStateChecks: noSecretInState,
				Check:             resource.ComposeTestCheckFunc(acctest.CaptureID(addr, &id), secretOnServer("first-secret")),
			},
			{
				// A new secret without a new version: nothing to do.
				Config: config("id-1", "second-secret", "1"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: secretOnServer("first-secret"),
			},
			{
				// A new version sends it.
				Config: config("id-1", "second-secret", "2"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
				},
				ConfigStateChecks: noSecretInState,
				Check:             secretOnServer("second-secret"),
			},
			{
				// An option update without a new version keeps the server's secret.
				Config: config("id-2", "third-secret", "2"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
				},
				Check: resource.ComposeTestCheckFunc(
					secretOnServer("second-secret"),
					func(*terraform.State) error {
						return expectOptions(env.ServerOptions(t, id), map[string]any{"client_id": "id-2"})
					},
				),
			},
			{
				ResourceName:            addr,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"options", "sensitive_options_version"},
			},
		},
	})
}

// Only secrets go in sensitive_options, and none is set in both places.
func TestAccConnection_sensitiveOptionsConflict(t *testing.T) {
	env := acctest.New(t)
	name := acctest.Name(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: env.Config(fmt.Sprintf(`
resource "auth0_connection" "test" {
  name              = %q
  strategy          = "samlp"
  options           = { signInEndpoint = "https://idp.example.com", signing_key = { cert = "c", key = "plain" } }
  sensitive_options = { signing_key = { key = "secret" } }
}
`, name)),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Option Set Twice.*options\.signing_key\.key is set both in options and in\s+sensitive_options`),
			},
		},
	})
}
