package connectionkeys_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/seedtf/terraform-provider-auth0/internal/acctest"
)

// The data source lists the keys as the resource does, and as Auth0 does
// for a connection without keys: none.
func TestAccConnectionKeysDataSource(t *testing.T) {
	env := acctest.New(t)
	name := acctest.Name(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             env.CheckDestroyed,
		Steps: []resource.TestStep{{
			Config: env.Config(connectionHCL(name, true) + keysHCL("") + connectionResource("bare", name+"-bare", false) + `
data "auth0_connection_keys" "test" {
  connection_id = auth0_connection_keys.test.connection_id
}

data "auth0_connection_keys" "bare" {
  connection_id = auth0_connection.bare.id
}
`),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.auth0_connection_keys.test", tfjsonpath.New("keys"), knownvalue.ListSizeExact(2)),
				statecheck.CompareValuePairs("data.auth0_connection_keys.test", tfjsonpath.New("keys"), addr, tfjsonpath.New("keys"), compare.ValuesSame()),
				statecheck.ExpectKnownValue("data.auth0_connection_keys.test", tfjsonpath.New("keys").AtSliceIndex(0).AtMapKey("current"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue("data.auth0_connection_keys.bare", tfjsonpath.New("keys"), knownvalue.ListSizeExact(0)),
			},
		}},
	})
}
