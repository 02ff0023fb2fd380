package connection_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/seedtf/terraform-provider-auth0/internal/acctest"
)

// The per-strategy table through real Terraform, for strategies beyond
// those of TestAccConnection_validation: a wrong type or a value outside an
// enumeration fails the plan naming the key and the strategy (nothing is
// sent), and the allowed values of each strategy's enumerations apply and
// plan empty.
func TestAccConnection_strategyTableChecks(t *testing.T) {
	env := acctest.New(t)
	name := acctest.Name(t)
	failing := []struct{ strategy, options, want string }{
		{"samlp", `{ signInEndpoint = "https://idp.example.com", signatureAlgorithm = "rsa-md5" }`,
			`options\.signatureAlgorithm must be one of "rsa-sha1", "rsa-sha256" or "", got "rsa-md5", for samlp connections`},
		{"waad", `{ client_id = "x", tenant_domain = "acme.com", waad_protocol = "saml" }`,
			`options\.waad_protocol must be one of "ws-federation" or "openid-connect", got "saml", for waad connections`},
		{"okta", `{ client_id = "x", domain = "acme.okta.com", connection_settings = { pkce = "S512" } }`,
			`options\.connection_settings\.pkce must be one of "auto", "S256", "plain" or "disabled", got "S512", for okta connections`},
		{"google-apps", `{ client_id = "x", domain = "acme.com", handle_login_from_social = "yes" }`,
			`options\.handle_login_from_social must be a boolean, got a string, for google-apps connections`},
		{"windowslive", `{ client_id = "x", strategy_version = "two" }`,
			`options\.strategy_version must be a number, got a string, for windowslive connections`},
		{"ad", `{ ips = "10.0.0.0/8" }`,
			`options\.ips must be a list, got a string, for ad connections`},
	}
	steps := make([]resource.TestStep, 0, len(failing)+1)
	for _, c := range failing {
		steps = append(steps, resource.TestStep{
			Config: env.Config(fmt.Sprintf("resource \"auth0_connection\" \"test\" {\n  name = %q\n  strategy = %q\n  options = %s\n}\n",
				name, c.strategy, c.options)),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(flex("Invalid Option Value.*" + c.want)),
		})
	}
	// Values each table allows, in strategies of every family.
	valid := fmt.Sprintf(`
resource "auth0_connection" "samlp" {
  name     = "%[1]s-saml"
  strategy = "samlp"
  options = {
    signInEndpoint     = "https://idp.example.com/sso"
    signatureAlgorithm = "rsa-sha1"
    digestAlgorithm    = "sha1"
    protocolBinding    = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"
  }
}

resource "auth0_connection" "waad" {
  name     = "%[1]s-waad"
  strategy = "waad"
  options = {
    client_id     = "00000000-0000-0000-0000-000000000000"
    tenant_domain = "acme.onmicrosoft.com"
    waad_protocol = "ws-federation"
    identity_api  = "azure-active-directory-v1.0"
  }
}

resource "auth0_connection" "apple" {
  name     = "%[1]s-apple"
  strategy = "apple"
  options  = { client_id = "com.example", set_user_root_attributes = "never_on_login" }
}

resource "auth0_connection" "sms" {
  name     = "%[1]s-sms"
  strategy = "sms"
  options  = { provider = "twilio", syntax = "liquid", from = "+15555550100", template = "{{ code }}" }
}
`, name)
	steps = append(steps, resource.TestStep{
		Config: env.Config(valid),
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue("auth0_connection.waad", tfjsonpath.New("options").AtMapKey("waad_protocol"), knownvalue.StringExact("ws-federation")),
			statecheck.ExpectKnownValue("auth0_connection.samlp", tfjsonpath.New("options").AtMapKey("digestAlgorithm"), knownvalue.StringExact("sha1")),
			statecheck.ExpectKnownValue("auth0_connection.sms", tfjsonpath.New("options").AtMapKey("syntax"), knownvalue.StringExact("liquid")),
		},
	}, resource.TestStep{
		Config: env.Config(valid),
		ConfigPlanChecks: resource.ConfigPlanChecks{
			PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
		},
	})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             env.CheckDestroyed,
		Steps:                    steps,
	})
	// Only the valid configuration's four connections reached Auth0.
	if env.Emulator != nil {
		if posts := env.Requests("POST", "/api/v2/connections"); len(posts) != 4 {
			t.Fatalf("%d POSTs, want the 4 of the valid configuration", len(posts))
		}
	}
}
