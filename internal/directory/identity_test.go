package directory_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
	"github.com/seedtf/terraform-provider-auth0/internal/acctest"
)

// Both resources are identified by their connection and import by
// identity (Terraform 1.12 and later keep resource identities; the 1.11 leg
// of the matrix imports by id in the lifecycle tests).
func TestAccConnectionDirectory_identity(t *testing.T) {
	env := acctest.New(t)
	name := acctest.Name(t)
	var id string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
		CheckDestroy:             checkDirectoryDestroyed(env),
		Steps: []resource.TestStep{
			{
				Config: groupsConfig(env, name, "group1abc"),
				Check:  acctest.CaptureID("auth0_connection.test", &id),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectIdentity(directoryAddr, map[string]knownvalue.Check{"connection_id": knownvalue.NotNull()}),
					statecheck.ExpectIdentityValueMatchesState(directoryAddr, tfjsonpath.New("connection_id")),
					statecheck.ExpectIdentityValueMatchesState(groupsAddr, tfjsonpath.New("connection_id")),
				},
			},
			{
				ResourceName:    directoryAddr,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithResourceIdentity,
			},
			{
				ResourceName:    groupsAddr,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithResourceIdentity,
			},
			{
				// And by the connection id, as the official provider's
				// import blocks do.
				ResourceName:    groupsAddr,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithID,
				ImportStateIdFunc: func(*terraform.State) (string, error) {
					return id, nil
				},
			},
		},
	})
}
