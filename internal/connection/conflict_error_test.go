package connection_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/seedtf/terraform-provider-auth0/internal/acctest"
	"github.com/seedtf/terraform-provider-auth0/internal/auth0api"
)

// The 409 error cannot name the resource's address (Terraform does not tell
// a provider), so its commands say ADDRESS and point at the "with" line
// Terraform prints under the error, which names it.
func TestAccConnection_alreadyExistsNamesTheAddressLine(t *testing.T) {
	env := acctest.New(t)
	name := acctest.Name(t)
	strategy := "auth0"
	existing := env.Create(t, &auth0api.Connection{Name: &name, Strategy: &strategy})

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: env.Config(fmt.Sprintf(`
resource "auth0_connection" "users" {
  name     = %q
  strategy = "auth0"
}
`, name)),
				ExpectError: regexp.MustCompile(`(?s)Connection Already Exists.*with auth0_connection\.users,.*terraform import ADDRESS ` +
					existing.ID + `.*to = ADDRESS.*where ADDRESS is this resource's address, which Terraform prints above`),
			},
		},
	})
}
