package connectionclients_test

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/seedtf/terraform-provider-auth0/internal/acctest"
	"github.com/seedtf/terraform-provider-auth0/internal/auth0api"
)

const addr = "auth0_connection_clients.test"

func config(env *acctest.Env, name string, clients []string) string {
	quoted := make([]string, len(clients))
	for i, c := range clients {
		quoted[i] = fmt.Sprintf("%q", c)
	}
	return env.Config(fmt.Sprintf(`
resource "auth0_connection" "test" {
  name     = %q
  strategy = "auth0"
}

resource "auth0_connection_clients" "test" {
  connection_id   = auth0_connection.test.id
  enabled_clients = [%s]
}
`, name, strings.Join(quoted, ", ")))
}

// expectEnabled asks the API which clients are enabled.
func expectEnabled(env *acctest.Env, id *string, want []string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		got, err := env.Client.EnabledClients(context.Background(), *id)
		if err != nil {
			return err
		}
		slices.Sort(got)
		w := slices.Clone(want)
		slices.Sort(w)
		if !slices.Equal(got, w) {
			return fmt.Errorf("enabled clients on the server = %v, want %v", got, w)
		}
		return nil
	}
}

func TestAccConnectionClients_lifecycle(t *testing.T) {
	env := acctest.New(t)
	name := acctest.Name(t)
	apps := env.CreateApplications(t, 4)
	var id string

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy: func(s *terraform.State) error {
			return env.CheckDestroyed(s)
		},
		Steps: []resource.TestStep{
			{
				Config: config(env, name, apps[:2]),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("enabled_clients"), knownvalue.SetExact([]knownvalue.Check{
						knownvalue.StringExact(apps[0]), knownvalue.StringExact(apps[1]),
					})),
				},
				Check: resource.ComposeTestCheckFunc(
					acctest.CaptureID("auth0_connection.test", &id),
					func(s *terraform.State) error { return expectEnabled(env, &id, apps[:2])(s) },
				),
			},
			{
				// The connection's deprecated enabled_clients catches up on
				// refresh, without a difference.
				Config: config(env, name, apps[:2]),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("auth0_connection.test", tfjsonpath.New("enabled_clients"), knownvalue.SetSizeExact(2)),
				},
			},
			{
				// Only the difference is sent.
				PreConfig: func() { env.Emulator.ResetRequests() },
				Config:    config(env, name, []string{apps[1], apps[2], apps[3]}),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
				},
				Check: resource.ComposeTestCheckFunc(
					func(s *terraform.State) error { return expectEnabled(env, &id, apps[1:])(s) },
					func(*terraform.State) error {
						patches := env.Requests("PATCH", "/api/v2/connections/"+id+"/clients")
						if len(patches) != 1 {
							return fmt.Errorf("expected 1 PATCH of the clients, got %d", len(patches))
						}
						var sent []auth0api.ClientStatus
						if err := json.Unmarshal(patches[0], &sent); err != nil {
							return err
						}
						want := []auth0api.ClientStatus{{ClientID: apps[2], Status: true}, {ClientID: apps[3], Status: true}, {ClientID: apps[0], Status: false}}
						slices.SortFunc(want[:2], func(a, b auth0api.ClientStatus) int { return strings.Compare(a.ClientID, b.ClientID) })
						if !slices.Equal(sent, want) {
							return fmt.Errorf("sent %v, want only the difference %v", sent, want)
						}
						return nil
					},
				),
			},
			{
				ResourceName:                         addr,
				ImportState:                          true,
				ImportStateVerify:                    true,
				ImportStateVerifyIdentifierAttribute: "connection_id",
				ImportStateIdFunc: func(*terraform.State) (string, error) {
					return id, nil
				},
			},
			{
				// Drift: enabled and disabled outside Terraform, shown and restored.
				PreConfig: func() {
					if err := env.Client.UpdateEnabledClients(context.Background(), id, []auth0api.ClientStatus{
						{ClientID: apps[0], Status: true}, {ClientID: apps[3], Status: false},
					}); err != nil {
						t.Fatal(err)
					}
				},
				Config: config(env, name, []string{apps[1], apps[2], apps[3]}),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
				},
				Check: func(s *terraform.State) error { return expectEnabled(env, &id, apps[1:])(s) },
			},
			{
				// Destroying only this resource disables exactly its set; a
				// client enabled later outside Terraform stays enabled.
				PreConfig: func() {
					if err := env.Client.UpdateEnabledClients(context.Background(), id, []auth0api.ClientStatus{{ClientID: apps[0], Status: true}}); err != nil {
						t.Fatal(err)
					}
				},
				Config: env.Config(fmt.Sprintf(`
resource "auth0_connection" "test" {
  name     = %q
  strategy = "auth0"
}
`, name)),
				Check: func(s *terraform.State) error { return expectEnabled(env, &id, apps[:1])(s) },
			},
		},
	})
}

// More than 50 clients: reads page, writes go in batches of 50.
func TestAccConnectionClients_sixtyClients(t *testing.T) {
	env := acctest.New(t)
	env.RequireEmulator(t)
	name := acctest.Name(t)
	apps := env.CreateApplications(t, 60)
	var id string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             env.CheckDestroyed,
		Steps: []resource.TestStep{{
			Config: config(env, name, apps),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("enabled_clients"), knownvalue.SetSizeExact(60)),
			},
			Check: resource.ComposeTestCheckFunc(
				acctest.CaptureID("auth0_connection.test", &id),
				func(s *terraform.State) error { return expectEnabled(env, &id, apps)(s) },
				func(*terraform.State) error {
					var sizes []int
					for _, body := range env.Requests("PATCH", "/api/v2/connections/"+id+"/clients") {
						var sent []auth0api.ClientStatus
						if err := json.Unmarshal(body, &sent); err != nil {
							return err
						}
						sizes = append(sizes, len(sent))
					}
					if !slices.Equal(sizes, []int{50, 10}) {
						return fmt.Errorf("PATCH batch sizes = %v, want [50 10]", sizes)
					}
					return nil
				},
			),
		}},
	})
}

// A connection deleted outside Terraform takes its enabled clients with it.
func TestAccConnectionClients_connectionDeletedOutOfBand(t *testing.T) {
	env := acctest.New(t)
	name := acctest.Name(t)
	apps := env.CreateApplications(t, 1)
	var id string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             env.CheckDestroyed,
		Steps: []resource.TestStep{
			{Config: config(env, name, apps), Check: acctest.CaptureID("auth0_connection.test", &id)},
			{
				PreConfig: func() { env.Delete(t, id) },
				Config:    config(env, name, apps),
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
