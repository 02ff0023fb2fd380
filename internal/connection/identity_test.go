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
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/seedtf/terraform-provider-auth0/internal/acctest"
)

// Both resources record their identity (Terraform 1.12 and later), and an
// import block takes it instead of an id; the import verifies against the
// state the apply wrote.
func TestAccConnection_identity(t *testing.T) {
	env := acctest.New(t)
	name := acctest.Name(t)
	apps := env.CreateApplications(t, 1)
	config := env.Config(fmt.Sprintf(`
resource "auth0_connection" "test" {
  name     = %q
  strategy = "auth0"
  options = {
    passwordPolicy = "good"
  }
}

resource "auth0_connection_clients" "test" {
  connection_id   = auth0_connection.test.id
  enabled_clients = [%q]
}
`, name, apps[0]))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
		CheckDestroy:             env.CheckDestroyed,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectIdentity("auth0_connection.test", map[string]knownvalue.Check{
						"id": knownvalue.StringRegexp(regexp.MustCompile(`^con_[A-Za-z0-9]{16}$`)),
					}),
					statecheck.ExpectIdentityValueMatchesState("auth0_connection.test", tfjsonpath.New("id")),
					statecheck.ExpectIdentityValueMatchesStateAtPath("auth0_connection_clients.test",
						tfjsonpath.New("connection_id"), tfjsonpath.New("connection_id")),
				},
			},
			{
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			{
				ResourceName:    "auth0_connection.test",
				Config:          config,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithResourceIdentity,
			},
			{
				ResourceName:    "auth0_connection_clients.test",
				Config:          config,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithResourceIdentity,
			},
		},
	})
}
