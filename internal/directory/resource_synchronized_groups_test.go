package directory_test

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/seedtf/terraform-provider-auth0/internal/acctest"
)

const groupsAddr = "auth0_connection_directory_synchronized_groups.test"

func groupsConfig(env *acctest.Env, name string, ids ...string) string {
	quoted := make([]string, len(ids))
	for i, id := range ids {
		quoted[i] = fmt.Sprintf("%q", id)
	}
	return directoryConfig(env, name, `  synchronize_groups = "selected"`) + fmt.Sprintf(`
resource "auth0_connection_directory_synchronized_groups" "test" {
  connection_id = auth0_connection_directory.test.connection_id
  group_ids     = [%s]
}
`, strings.Join(quoted, ", "))
}

// expectGroups asks the API which groups are synchronized.
func expectGroups(env *acctest.Env, id *string, want ...string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		got, err := env.Client.SynchronizedGroups(context.Background(), *id, "")
		if err != nil {
			return err
		}
		var ids []string
		for _, g := range got {
			ids = append(ids, g.ID)
		}
		w := slices.Clone(want)
		slices.Sort(w)
		if !slices.Equal(ids, w) {
			return fmt.Errorf("synchronized groups on the server = %v, want %v", ids, w)
		}
		return nil
	}
}

func groupSet(ids ...string) knownvalue.Check {
	checks := make([]knownvalue.Check, len(ids))
	for i, id := range ids {
		checks[i] = knownvalue.StringExact(id)
	}
	return knownvalue.SetExact(checks)
}

func TestAccConnectionDirectorySynchronizedGroups_lifecycle(t *testing.T) {
	env := acctest.New(t)
	name := acctest.Name(t)
	var id string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             checkDirectoryDestroyed(env),
		Steps: []resource.TestStep{
			{
				Config: groupsConfig(env, name, "group2def", "group1abc"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(groupsAddr, tfjsonpath.New("group_ids"), groupSet("group1abc", "group2def")),
					// id is the connection's, as in the official provider.
					statecheck.CompareValuePairs(groupsAddr, tfjsonpath.New("id"), groupsAddr, tfjsonpath.New("connection_id"), compare.ValuesSame()),
				},
				Check: resource.ComposeTestCheckFunc(
					acctest.CaptureID("auth0_connection.test", &id),
					func(s *terraform.State) error { return expectGroups(env, &id, "group1abc", "group2def")(s) },
				),
			},
			{
				Config: groupsConfig(env, name, "group2def", "group1abc"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			{
				// The whole set, in one PUT.
				PreConfig: func() { env.Emulator.ResetRequests() },
				Config:    groupsConfig(env, name, "group1abc", "group3ghi", "group4jkl"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(groupsAddr, plancheck.ResourceActionUpdate)},
				},
				Check: resource.ComposeTestCheckFunc(
					func(s *terraform.State) error {
						return expectGroups(env, &id, "group1abc", "group3ghi", "group4jkl")(s)
					},
					func(*terraform.State) error {
						puts := env.Requests("PUT", "/api/v2/connections/"+id+"/directory-provisioning/synchronized-groups")
						want := `{"groups":[{"id":"group1abc"},{"id":"group3ghi"},{"id":"group4jkl"}]}`
						if len(puts) != 1 || !jsonEqual(puts[0], want) {
							return fmt.Errorf("PUT bodies %q, want one %s", puts, want)
						}
						return nil
					},
				),
			},
			{
				ResourceName:                         groupsAddr,
				ImportState:                          true,
				ImportStateVerify:                    true,
				ImportStateVerifyIdentifierAttribute: "connection_id",
				ImportStateIdFunc:                    func(*terraform.State) (string, error) { return id, nil },
			},
			{
				// Drift: a group added and one removed outside Terraform,
				// shown and restored.
				PreConfig: func() {
					if err := env.Client.ReplaceSynchronizedGroups(context.Background(), id, []string{"group1abc", "group9xyz"}); err != nil {
						t.Fatal(err)
					}
				},
				Config: groupsConfig(env, name, "group1abc", "group3ghi", "group4jkl"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(groupsAddr, plancheck.ResourceActionUpdate)},
				},
				Check: func(s *terraform.State) error {
					return expectGroups(env, &id, "group1abc", "group3ghi", "group4jkl")(s)
				},
			},
			{
				// Destroying only the set empties it, with PUT {"groups":[]}.
				PreConfig: func() { env.Emulator.ResetRequests() },
				Config:    directoryConfig(env, name, `  synchronize_groups = "selected"`),
				Check: resource.ComposeTestCheckFunc(
					func(s *terraform.State) error { return expectGroups(env, &id)(s) },
					func(*terraform.State) error {
						puts := env.Requests("PUT", "/api/v2/connections/"+id+"/directory-provisioning/synchronized-groups")
						if len(puts) != 1 || !jsonEqual(puts[0], `{"groups":[]}`) {
							return fmt.Errorf("PUT bodies %q, want one {\"groups\":[]}", puts)
						}
						return nil
					},
				),
			},
		},
	})
}

// A connection deleted outside Terraform takes its provisioning and groups
// with it: both leave the state and are made again. The provisioning
// deleted alone takes the groups, too.
func TestAccConnectionDirectorySynchronizedGroups_deletedOutOfBand(t *testing.T) {
	env := acctest.New(t)
	name := acctest.Name(t)
	var id string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             checkDirectoryDestroyed(env),
		Steps: []resource.TestStep{
			{Config: groupsConfig(env, name, "group1abc"), Check: acctest.CaptureID("auth0_connection.test", &id)},
			{
				PreConfig: func() { env.Delete(t, id) },
				Config:    groupsConfig(env, name, "group1abc"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("auth0_connection.test", plancheck.ResourceActionCreate),
						plancheck.ExpectResourceAction(directoryAddr, plancheck.ResourceActionCreate),
						plancheck.ExpectResourceAction(groupsAddr, plancheck.ResourceActionCreate),
					},
				},
			},
			{
				PreConfig: func() {
					if err := env.Client.DeleteDirectoryProvisioning(context.Background(), connectionOf(t, env, name)); err != nil {
						t.Fatal(err)
					}
				},
				Config: groupsConfig(env, name, "group1abc"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(directoryAddr, plancheck.ResourceActionCreate),
						plancheck.ExpectResourceAction(groupsAddr, plancheck.ResourceActionCreate),
					},
				},
				Check: func(*terraform.State) error {
					id := connectionOf(t, env, name)
					return expectGroups(env, &id, "group1abc")(nil)
				},
			},
		},
	})
}

// Group ids are checked at plan time, naming the attribute.
func TestAccConnectionDirectorySynchronizedGroups_validation(t *testing.T) {
	env := acctest.New(t)
	name := acctest.Name(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      groupsConfig(env, name, "not-a-group!"),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`(?s)group_ids.*letters and digits`),
		}},
	})
}

// Without a provisioning, Auth0's refusal says what to do.
func TestAccConnectionDirectorySynchronizedGroups_withoutProvisioning(t *testing.T) {
	env := acctest.New(t)
	name := acctest.Name(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             env.CheckDestroyed,
		Steps: []resource.TestStep{{
			Config: env.Config(googleConnection(name) + `
resource "auth0_connection_directory_synchronized_groups" "test" {
  connection_id = auth0_connection.test.id
  group_ids     = ["group1abc"]
}
`),
			ExpectError: regexp.MustCompile(`(?s)Unable to Update Synchronized Groups.*auth0_connection_directory`),
		}},
	})
}
