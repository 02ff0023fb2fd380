package directory_test

import (
	"context"
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/seedtf/terraform-provider-auth0/internal/acctest"
	"github.com/seedtf/terraform-provider-auth0/internal/auth0api"
)

const directoryAddr = "auth0_connection_directory.test"

// googleConnection is a Google Workspace connection named name.
func googleConnection(name string) string {
	return fmt.Sprintf(`
resource "auth0_connection" "test" {
  name     = %q
  strategy = "google-apps"
  options = {
    domain            = "example.com"
    tenant_domain     = "example.com"
    api_enable_users  = true
    api_enable_groups = true
  }
}
`, name)
}

func directoryConfig(env *acctest.Env, name, body string) string {
	return env.Config(googleConnection(name) + fmt.Sprintf(`
resource "auth0_connection_directory" "test" {
  connection_id = auth0_connection.test.id
%s
}
`, body))
}

// checkDirectoryDestroyed asks the API that no provisioning of the state
// is left (its connection gone, or it).
func checkDirectoryDestroyed(env *acctest.Env) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		for _, rs := range s.RootModule().Resources {
			if rs.Type != "auth0_connection_directory" {
				continue
			}
			id := rs.Primary.Attributes["connection_id"]
			_, err := env.Client.DirectoryProvisioning(context.Background(), id)
			if err == nil {
				return fmt.Errorf("the directory provisioning of %s still exists", id)
			}
			if !auth0api.IsNotFound(err) {
				return err
			}
		}
		return env.CheckDestroyed(s)
	}
}

// customized sets every settable attribute.
const customized = `
  synchronize_groups        = "all"
  synchronize_automatically = true
  mapping = [
    { auth0 = "email", idp = "primaryEmail" },
    { auth0 = "app_metadata.org_unit", idp = "orgUnitPath" },
  ]`

func TestAccConnectionDirectory_lifecycle(t *testing.T) {
	env := acctest.New(t)
	name := acctest.Name(t)
	var id string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             checkDirectoryDestroyed(env),
		Steps: []resource.TestStep{
			{
				// Nothing set: Auth0's defaults, the default mapping among them.
				Config: directoryConfig(env, name, ""),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(directoryAddr, tfjsonpath.New("synchronize_groups"), knownvalue.StringExact("off")),
					// id is the connection's, as in the official provider.
					statecheck.CompareValuePairs(directoryAddr, tfjsonpath.New("id"), directoryAddr, tfjsonpath.New("connection_id"), compare.ValuesSame()),
					statecheck.ExpectKnownValue(directoryAddr, tfjsonpath.New("synchronize_automatically"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(directoryAddr, tfjsonpath.New("strategy"), knownvalue.StringExact("google-apps")),
					statecheck.ExpectKnownValue(directoryAddr, tfjsonpath.New("connection_name"), knownvalue.StringExact(name)),
					statecheck.ExpectKnownValue(directoryAddr, tfjsonpath.New("mapping").AtSliceIndex(0), knownvalue.ObjectExact(map[string]knownvalue.Check{
						"idp": knownvalue.StringExact("id"), "auth0": knownvalue.StringExact("app_metadata.external_id"),
					})),
					statecheck.ExpectKnownValue(directoryAddr, tfjsonpath.New("last_synchronization_at"), knownvalue.Null()),
					statecheck.ExpectKnownValue(directoryAddr, tfjsonpath.New("created_at"), knownvalue.StringRegexp(regexp.MustCompile(`^\d{4}-\d\d-\d\dT`))),
				},
				Check: resource.ComposeTestCheckFunc(
					acctest.CaptureID("auth0_connection.test", &id),
					func(*terraform.State) error {
						posts := env.Requests("POST", "/api/v2/connections/"+id+"/directory-provisioning")
						if len(posts) != 1 || string(posts[0]) != "{}\n" && string(posts[0]) != "{}" {
							return fmt.Errorf("POST bodies %q, want one {}", posts)
						}
						return nil
					},
				),
			},
			{
				// Left out, the default mapping shows no difference.
				Config: directoryConfig(env, name, ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			{
				Config: directoryConfig(env, name, customized),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(directoryAddr, plancheck.ResourceActionUpdate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(directoryAddr, tfjsonpath.New("synchronize_groups"), knownvalue.StringExact("all")),
					statecheck.ExpectKnownValue(directoryAddr, tfjsonpath.New("synchronize_automatically"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(directoryAddr, tfjsonpath.New("mapping"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.ObjectExact(map[string]knownvalue.Check{"auth0": knownvalue.StringExact("email"), "idp": knownvalue.StringExact("primaryEmail")}),
						knownvalue.ObjectExact(map[string]knownvalue.Check{"auth0": knownvalue.StringExact("app_metadata.org_unit"), "idp": knownvalue.StringExact("orgUnitPath")}),
					})),
				},
				Check: func(*terraform.State) error {
					got, err := env.Client.DirectoryProvisioning(context.Background(), id)
					if err != nil {
						return err
					}
					if got.SynchronizeGroups != "all" || !got.SynchronizeAutomatically || len(got.Mapping) != 2 || got.Mapping[1].IdP != "orgUnitPath" {
						return fmt.Errorf("on the server: %+v", got)
					}
					return nil
				},
			},
			{
				ResourceName:                         directoryAddr,
				ImportState:                          true,
				ImportStateVerify:                    true,
				ImportStateVerifyIdentifierAttribute: "connection_id",
				ImportStateIdFunc:                    func(*terraform.State) (string, error) { return id, nil },
			},
			{
				// Changed outside Terraform: shown, and restored.
				PreConfig: func() {
					off := "off"
					if _, err := env.Client.UpdateDirectoryProvisioning(context.Background(), id, auth0api.DirectoryProvisioningChange{
						SynchronizeGroups: &off,
						Mapping:           []auth0api.DirectoryMapping{{Auth0: "email", IdP: "primaryEmail"}},
					}); err != nil {
						t.Fatal(err)
					}
					env.Emulator.ResetRequests()
				},
				Config: directoryConfig(env, name, customized),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(directoryAddr, plancheck.ResourceActionUpdate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(directoryAddr, tfjsonpath.New("synchronize_groups"), knownvalue.StringExact("all")),
					statecheck.ExpectKnownValue(directoryAddr, tfjsonpath.New("mapping"), knownvalue.ListSizeExact(2)),
				},
				Check: func(*terraform.State) error {
					// Only what differs is sent.
					patches := env.Requests("PATCH", "/api/v2/connections/"+id+"/directory-provisioning")
					want := `{"mapping":[{"auth0":"email","idp":"primaryEmail"},{"auth0":"app_metadata.org_unit","idp":"orgUnitPath"}],"synchronize_groups":"all"}`
					if len(patches) != 1 || !jsonEqual(patches[0], want) {
						return fmt.Errorf("PATCH bodies %q, want %s", patches, want)
					}
					return nil
				},
			},
		},
	})
}

// A provisioning whose connection, or which alone, is deleted outside
// Terraform: TestAccConnectionDirectorySynchronizedGroups_deletedOutOfBand,
// which checks both resources.

// Bad input is refused at plan time, naming the attribute.
func TestAccConnectionDirectory_validation(t *testing.T) {
	env := acctest.New(t)
	name := acctest.Name(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      directoryConfig(env, name, `  synchronize_groups = "some"`),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)synchronize_groups.*value must be one of`),
			},
			{
				Config:      directoryConfig(env, name, `  mapping = []`),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)mapping.*at least 1`),
			},
		},
	})
}

// A connection of another strategy gets Auth0's refusal, at apply.
func TestAccConnectionDirectory_wrongStrategy(t *testing.T) {
	env := acctest.New(t)
	env.RequireEmulator(t)
	name := acctest.Name(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             checkDirectoryDestroyed(env),
		Steps: []resource.TestStep{{
			Config: env.Config(fmt.Sprintf(`
resource "auth0_connection" "test" {
  name     = %q
  strategy = "auth0"
}
resource "auth0_connection_directory" "test" {
  connection_id = auth0_connection.test.id
}
`, name)),
			ExpectError: regexp.MustCompile(`(?s)Unable to Create Directory Provisioning.*google-apps.*not supported`),
		}},
	})
}
