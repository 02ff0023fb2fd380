package connection_test

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/seedtf/terraform-provider-auth0/internal/acctest"
	"github.com/seedtf/terraform-provider-auth0/internal/auth0api"
	"github.com/seedtf/terraform-provider-auth0/internal/emulator"
)

const reliabilityConnections = 30

func thirtyConnections(env *acctest.Env, prefix, displayName string) string {
	return env.Config(fmt.Sprintf(`
resource "auth0_connection" "c" {
  count        = %d
  name         = "%s-${count.index}"
  strategy     = "auth0"
  display_name = "%s ${count.index}"
  options      = { passwordPolicy = "good" }
}
`, reliabilityConnections, prefix, displayName))
}

// serverMatchesState checks that the emulator holds exactly the connections
// of the state, with the same ids: no orphan, no duplicate, no loss.
func serverMatchesState(env *acctest.Env) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		var stateIDs, serverIDs []string
		for key, rs := range s.RootModule().Resources {
			if rs.Type == "auth0_connection" && key[:5] != "data." {
				stateIDs = append(stateIDs, rs.Primary.ID)
			}
		}
		err := env.Client.ListConnections(context.Background(), auth0api.ListFilter{}, func(c *auth0api.Connection) bool {
			serverIDs = append(serverIDs, c.ID)
			return true
		})
		if err != nil {
			return err
		}
		slices.Sort(stateIDs)
		slices.Sort(serverIDs)
		if len(stateIDs) != reliabilityConnections || !slices.Equal(stateIDs, serverIDs) {
			return fmt.Errorf("state holds %d connections %v, the server %d %v", len(stateIDs), stateIDs, len(serverIDs), serverIDs)
		}
		return nil
	}
}

func serverEmpty(env *acctest.Env) func(*terraform.State) error {
	return func(*terraform.State) error {
		n := 0
		if err := env.Client.ListConnections(context.Background(), auth0api.ListFilter{}, func(*auth0api.Connection) bool {
			n++
			return true
		}); err != nil {
			return err
		}
		if n != 0 {
			return fmt.Errorf("destroy left %d connections", n)
		}
		return nil
	}
}

// Applying, updating and destroying 30 connections works under each kind of
// trouble: the emulator ends up holding exactly what the state says.
func TestAccConnection_reliability(t *testing.T) {
	cases := []struct {
		name string
		cfg  emulator.Config
		rate int // the provider's max_request_rate; 0 = none set
	}{
		// No ceiling: the provider paces itself from the tenant's
		// X-RateLimit-* headers and waits out any 429.
		{name: "rate limited", cfg: emulator.Config{RateLimitRPS: 5, RateLimitBurst: 5}},
		// One request in five fails, or loses its answer. The provider
		// gives up on a request after 8 failed attempts: at this rate about
		// once in 400,000 requests, so a run's ~150 requests pass.
		{name: "failing", cfg: emulator.Config{FailRate: 0.2, Seed: 1}, rate: 1000},
		{name: "dropping answers", cfg: emulator.Config{DropAfterCommitRate: 0.2, Seed: 2}, rate: 1000},
		{name: "expiring tokens", cfg: emulator.Config{TokenTTL: 2 * time.Second, Latency: 150 * time.Millisecond}, rate: 1000},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			env := acctest.NewEmulated(t, c.cfg, c.rate)
			prefix := acctest.Name(t)
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProviderFactories,
				CheckDestroy:             serverEmpty(env),
				Steps: []resource.TestStep{
					{Config: thirtyConnections(env, prefix, "Users"), Check: serverMatchesState(env)},
					{Config: thirtyConnections(env, prefix, "Staff"), Check: serverMatchesState(env)},
				},
			})
		})
	}
}

// A create whose outcome cannot be learned (every answer lost, here until
// the create's timeout) is recorded, and the next apply settles it: the
// connection it made is adopted and, tainted, replaced; none is left behind
// and no 409 is met.
func TestAccConnection_unresolvedCreateIsSettledByTheNextApply(t *testing.T) {
	env := acctest.New(t)
	env.RequireEmulator(t)
	name := acctest.Name(t)
	config := env.Config(fmt.Sprintf(`
resource "auth0_connection" "test" {
  name     = %q
  strategy = "auth0"
  options  = { passwordPolicy = "fair" }
  timeouts = { create = "3s" }
}
`, name))
	connectionsNamed := func() []*auth0api.Connection {
		var found []*auth0api.Connection
		err := env.Client.ListConnections(context.Background(), auth0api.ListFilter{Name: name}, func(c *auth0api.Connection) bool {
			found = append(found, c)
			return true
		})
		if err != nil {
			t.Fatal(err)
		}
		return found
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             env.CheckDestroyed,
		Steps: []resource.TestStep{
			{
				PreConfig:   func() { env.Emulator.SetFaultRates(0, 1) },
				Config:      config,
				ExpectError: regexp.MustCompile(`Connection Create Unresolved`),
			},
			{
				PreConfig: func() {
					env.Emulator.SetFaultRates(0, 0)
					if n := len(connectionsNamed()); n != 1 {
						t.Fatalf("the unresolved create made %d connections, want 1", n)
					}
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionReplace)},
				},
				Check: func(s *terraform.State) error {
					found := connectionsNamed()
					if len(found) != 1 || found[0].ID != s.RootModule().Resources[addr].Primary.ID {
						return fmt.Errorf("after the next apply, %d connections are named %s (want exactly the one in state)", len(found), name)
					}
					return nil
				},
			},
		},
	})
}
