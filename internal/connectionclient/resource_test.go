package connectionclient_test

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/seedtf/terraform-provider-auth0/internal/acctest"
	"github.com/seedtf/terraform-provider-auth0/internal/auth0api"
)

const addr = "auth0_connection_client.test"

func config(env *acctest.Env, name, clientID string) string {
	return env.Config(fmt.Sprintf(`
resource "auth0_connection" "test" {
  name     = %q
  strategy = "auth0"
}

resource "auth0_connection_client" "test" {
  connection_id = auth0_connection.test.id
  client_id     = %q
}
`, name, clientID))
}

// enabled asks the API which applications the connection has enabled.
func enabled(env *acctest.Env, id string) ([]string, error) {
	got, err := env.Client.EnabledClients(context.Background(), id)
	slices.Sort(got)
	return got, err
}

func expectEnabled(env *acctest.Env, id *string, want ...string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		got, err := enabled(env, *id)
		if err != nil {
			return err
		}
		w := slices.Clone(want)
		slices.Sort(w)
		if !slices.Equal(got, w) {
			return fmt.Errorf("enabled clients on the server = %v, want %v", got, w)
		}
		return nil
	}
}

// checkDestroyed asks the API that the connections are gone and that no
// auth0_connection_client of the state is still enabled.
func checkDestroyed(env *acctest.Env) func(*terraform.State) error {
	return func(s *terraform.State) error {
		for _, rs := range s.RootModule().Resources {
			if rs.Type != "auth0_connection_client" {
				continue
			}
			got, err := enabled(env, rs.Primary.Attributes["connection_id"])
			if auth0api.IsNotFound(err) {
				continue
			}
			if err != nil {
				return err
			}
			if slices.Contains(got, rs.Primary.Attributes["client_id"]) {
				return fmt.Errorf("client %s is still enabled on %s", rs.Primary.Attributes["client_id"], rs.Primary.Attributes["connection_id"])
			}
		}
		return env.CheckDestroyed(s)
	}
}

func enable(t *testing.T, env *acctest.Env, id, clientID string, status bool) {
	t.Helper()
	if err := env.Client.UpdateEnabledClients(context.Background(), id, []auth0api.ClientStatus{{ClientID: clientID, Status: status}}); err != nil {
		t.Fatal(err)
	}
}

func TestAccConnectionClient_lifecycle(t *testing.T) {
	env := acctest.New(t)
	name := acctest.Name(t)
	apps := env.CreateApplications(t, 3)
	var id string

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             checkDestroyed(env),
		Steps: []resource.TestStep{
			{
				Config: config(env, name, apps[0]),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("name"), knownvalue.StringExact(name)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("strategy"), knownvalue.StringExact("auth0")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("client_id"), knownvalue.StringExact(apps[0])),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^con_[A-Za-z0-9]+::`+apps[0]+`$`))),
				},
				Check: resource.ComposeTestCheckFunc(
					acctest.CaptureID("auth0_connection.test", &id),
					func(s *terraform.State) error { return expectEnabled(env, &id, apps[0])(s) },
				),
			},
			{
				Config: config(env, name, apps[0]),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			{
				// Another application: a replacement, which disables the
				// first and leaves one enabled outside Terraform alone.
				PreConfig: func() {
					enable(t, env, id, apps[2], true)
					env.Emulator.ResetRequests()
				},
				Config: config(env, name, apps[1]),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionReplace)},
				},
				Check: resource.ComposeTestCheckFunc(
					func(s *terraform.State) error { return expectEnabled(env, &id, apps[1], apps[2])(s) },
					func(*terraform.State) error {
						var sent []string
						for _, body := range env.Requests("PATCH", "/api/v2/connections/"+id+"/clients") {
							sent = append(sent, strings.TrimSpace(string(body)))
						}
						want := []string{
							fmt.Sprintf(`[{"client_id":%q,"status":false}]`, apps[0]),
							fmt.Sprintf(`[{"client_id":%q,"status":true}]`, apps[1]),
						}
						if !slices.Equal(sent, want) {
							return fmt.Errorf("PATCH bodies %v, want one entry each %v", sent, want)
						}
						return nil
					},
				),
			},
			{
				ResourceName:      addr,
				ImportState:       true,
				ImportStateVerify: true,
				ImportStateIdFunc: func(*terraform.State) (string, error) { return id + "::" + apps[1], nil },
			},
			{
				// Disabled outside Terraform: the plan shows it, the apply
				// enables it again.
				PreConfig: func() { enable(t, env, id, apps[1], false) },
				Config:    config(env, name, apps[1]),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate)},
				},
				Check: func(s *terraform.State) error { return expectEnabled(env, &id, apps[1], apps[2])(s) },
			},
			{
				// Destroying only this resource disables only its application.
				Config: env.Config(fmt.Sprintf(`
resource "auth0_connection" "test" {
  name     = %q
  strategy = "auth0"
}
`, name)),
				Check: func(s *terraform.State) error { return expectEnabled(env, &id, apps[2])(s) },
			},
		},
	})
}

// A connection deleted outside Terraform takes its enabled application out
// of state.
func TestAccConnectionClient_connectionDeletedOutOfBand(t *testing.T) {
	env := acctest.New(t)
	name := acctest.Name(t)
	apps := env.CreateApplications(t, 1)
	var id string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             checkDestroyed(env),
		Steps: []resource.TestStep{
			{Config: config(env, name, apps[0]), Check: acctest.CaptureID("auth0_connection.test", &id)},
			{
				PreConfig: func() { env.Delete(t, id) },
				Config:    config(env, name, apps[0]),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("auth0_connection.test", plancheck.ResourceActionCreate),
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate),
					},
				},
			},
		},
	})
}

// Import ids that are not <connection_id>::<client_id> fail with the format.
func TestAccConnectionClient_badImportID(t *testing.T) {
	env := acctest.New(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config:        env.Config(`resource "auth0_connection_client" "test" {` + "\n  connection_id = \"con_0123456789abcdef\"\n  client_id = \"x\"\n}\n"),
			ResourceName:  addr,
			ImportState:   true,
			ImportStateId: "con_0123456789abcdef:x",
			ExpectError:   regexp.MustCompile(`is not <connection_id>::<client_id>`),
		}},
	})
}

// A connection id of the wrong shape is refused at plan time.
func TestAccConnectionClient_badConnectionID(t *testing.T) {
	env := acctest.New(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      env.Config("resource \"auth0_connection_client\" \"test\" {\n  connection_id = \"My-Connection\"\n  client_id = \"x\"\n}\n"),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`(?s)connection_id.*must be a connection id`),
		}},
	})
}

// The resource identity (Terraform 1.12 and later): connection_id and
// client_id, and an import block by identity.
func TestAccConnectionClient_identity(t *testing.T) {
	env := acctest.New(t)
	name := acctest.Name(t)
	apps := env.CreateApplications(t, 1)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
		CheckDestroy:             checkDestroyed(env),
		Steps: []resource.TestStep{
			{
				Config: config(env, name, apps[0]),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectIdentity(addr, map[string]knownvalue.Check{
						"connection_id": knownvalue.StringRegexp(regexp.MustCompile(`^con_`)),
						"client_id":     knownvalue.StringExact(apps[0]),
					}),
					statecheck.ExpectIdentityValueMatchesState(addr, tfjsonpath.New("connection_id")),
				},
			},
			{
				ResourceName:    addr,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithResourceIdentity,
			},
		},
	})
}

// Importing an application that is not enabled on the connection finds
// nothing to import.
func TestAccConnectionClient_importNotEnabled(t *testing.T) {
	env := acctest.New(t)
	name, strategy := acctest.Name(t), "auth0"
	conn := env.Create(t, &auth0api.Connection{Name: &name, Strategy: &strategy})
	apps := env.CreateApplications(t, 1)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config:        env.Config(fmt.Sprintf("resource \"auth0_connection_client\" \"test\" {\n  connection_id = %q\n  client_id     = %q\n}\n", conn.ID, apps[0])),
			ResourceName:  addr,
			ImportState:   true,
			ImportStateId: conn.ID + "::" + apps[0],
			ExpectError:   regexp.MustCompile(`Cannot import non-existent remote object`),
		}},
	})
}
