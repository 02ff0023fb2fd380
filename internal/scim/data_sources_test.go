package scim_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/seedtf/terraform-provider-auth0/internal/acctest"
)

func dataSourcesHCL(env *acctest.Env, name string) string {
	return configurationHCL(env, name, customMapping) + `
data "auth0_connection_scim_configuration" "test" {
  connection_id = auth0_connection_scim_configuration.test.connection_id
}

data "auth0_connection_scim_default_mapping" "test" {
  connection_id = auth0_connection_scim_configuration.test.connection_id
}

data "auth0_connection_scim_configurations" "all" {
  depends_on = [auth0_connection_scim_configuration.test]
}
`
}

func TestAccSCIMDataSources(t *testing.T) {
	env := acctest.New(t)
	name := acctest.Name(t)
	single := "data.auth0_connection_scim_configuration.test"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             checkSCIMDestroyed(env),
		Steps: []resource.TestStep{
			{
				Config: dataSourcesHCL(env, name),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.CompareValuePairs(single, tfjsonpath.New("mapping"), configAddr, tfjsonpath.New("mapping"), compareEqual),
					statecheck.CompareValuePairs(single, tfjsonpath.New("user_id_attribute"), configAddr, tfjsonpath.New("user_id_attribute"), compareEqual),
					statecheck.CompareValuePairs(single, tfjsonpath.New("created_at"), configAddr, tfjsonpath.New("created_at"), compareEqual),
					statecheck.CompareValuePairs(single, tfjsonpath.New("scim_endpoint_url"), configAddr, tfjsonpath.New("scim_endpoint_url"), compareEqual),
					statecheck.ExpectKnownValue(single, tfjsonpath.New("strategy"), knownvalue.StringExact("waad")),
					// The default mapping, not the configured one.
					statecheck.ExpectKnownValue("data.auth0_connection_scim_default_mapping.test", tfjsonpath.New("mapping"), knownvalue.ListSizeExact(waadDefaultMappingSize)),
					statecheck.ExpectKnownValue("data.auth0_connection_scim_configurations.all", tfjsonpath.New("scim_configurations"),
						knownvalue.ListPartial(map[int]knownvalue.Check{0: knownvalue.ObjectPartial(map[string]knownvalue.Check{
							"connection_name":   knownvalue.StringExact(name),
							"user_id_attribute": knownvalue.StringExact("userName"),
							"mapping":           knownvalue.ListSizeExact(2),
						})})),
				},
			},
			{
				// A connection without one: a clear error on connection_id.
				Config: env.Config(connectionHCL(name)) + `
data "auth0_connection_scim_configuration" "test" {
  connection_id = auth0_connection.test.id
}
`,
				ExpectError: regexp.MustCompile(`(?s)SCIM Configuration Not Found.*connection_id`),
			},
		},
	})
}

// The listing shows every configuration of the tenant (its paging is
// tested in auth0api: TestSCIMPathsAndPaging).
func TestAccSCIMConfigurations_several(t *testing.T) {
	env := acctest.New(t)
	env.RequireEmulator(t)
	name := acctest.Name(t)
	const n = 3
	hcl := ""
	for i := range n {
		hcl += fmt.Sprintf(`
resource "auth0_connection" "c%[1]d" {
  name     = "%[2]s-%[1]d"
  strategy = "waad"
  options = {
    client_id     = "00000000-0000-0000-0000-000000000000"
    tenant_domain = "acme.onmicrosoft.com"
    waad_protocol = "openid-connect"
  }
}

resource "auth0_connection_scim_configuration" "c%[1]d" {
  connection_id = auth0_connection.c%[1]d.id
}
`, i, name)
	}
	hcl += `
data "auth0_connection_scim_configurations" "all" {
  depends_on = [auth0_connection_scim_configuration.c0, auth0_connection_scim_configuration.c1, auth0_connection_scim_configuration.c2]
}
`
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             checkSCIMDestroyed(env),
		Steps: []resource.TestStep{{
			Config: env.Config(hcl),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.auth0_connection_scim_configurations.all", tfjsonpath.New("scim_configurations"), knownvalue.ListSizeExact(n)),
			},
			Check: func(*terraform.State) error {
				if got := len(env.Requests("GET", "/api/v2/connections-scim-configurations")); got < 1 {
					return fmt.Errorf("the listing was not asked for")
				}
				return nil
			},
		}},
	})
}
