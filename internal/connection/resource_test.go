package connection_test

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
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

const addr = "auth0_connection.test"

func TestAccConnection_lifecycle(t *testing.T) {
	env := acctest.New(t)
	name := acctest.Name(t)
	var id, renamedID string

	config := func(name, strategy, body string) string {
		return env.Config(fmt.Sprintf(`
resource "auth0_connection" "test" {
  name     = %q
  strategy = %q
%s
}
`, name, strategy, body))
	}

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             env.CheckDestroyed,
		Steps: []resource.TestStep{
			{
				Config: config(name, "auth0", `
  display_name         = "Acme users"
  is_domain_connection = false
  metadata             = { team = "identity", tier = "gold" }
  authentication       = { active = true }
  options = {
    passwordPolicy         = "fair"
    disable_signup         = false
    password_history       = { enable = true, size = 5 }
    non_persistent_attrs   = ["gender", "hair_color"]
    upstream_params        = { screen_name = { alias = "login_hint" } }
  }`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^con_[A-Za-z0-9]{16}$`))),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("strategy"), knownvalue.StringExact("auth0")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("realms"), knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact(name)})),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("is_domain_connection"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("authentication").AtMapKey("active"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("enabled_clients"), knownvalue.SetSizeExact(0)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("metadata"), knownvalue.MapExact(map[string]knownvalue.Check{
						"team": knownvalue.StringExact("identity"), "tier": knownvalue.StringExact("gold"),
					})),
					// Only the managed keys: the defaults Auth0 adds stay out of state.
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("options"), knownvalue.ObjectExact(map[string]knownvalue.Check{
						"passwordPolicy":       knownvalue.StringExact("fair"),
						"disable_signup":       knownvalue.Bool(false),
						"password_history":     knownvalue.ObjectExact(map[string]knownvalue.Check{"enable": knownvalue.Bool(true), "size": knownvalue.Int64Exact(5)}),
						"non_persistent_attrs": knownvalue.TupleExact([]knownvalue.Check{knownvalue.StringExact("gender"), knownvalue.StringExact("hair_color")}),
						"upstream_params":      knownvalue.NotNull(),
					})),
				},
				Check: resource.ComposeTestCheckFunc(
					acctest.CaptureID(addr, &id),
					func(*terraform.State) error {
						opts := env.ServerOptions(t, id)
						if opts["brute_force_protection"] != true {
							return fmt.Errorf("server defaults missing from the created connection: %v", opts)
						}
						return nil
					},
				),
			},
			{
				// Update in place: a top-level attribute, metadata and an option.
				Config: config(name, "auth0", `
  display_name         = "Acme staff"
  is_domain_connection = false
  metadata             = { team = "identity" }
  authentication       = { active = true }
  options = {
    passwordPolicy         = "good"
    disable_signup         = false
    password_history       = { enable = true, size = 5 }
    non_persistent_attrs   = ["gender", "hair_color"]
    upstream_params        = { screen_name = { alias = "login_hint" } }
  }`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("display_name"), knownvalue.StringExact("Acme staff")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("metadata"), knownvalue.MapExact(map[string]knownvalue.Check{
						"team": knownvalue.StringExact("identity"),
					})),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("options").AtMapKey("passwordPolicy"), knownvalue.StringExact("good")),
				},
				Check: func(s *terraform.State) error {
					var now string
					if err := acctest.CaptureID(addr, &now)(s); err != nil {
						return err
					}
					if now != id {
						return fmt.Errorf("updated in place expected, but the id changed from %s to %s", id, now)
					}
					opts := env.ServerOptions(t, id)
					if opts["passwordPolicy"] != "good" || opts["brute_force_protection"] != true || opts["mfa"] == nil {
						return fmt.Errorf("update lost unmanaged options or did not apply: %v", opts)
					}
					return nil
				},
			},
			{
				ResourceName:      addr,
				ImportState:       true,
				ImportStateVerify: true,
				// Import reads all options, the configuration holds a subset.
				ImportStateVerifyIgnore: []string{"options"},
			},
			{
				// A new name replaces the connection.
				Config: config(name+"-renamed", "auth0", `
  display_name = "Acme staff"`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionDestroyBeforeCreate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("realms"), knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact(name + "-renamed")})),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("options"), knownvalue.Null()),
				},
				Check: resource.ComposeTestCheckFunc(
					acctest.CaptureID(addr, &renamedID),
					func(*terraform.State) error {
						if renamedID == id {
							return fmt.Errorf("expected a new connection, the id is still %s", id)
						}
						if _, err := env.Client.ReadConnection(context.Background(), id); !auth0api.IsNotFound(err) {
							return fmt.Errorf("the replaced connection %s should be gone, got %v", id, err)
						}
						return nil
					},
				),
			},
			{
				// A new strategy replaces it too.
				Config: config(name+"-renamed", "email", `
  display_name = "Acme staff"`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionDestroyBeforeCreate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("strategy"), knownvalue.StringExact("email")),
				},
			},
		},
	})
}

func TestAccConnection_optionsOutOfBandEdits(t *testing.T) {
	env := acctest.New(t)
	name := acctest.Name(t)
	var id string

	config := func(displayName, options string) string {
		return env.Config(fmt.Sprintf(`
resource "auth0_connection" "test" {
  name         = %q
  strategy     = "auth0"
  display_name = %q
  options = {
%s
  }
}
`, name, displayName, options))
	}
	full := `
    passwordPolicy = "fair"
    disable_signup = true
    validation     = { username = { min = 5, max = 20 } }`

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             env.CheckDestroyed,
		Steps: []resource.TestStep{
			{
				Config: config("one", full),
				Check:  acctest.CaptureID(addr, &id),
			},
			{
				// Someone edits the connection in the dashboard: an unmanaged
				// key is added, a managed one and a nested managed one changed.
				PreConfig: func() {
					env.EditOptions(t, id, func(o map[string]any) {
						o["custom_unmanaged"] = "kept"
						o["passwordPolicy"] = "low"
						o["validation"] = map[string]any{"username": map[string]any{"min": 5, "max": 30}}
					})
				},
				Config: config("one", full),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(addr, tfjsonpath.New("options").AtMapKey("passwordPolicy"), knownvalue.StringExact("fair")),
					},
				},
				Check: func(*terraform.State) error {
					return expectOptions(env.ServerOptions(t, id), map[string]any{
						"passwordPolicy":         "fair",
						"custom_unmanaged":       "kept",
						"brute_force_protection": true,
						"validation":             map[string]any{"username": map[string]any{"min": json.Number("5"), "max": json.Number("20")}},
					})
				},
			},
			{
				// A key removed from the configuration is removed from Auth0;
				// the others, managed or not, stay.
				Config: config("one", `
    passwordPolicy = "fair"
    validation     = { username = { min = 5, max = 20 } }`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
				},
				Check: func(*terraform.State) error {
					opts := env.ServerOptions(t, id)
					if _, present := opts["disable_signup"]; present {
						return fmt.Errorf("disable_signup was removed from the configuration but is still on the server: %v", opts)
					}
					return expectOptions(opts, map[string]any{"custom_unmanaged": "kept", "passwordPolicy": "fair"})
				},
			},
			{
				// An update that changes no option sends no options.
				PreConfig: func() { env.Emulator.ResetRequests() },
				Config: config("two", `
    passwordPolicy = "fair"
    validation     = { username = { min = 5, max = 20 } }`),
				Check: func(*terraform.State) error {
					env.RequireEmulator(t)
					patches := env.Requests("PATCH", "/api/v2/connections/"+id)
					if len(patches) != 1 {
						return fmt.Errorf("expected 1 PATCH, got %d", len(patches))
					}
					if strings.Contains(string(patches[0]), `"options"`) {
						return fmt.Errorf("an update that changes no option sent options: %s", patches[0])
					}
					return expectOptions(env.ServerOptions(t, id), map[string]any{"custom_unmanaged": "kept", "brute_force_protection": true})
				},
			},
		},
	})
}

func TestAccConnection_optionsOmitted(t *testing.T) {
	env := acctest.New(t)
	name := acctest.Name(t)
	var id string

	config := func(body string) string {
		return env.Config(fmt.Sprintf(`
resource "auth0_connection" "test" {
  name     = %q
  strategy = "auth0"
%s
}
`, name, body))
	}

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             env.CheckDestroyed,
		Steps: []resource.TestStep{
			{
				Config: config(`display_name = "one"`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("options"), knownvalue.Null()),
				},
				Check: acctest.CaptureID(addr, &id),
			},
			{
				// Options not in the configuration are never touched.
				PreConfig: func() {
					env.EditOptions(t, id, func(o map[string]any) { o["passwordPolicy"] = "low" })
				},
				Config: config(`display_name = "two"`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(addr, tfjsonpath.New("options"), knownvalue.Null()),
					},
				},
				Check: func(*terraform.State) error {
					return expectOptions(env.ServerOptions(t, id), map[string]any{"passwordPolicy": "low", "brute_force_protection": true})
				},
			},
			{
				// Configuring a subset later only adds: the server's defaults
				// and other keys survive.
				Config: config(`display_name = "two"
  options = { disable_signup = true }`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
				},
				Check: func(*terraform.State) error {
					return expectOptions(env.ServerOptions(t, id), map[string]any{
						"disable_signup": true, "passwordPolicy": "low", "brute_force_protection": true,
					})
				},
			},
		},
	})
}

func TestAccConnection_deletedOutOfBand(t *testing.T) {
	env := acctest.New(t)
	name := acctest.Name(t)
	var first, second string
	config := env.Config(fmt.Sprintf(`
resource "auth0_connection" "test" {
  name     = %q
  strategy = "github"
  options  = { client_id = "gh-client-id", read_user = true }
}
`, name))

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             env.CheckDestroyed,
		Steps: []resource.TestStep{
			{Config: config, Check: acctest.CaptureID(addr, &first)},
			{
				PreConfig: func() { env.Delete(t, first) },
				Config:    config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate)},
				},
				Check: func(s *terraform.State) error {
					if err := acctest.CaptureID(addr, &second)(s); err != nil {
						return err
					}
					if second == first {
						return fmt.Errorf("expected a new connection, got the old id %s", first)
					}
					return nil
				},
			},
		},
	})
}

func TestAccConnection_alreadyExists(t *testing.T) {
	env := acctest.New(t)
	name := acctest.Name(t)
	strategy := "auth0"
	existing := env.Create(t, &auth0api.Connection{Name: &name, Strategy: &strategy})

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: env.Config(fmt.Sprintf(`
resource "auth0_connection" "test" {
  name     = %q
  strategy = "auth0"
}
`, name)),
				ExpectError: regexp.MustCompile(`(?s)Connection Already Exists.*` + existing.ID + `.*terraform import`),
			},
		},
	})
}

func TestAccConnection_apiErrorNamesTheAttribute(t *testing.T) {
	env := acctest.New(t)
	name := acctest.Name(t)

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             env.CheckDestroyed,
		Steps: []resource.TestStep{
			{
				Config: env.Config(fmt.Sprintf(`
resource "auth0_connection" "test" {
  name     = %q
  strategy = "auth0"
  options  = { attributes = { email = { identifier = { active = true } } }, validation = { username = { min = 1, max = 5 } } }
}
`, name)),
				ExpectError: regexp.MustCompile(`(?s)Unable to Create Connection.*400 Bad Request.*Cannot set both`),
			},
		},
	})
}

func mustJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// expectOptions checks that the server's options hold each wanted key with
// the wanted value (other keys may be there too).
func expectOptions(got map[string]any, want map[string]any) error {
	for k, w := range want {
		wj, _ := json.Marshal(w)
		gj, _ := json.Marshal(got[k])
		if string(wj) != string(gj) {
			return fmt.Errorf("options.%s on the server = %s, want %s (all options: %v)", k, gj, wj, got)
		}
	}
	return nil
}

// Auth0 resets display_name to the name when a PATCH leaves it out: an
// update of another attribute keeps it. `metadata = {}` clears metadata.
func TestAccConnection_updateKeepsDisplayName(t *testing.T) {
	env := acctest.New(t)
	name := acctest.Name(t)
	var id string
	config := func(metadata string) string {
		return env.Config(fmt.Sprintf(`
resource "auth0_connection" "test" {
  name         = %q
  strategy     = "oidc"
  display_name = "Acme OIDC"
  metadata     = %s
  options = {
    client_id = "oidc-client-id"
    issuer    = "https://idp.example.com/"
    type      = "front_channel"
  }
}
`, name, metadata))
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             env.CheckDestroyed,
		Steps: []resource.TestStep{
			{Config: config(`{ owner = "a" }`), Check: acctest.CaptureID(addr, &id)},
			{
				Config: config(`{ owner = "b" }`),
				Check: func(*terraform.State) error {
					conn, err := env.Client.ReadConnection(context.Background(), id)
					if err != nil {
						return err
					}
					if got := conn.DisplayName; got == nil || *got != "Acme OIDC" {
						return fmt.Errorf("display_name on the server changed after an update of metadata: %s", mustJSON(got))
					}
					return nil
				},
			},
			{
				Config: config(`{}`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("metadata"), knownvalue.MapSizeExact(0)),
				},
				Check: func(*terraform.State) error {
					conn, err := env.Client.ReadConnection(context.Background(), id)
					if err != nil {
						return err
					}
					if conn.Metadata != nil && len(*conn.Metadata) > 0 {
						return fmt.Errorf("metadata = {} left %s on the server", mustJSON(conn.Metadata))
					}
					return nil
				},
			},
		},
	})
}
