package connectionprofile_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/seedtf/terraform-provider-auth0/internal/acctest"
)

// The data source finds a profile by id and by name, as
// TestAccConnectionProfileDataSource.yaml looks one up by id.
func TestAccConnectionProfileDataSource(t *testing.T) {
	env := acctest.New(t)
	name := acctest.Name(t)
	hcl := env.Config(fmt.Sprintf(`
resource "auth0_connection_profile" "other" {
  name = "%s-other"
}

resource "auth0_connection_profile" "test" {
  name = %q
  organization = {
    show_as_button             = "optional"
    assign_membership_on_login = "required"
  }
  connection_name_prefix_template = "template1"
  enabled_features                = ["scim", "universal_logout"]
  strategy_overrides = {
    samlp = { enabled_features = ["scim"] }
  }
}

data "auth0_connection_profile" "by_id" {
  id = auth0_connection_profile.test.id
}

data "auth0_connection_profile" "by_name" {
  name       = %q
  depends_on = [auth0_connection_profile.test, auth0_connection_profile.other]
}
`, name, name, name))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             checkDestroyed(env),
		Steps: []resource.TestStep{{
			Config: hcl,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.auth0_connection_profile.by_id", tfjsonpath.New("name"), knownvalue.StringExact(name)),
				statecheck.ExpectKnownValue("data.auth0_connection_profile.by_id", tfjsonpath.New("organization").AtMapKey("assign_membership_on_login"),
					knownvalue.StringExact("required")),
				statecheck.ExpectKnownValue("data.auth0_connection_profile.by_id", tfjsonpath.New("strategy_overrides").AtMapKey("samlp").AtMapKey("enabled_features"),
					knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("scim")})),
				statecheck.CompareValuePairs("data.auth0_connection_profile.by_name", tfjsonpath.New("id"),
					"auth0_connection_profile.test", tfjsonpath.New("id"), compare.ValuesSame()),
				statecheck.ExpectKnownValue("data.auth0_connection_profile.by_name", tfjsonpath.New("enabled_features"),
					knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("scim"), knownvalue.StringExact("universal_logout")})),
				statecheck.ExpectKnownValue("data.auth0_connection_profile.by_name", tfjsonpath.New("connection_name_prefix_template"),
					knownvalue.StringExact("template1")),
			},
		}},
	})
}

// An unknown name or id is an error that says so; id and name together
// are refused.
func TestAccConnectionProfileDataSource_errors(t *testing.T) {
	env := acctest.New(t)
	for name, tc := range map[string]struct{ hcl, want string }{
		"unknown name": {`name = "no-such-profile"`, `(?s)Connection Profile Not Found.*named "no-such-profile"`},
		"unknown id":   {`id = "cop_0000000000000000000000"`, `(?s)Connection Profile Not Found.*with id`},
		"both":         {"id = \"cop_x\"\n  name = \"x\"", `(?s)Invalid Attribute Combination`},
	} {
		t.Run(name, func(t *testing.T) {
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProviderFactories,
				Steps: []resource.TestStep{{
					Config:      env.Config("data \"auth0_connection_profile\" \"test\" {\n  " + tc.hcl + "\n}\n"),
					ExpectError: regexp.MustCompile(tc.want),
				}},
			})
		})
	}
}
