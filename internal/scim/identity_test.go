package scim_test

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/seedtf/terraform-provider-auth0/internal/acctest"
)

// Both resources carry an identity and import by it (an import block with
// identity: Terraform 1.12 and later; `make test-tf116` runs it).
func TestAccSCIM_identity(t *testing.T) {
	env := acctest.New(t)
	name := acctest.Name(t)
	hcl := tokenHCL(env, name, `  scopes = ["get:users"]`)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
		CheckDestroy:             checkTokensRevoked(env),
		Steps: []resource.TestStep{
			{
				Config: hcl,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectIdentity(configAddr, map[string]knownvalue.Check{
						"connection_id": knownvalue.StringRegexp(regexp.MustCompile(`^con_`)),
					}),
					statecheck.ExpectIdentity(tokenAddr, map[string]knownvalue.Check{
						"connection_id": knownvalue.StringRegexp(regexp.MustCompile(`^con_`)),
						"token_id":      knownvalue.StringRegexp(regexp.MustCompile(`^tok_`)),
					}),
					statecheck.ExpectIdentityValueMatchesState(configAddr, tfjsonpathConnectionID),
					statecheck.ExpectIdentityValueMatchesState(tokenAddr, tfjsonpathTokenID),
				},
			},
			{
				ResourceName:    configAddr,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithResourceIdentity,
			},
			{
				ResourceName:            tokenAddr,
				ImportState:             true,
				ImportStateKind:         resource.ImportBlockWithResourceIdentity,
				ImportStateVerifyIgnore: []string{"token"},
			},
		},
	})
}
