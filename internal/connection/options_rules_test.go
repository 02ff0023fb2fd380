package connection_test

import (
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
	"github.com/seedtf/terraform-provider-auth0/internal/auth0api"
)

// The options rules in the flows that follow the basic cycle: each test
// failed before the rule it names was fixed. They run against the emulator,
// whose defaults (mfa, passkey_options, strategy_version, …) stand in for
// Auth0's.

// serverHas checks that the server's options hold every key named, whatever
// their value: keys Terraform does not manage must survive.
func serverHas(env *acctest.Env, t *testing.T, id *string, keys ...string) func(*terraform.State) error {
	return func(*terraform.State) error {
		opts := env.ServerOptions(t, *id)
		for _, k := range keys {
			if _, ok := opts[k]; !ok {
				return fmt.Errorf("options.%s was lost on the server: %v", k, opts)
			}
		}
		return nil
	}
}

// Import into a hand-written configuration: only the configuration's keys
// become managed. The plan after the import is empty when Auth0 already
// holds them, and a later change touches just the configured keys.
func TestAccConnectionOptions_importIntoConfiguration(t *testing.T) {
	env := acctest.New(t)
	name := acctest.Name(t)
	strategy := "auth0"
	existing := env.Create(t, &auth0api.Connection{Name: &name, Strategy: &strategy,
		Options: []byte(`{"passwordPolicy":"fair","password_history":{"enable":true,"size":5},"disable_signup":false}`)})
	id := existing.ID
	config := func(policy string) string {
		return env.Config(fmt.Sprintf(`
resource "auth0_connection" "test" {
  name     = %q
  strategy = "auth0"
  options  = {
    passwordPolicy   = %q
    password_history = { enable = true }
  }
}
`, name, policy))
	}
	defaults := []string{"mfa", "passkey_options", "strategy_version", "authentication_methods", "brute_force_protection", "disable_signup"}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             env.CheckDestroyed,
		Steps: []resource.TestStep{
			{
				// terraform import next to an existing resource block.
				Config: config("fair"), ResourceName: addr, ImportState: true, ImportStateId: id, ImportStatePersist: true,
			},
			{
				Config: config("fair"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: serverHas(env, t, &id, defaults...),
			},
			{
				Config: config("good"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
				},
				Check: resource.ComposeTestCheckFunc(
					serverHas(env, t, &id, defaults...),
					func(*terraform.State) error {
						opts := env.ServerOptions(t, id)
						return expectOptions(opts, map[string]any{
							"passwordPolicy":   "good",
							"password_history": map[string]any{"enable": true, "size": 5},
						})
					},
				),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("options"), knownvalue.ObjectExact(map[string]knownvalue.Check{
						"passwordPolicy":   knownvalue.StringExact("good"),
						"password_history": knownvalue.ObjectExact(map[string]knownvalue.Check{"enable": knownvalue.Bool(true)}),
					})),
				},
			},
		},
	})
}

// The same with an import block, planned and applied in one run.
func TestAccConnectionOptions_importBlockIntoConfiguration(t *testing.T) {
	env := acctest.New(t)
	name := acctest.Name(t)
	strategy := "samlp"
	existing := env.Create(t, &auth0api.Connection{Name: &name, Strategy: &strategy,
		Options: []byte(`{"signInEndpoint":"https://idp.example.com/sso","debug":true,"fieldsMap":{"email":"mail","name":"cn"}}`)})
	id := existing.ID
	config := func(endpoint string) string {
		return env.Config(fmt.Sprintf(`
import {
  to = auth0_connection.test
  id = %q
}

resource "auth0_connection" "test" {
  name     = %q
  strategy = "samlp"
  options  = {
    signInEndpoint = %q
    fieldsMap      = { email = "mail" }
  }
}
`, id, name, endpoint))
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             env.CheckDestroyed,
		Steps: []resource.TestStep{
			{
				Config: config("https://idp.example.com/sso"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionNoop)},
				},
				Check: serverHas(env, t, &id, "debug", "fieldsMap", "assertion_decryption_settings"),
			},
			{
				Config: config("https://idp.example.com/sso2"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
				},
				Check: resource.ComposeTestCheckFunc(
					serverHas(env, t, &id, "debug", "assertion_decryption_settings"),
					func(*terraform.State) error {
						return expectOptions(env.ServerOptions(t, id), map[string]any{
							"signInEndpoint": "https://idp.example.com/sso2",
							"fieldsMap":      map[string]any{"email": "mail", "name": "cn"},
						})
					},
				),
			},
		},
	})
}

// Options given as a map(string) are managed as an object would be: the
// defaults Auth0 adds stay out of the plan, and an update keeps them.
func TestAccConnectionOptions_fromAMap(t *testing.T) {
	env := acctest.New(t)
	name := acctest.Name(t)
	var id string
	config := func(policy string) string {
		return env.Config(fmt.Sprintf(`
variable "opts" {
  type    = map(string)
  default = { passwordPolicy = %q }
}

resource "auth0_connection" "test" {
  name     = %q
  strategy = "auth0"
  options  = var.opts
}
`, policy, name))
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             env.CheckDestroyed,
		Steps: []resource.TestStep{
			{Config: config("fair"), Check: acctest.CaptureID(addr, &id)},
			{
				Config: config("good"),
				Check: resource.ComposeTestCheckFunc(
					serverHas(env, t, &id, "mfa", "passkey_options", "strategy_version"),
					func(*terraform.State) error {
						return expectOptions(env.ServerOptions(t, id), map[string]any{"passwordPolicy": "good"})
					},
				),
			},
		},
	})
}

// Once options leave the configuration nothing is managed: adding one key
// back later adds just that key, and removes none managed before.
func TestAccConnectionOptions_removedThenOneKeyBack(t *testing.T) {
	env := acctest.New(t)
	name := acctest.Name(t)
	var id string
	config := func(options string) string {
		return env.Config(fmt.Sprintf(`
resource "auth0_connection" "test" {
  name     = %q
  strategy = "auth0"
  %s
}
`, name, options))
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             env.CheckDestroyed,
		Steps: []resource.TestStep{
			{
				Config: config(`options = { passwordPolicy = "fair", password_history = { enable = true, size = 5 } }`),
				Check:  acctest.CaptureID(addr, &id),
			},
			{
				Config: config(``),
				Check: resource.ComposeTestCheckFunc(
					func(*terraform.State) error {
						// Leaving options out sent nothing.
						if n := len(env.Requests("PATCH", "/api/v2/connections/"+id)); n != 0 {
							return fmt.Errorf("leaving options out sent %d PATCH requests", n)
						}
						return nil
					},
					serverHas(env, t, &id, "passwordPolicy", "password_history"),
				),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("options"), knownvalue.Null()),
				},
			},
			{
				Config: config(`options = { disable_signup = true }`),
				Check: resource.ComposeTestCheckFunc(
					serverHas(env, t, &id, "passwordPolicy", "password_history", "mfa"),
					func(*terraform.State) error {
						return expectOptions(env.ServerOptions(t, id), map[string]any{"disable_signup": true, "passwordPolicy": "fair"})
					},
				),
			},
		},
	})
}

// A managed key removed outside Terraform shows as drift and is restored.
func TestAccConnectionOptions_managedKeyRemovedOutside(t *testing.T) {
	env := acctest.New(t)
	name := acctest.Name(t)
	var id string
	config := env.Config(fmt.Sprintf(`
resource "auth0_connection" "test" {
  name     = %q
  strategy = "auth0"
  options  = { passwordPolicy = "fair", password_history = { enable = true, size = 5 } }
}
`, name))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             env.CheckDestroyed,
		Steps: []resource.TestStep{
			{Config: config, Check: acctest.CaptureID(addr, &id)},
			{
				PreConfig: func() {
					env.EditOptions(t, id, func(o map[string]any) { delete(o, "password_history") })
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
				},
				Check: func(*terraform.State) error {
					return expectOptions(env.ServerOptions(t, id), map[string]any{
						"password_history": map[string]any{"enable": true, "size": 5},
					})
				},
			},
		},
	})
}

// `options = {}` after a key Auth0 keeps when an update leaves it out: the
// plan shows no change, because apply would make none.
func TestAccConnectionOptions_emptyAfterAKeptKey(t *testing.T) {
	env := acctest.New(t)
	name := acctest.Name(t)
	var id string
	config := func(options string) string {
		return env.Config(fmt.Sprintf(`
resource "auth0_connection" "test" {
  name     = %q
  strategy = "auth0"
  options  = %s
}
`, name, options))
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             env.CheckDestroyed,
		Steps: []resource.TestStep{
			{Config: config(`{ brute_force_protection = false }`), Check: acctest.CaptureID(addr, &id)},
			{
				Config: config(`{}`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: func(*terraform.State) error {
					return expectOptions(env.ServerOptions(t, id), map[string]any{"brute_force_protection": false})
				},
			},
		},
	})
}

// Keys Auth0 derives: a configured one fails the plan saying what to set
// instead; booleans edited converge, and an import leaves the derived keys
// out.
func TestAccConnectionOptions_derivedKeys(t *testing.T) {
	env := acctest.New(t)
	name := acctest.Name(t)
	var id string
	config := func(options string) string {
		return env.Config(fmt.Sprintf(`
resource "auth0_connection" "test" {
  name     = %q
  strategy = "github"
  options  = %s
}
`, name, options))
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             env.CheckDestroyed,
		Steps: []resource.TestStep{
			{
				Config:      config(`{ client_id = "gh", scope = ["repo"] }`),
				ExpectError: regexp.MustCompile(`(?s)Option Derived By Auth0.*options\.scope is computed by Auth0 for github.*options\.email`),
			},
			{Config: config(`{ client_id = "gh", email = true }`), Check: acctest.CaptureID(addr, &id)},
			{Config: config(`{ client_id = "gh", email = true, repo = true }`)},
			{
				ResourceName: addr, ImportState: true, ImportStateKind: resource.ImportCommandWithID,
				ImportStateIdFunc: func(*terraform.State) (string, error) { return id, nil },
				ImportStateCheck: func(states []*terraform.InstanceState) error {
					for k := range states[0].Attributes {
						if regexp.MustCompile(`^options\.scope`).MatchString(k) {
							return fmt.Errorf("import read the derived %s into state", k)
						}
					}
					return nil
				},
			},
		},
	})
}

// A connection that replaces an imported one manages its configuration's
// keys: the import's "nothing managed yet" does not carry over.
func TestAccConnectionOptions_replacementOfAnImportManagesItsKeys(t *testing.T) {
	env := acctest.New(t)
	name := acctest.Name(t)
	strategy := "auth0"
	existing := env.Create(t, &auth0api.Connection{Name: &name, Strategy: &strategy, Options: []byte(`{"passwordPolicy":"fair"}`)})
	var id string
	config := func(name, options string) string {
		return env.Config(fmt.Sprintf(`
resource "auth0_connection" "test" {
  name     = %q
  strategy = "auth0"
  options  = %s
}
`, name, options))
	}
	renamed := name + "-2"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             env.CheckDestroyed,
		Steps: []resource.TestStep{
			{Config: config(name, `{ passwordPolicy = "fair" }`), ResourceName: addr, ImportState: true, ImportStateId: existing.ID, ImportStatePersist: true},
			{
				Config: config(renamed, `{ passwordPolicy = "fair" }`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionReplace)},
				},
				Check: acctest.CaptureID(addr, &id),
			},
			{
				Config: config(renamed, `{}`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
				},
				Check: func(*terraform.State) error {
					if v, ok := env.ServerOptions(t, id)["passwordPolicy"]; ok {
						return fmt.Errorf("passwordPolicy, managed since the replacement, was removed from the configuration but is still %v", v)
					}
					return nil
				},
			},
		},
	})
}

// A key managed as null and then removed from the configuration is no longer
// managed: a value set outside Terraform later is left alone.
func TestAccConnectionOptions_nullKeyRemovedIsUnmanaged(t *testing.T) {
	env := acctest.New(t)
	name := acctest.Name(t)
	var id string
	config := func(options string) string {
		return env.Config(fmt.Sprintf(`
resource "auth0_connection" "test" {
  name     = %q
  strategy = "auth0"
  options  = %s
}
`, name, options))
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             env.CheckDestroyed,
		Steps: []resource.TestStep{
			{Config: config(`{ passwordPolicy = "good", disable_signup = null }`), Check: acctest.CaptureID(addr, &id)},
			{Config: config(`{ passwordPolicy = "good" }`)},
			{
				PreConfig: func() { env.EditOptions(t, id, func(o map[string]any) { o["disable_signup"] = true }) },
				Config:    config(`{ passwordPolicy = "good" }`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
}

// A derived key written as null is refused too: Auth0 fills it, so the
// plan would show it changing back forever.
func TestAccConnectionOptions_derivedKeyAsNull(t *testing.T) {
	env := acctest.New(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: env.Config(fmt.Sprintf(`
resource "auth0_connection" "test" {
  name     = %q
  strategy = "github"
  options  = { client_id = "x", email = true, scope = null }
}
`, acctest.Name(t))),
			ExpectError: regexp.MustCompile(`Option Derived By Auth0`),
		}},
	})
}

// A map with a null element plans empty after apply.
func TestAccConnectionOptions_mapWithANullElement(t *testing.T) {
	env := acctest.New(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             env.CheckDestroyed,
		Steps: []resource.TestStep{{
			Config: env.Config(fmt.Sprintf(`
resource "auth0_connection" "test" {
  name     = %q
  strategy = "auth0"
  options  = { passwordPolicy = "good", custom = tomap({ a = null, b = "x" }) }
}
`, acctest.Name(t))),
		}},
	})
}

// Options written after they were unmanaged, at the values Auth0 holds:
// the plan shows them becoming managed, and apply sends no update.
func TestAccConnectionOptions_managingWhatAuth0HoldsSendsNoUpdate(t *testing.T) {
	env := acctest.New(t)
	name := acctest.Name(t)
	var id string
	config := func(options string) string {
		return env.Config(fmt.Sprintf(`
resource "auth0_connection" "test" {
  name     = %q
  strategy = "auth0"
  %s
}
`, name, options))
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             env.CheckDestroyed,
		Steps: []resource.TestStep{
			{Config: config(``), Check: acctest.CaptureID(addr, &id)},
			{
				Config: config(`options = { brute_force_protection = true }`),
				Check: func(*terraform.State) error {
					if n := len(env.Requests("PATCH", "/api/v2/connections/"+id)); n != 0 {
						return fmt.Errorf("managing a value Auth0 holds sent %d PATCH requests", n)
					}
					return nil
				},
			},
		},
	})
}
