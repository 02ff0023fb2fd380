package directory_test

import (
	"context"
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

const dataSources = `
data "auth0_connection_directory" "test" {
  connection_id = auth0_connection_directory_synchronized_groups.test.connection_id
}

data "auth0_connection_directory_default_mapping" "test" {
  connection_id = auth0_connection.test.id
}

data "auth0_connection_directory_synchronized_groups" "all" {
  connection_id = auth0_connection_directory_synchronized_groups.test.connection_id
}

data "auth0_connection_directory_synchronized_groups" "matching" {
  connection_id = auth0_connection_directory_synchronized_groups.test.connection_id
  query         = "id:group1*"
}

data "auth0_connection_directory_synchronized_groups" "none" {
  connection_id = auth0_connection_directory_synchronized_groups.test.connection_id
  query         = "name:zzzznomatch*"
}

data "auth0_connection_directory_provisionings" "all" {
  depends_on = [auth0_connection_directory.test]
}
`

func TestAccConnectionDirectory_dataSources(t *testing.T) {
	env := acctest.New(t)
	env.RequireEmulator(t) // the tenant listing would show other provisionings
	name := acctest.Name(t)
	var id string
	config := groupsConfig(env, name, "group2def", "group1abc") + dataSources
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             checkDirectoryDestroyed(env),
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.auth0_connection_directory.test", tfjsonpath.New("synchronize_groups"), knownvalue.StringExact("selected")),
					statecheck.ExpectKnownValue("data.auth0_connection_directory.test", tfjsonpath.New("connection_name"), knownvalue.StringExact(name)),
					statecheck.ExpectKnownValue("data.auth0_connection_directory.test", tfjsonpath.New("mapping"), knownvalue.ListSizeExact(51)),
					statecheck.ExpectKnownValue("data.auth0_connection_directory_default_mapping.test", tfjsonpath.New("mapping").AtSliceIndex(1),
						knownvalue.ObjectExact(map[string]knownvalue.Check{"idp": knownvalue.StringExact("primaryEmail"), "auth0": knownvalue.StringExact("email")})),
					statecheck.ExpectKnownValue("data.auth0_connection_directory_synchronized_groups.all", tfjsonpath.New("group_ids"), groupSet("group1abc", "group2def")),
					statecheck.ExpectKnownValue("data.auth0_connection_directory_synchronized_groups.all", tfjsonpath.New("groups").AtSliceIndex(0),
						knownvalue.ObjectExact(map[string]knownvalue.Check{
							"id": knownvalue.StringExact("group1abc"), "name": knownvalue.Null(), "email": knownvalue.Null(), "direct_members_count": knownvalue.Null(),
						})),
					statecheck.ExpectKnownValue("data.auth0_connection_directory_synchronized_groups.matching", tfjsonpath.New("group_ids"), groupSet("group1abc")),
					statecheck.ExpectKnownValue("data.auth0_connection_directory_synchronized_groups.none", tfjsonpath.New("group_ids"), groupSet()),
					statecheck.ExpectKnownValue("data.auth0_connection_directory_provisionings.all", tfjsonpath.New("directory_provisionings"), knownvalue.ListSizeExact(1)),
					statecheck.ExpectKnownValue("data.auth0_connection_directory_provisionings.all", tfjsonpath.New("directory_provisionings").AtSliceIndex(0).AtMapKey("connection_name"),
						knownvalue.StringExact(name)),
				},
				Check: resource.ComposeTestCheckFunc(
					acctest.CaptureID("auth0_connection.test", &id),
					func(*terraform.State) error {
						for _, r := range env.Emulator.Requests() {
							if r.Path == "/api/v2/connections/"+id+"/directory-provisioning/synchronized-groups" && r.RawQuery == "q=name%3Azzzznomatch%2A&take=100" {
								return nil
							}
						}
						return fmt.Errorf("the query was not sent as q")
					},
				),
			},
			{
				// A change outside Terraform: the set is restored, and the
				// data sources, read after it, agree.
				PreConfig: func() {
					if err := env.Client.ReplaceSynchronizedGroups(context.Background(), id, []string{"group1abc", "group2def", "group1zzz"}); err != nil {
						t.Fatal(err)
					}
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(groupsAddr, plancheck.ResourceActionUpdate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(groupsAddr, tfjsonpath.New("group_ids"), groupSet("group1abc", "group2def")),
					statecheck.ExpectKnownValue("data.auth0_connection_directory_synchronized_groups.all", tfjsonpath.New("group_ids"), groupSet("group1abc", "group2def")),
				},
			},
		},
	})
}

// A data source of a provisioning that does not exist fails, saying what to do.
func TestAccConnectionDirectory_dataSourceWithoutProvisioning(t *testing.T) {
	env := acctest.New(t)
	name := acctest.Name(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             env.CheckDestroyed,
		Steps: []resource.TestStep{{
			Config: env.Config(googleConnection(name) + `
data "auth0_connection_directory" "test" {
  connection_id = auth0_connection.test.id
}
`),
			ExpectError: regexp.MustCompile(`(?s)Unable to Read Directory Provisioning.*Create the provisioning`),
		}},
	})
}
