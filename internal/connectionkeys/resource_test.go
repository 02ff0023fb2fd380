package connectionkeys_test

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
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/seedtf/terraform-provider-auth0/internal/acctest"
)

const addr = "auth0_connection_keys.test"

// connectionHCL is an oidc connection; with jwt it authenticates with a
// private key JWT, so that Auth0 makes its keys with it.
func connectionHCL(name string, jwt bool) string { return connectionResource("test", name, jwt) }

// connectionResource is connectionHCL under another resource name.
func connectionResource(resName, name string, jwt bool) string {
	auth := ""
	if jwt {
		auth = `token_endpoint_auth_method = "private_key_jwt"`
	}
	return fmt.Sprintf(`
resource "auth0_connection" %q {
  name     = %q
  strategy = "oidc"
  options = {
    client_id              = "keys-client"
    type                   = "front_channel"
    issuer                 = "https://idp.example.com/"
    authorization_endpoint = "https://idp.example.com/authorize"
    token_endpoint         = "https://idp.example.com/token"
    jwks_uri               = "https://idp.example.com/jwks"
    %s
  }
}
`, resName, name, auth)
}

// keysHCL is the keys resource; extra holds its optional attributes.
func keysHCL(extra string) string {
	return fmt.Sprintf(`
resource "auth0_connection_keys" "test" {
  connection_id = auth0_connection.test.id
  %s
}
`, extra)
}

// serverKids asks the API for the kids of the connection's keys, in order.
func serverKids(t *testing.T, env *acctest.Env, id string) []string {
	t.Helper()
	keys, err := env.Client.ConnectionKeys(context.Background(), id)
	if err != nil {
		t.Fatalf("reading the keys of %s: %v", id, err)
	}
	kids := make([]string, len(keys))
	for i, k := range keys {
		kids[i] = k.Kid
	}
	return kids
}

// expectPosts checks how many POST requests reached path.
func expectPosts(env *acctest.Env, path func() string, want int) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if got := len(env.Requests("POST", path())); got != want {
			return fmt.Errorf("POST %s sent %d times, want %d", path(), got, want)
		}
		return nil
	}
}

// kidAt is a state check of the kid of the key at index i.
func kidAt(i int, kid *string) statecheck.StateCheck {
	return statecheck.ExpectKnownValue(addr, tfjsonpath.New("keys").AtSliceIndex(i).AtMapKey("kid"), knownvalue.StringFunc(func(v string) error {
		if v != *kid {
			return fmt.Errorf("kid %s, want %s", v, *kid)
		}
		return nil
	}))
}

// A connection without keys gets them from POST /keys; only a change of
// rotation_trigger rotates them.
func TestAccConnectionKeys_provisionAndRotate(t *testing.T) {
	env := acctest.New(t)
	env.RequireEmulator(t)
	name := acctest.Name(t)
	var id string
	var firstCurrent, firstNext string
	keysPath := func() string { return "/api/v2/connections/" + id + "/keys" }
	rotatePath := func() string { return "/api/v2/connections/" + id + "/keys/rotate" }
	config := func(extra string) string { return env.Config(connectionHCL(name, false) + keysHCL(extra)) }

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             env.CheckDestroyed,
		Steps: []resource.TestStep{
			{
				Config: config(`signing_alg = "PS256"` + "\n" + `rotation_trigger = "2026-11"`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("keys"), knownvalue.ListSizeExact(2)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("keys").AtSliceIndex(0).AtMapKey("current"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("keys").AtSliceIndex(0).AtMapKey("algorithm"), knownvalue.StringExact("PS256")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("keys").AtSliceIndex(0).AtMapKey("current_since"), knownvalue.NotNull()),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("keys").AtSliceIndex(1).AtMapKey("next"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("keys").AtSliceIndex(1).AtMapKey("current_since"), knownvalue.Null()),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("keys").AtSliceIndex(1).AtMapKey("cert"),
						knownvalue.StringRegexp(regexp.MustCompile(`^-----BEGIN CERTIFICATE-----\r\n`))),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("rotation_trigger"), knownvalue.StringExact("2026-11")),
				},
				Check: resource.ComposeTestCheckFunc(
					acctest.CaptureID("auth0_connection.test", &id),
					func(*terraform.State) error {
						posts := env.Requests("POST", keysPath())
						if len(posts) != 1 {
							return fmt.Errorf("POST /keys sent %d times, want once", len(posts))
						}
						var body map[string]string
						if err := json.Unmarshal(posts[0], &body); err != nil || body["signing_alg"] != "PS256" {
							return fmt.Errorf("POST /keys sent %s, want signing_alg PS256", posts[0])
						}
						kids := serverKids(t, env, id)
						firstCurrent, firstNext = kids[0], kids[1]
						return nil
					},
					expectPosts(env, rotatePath, 0),
				),
			},
			{
				// Nothing changes: the plan is empty.
				Config:           config(`signing_alg = "PS256"` + "\n" + `rotation_trigger = "2026-11"`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				// A new rotation_trigger rotates once: next becomes current.
				PreConfig: env.Emulator.ResetRequests,
				Config:    config(`signing_alg = "PS256"` + "\n" + `rotation_trigger = "2026-12"`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
					plancheck.ExpectUnknownValue(addr, tfjsonpath.New("keys")),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("keys"), knownvalue.ListSizeExact(3)),
					kidAt(0, &firstNext),
					kidAt(1, &firstCurrent),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("keys").AtSliceIndex(1).AtMapKey("previous"), knownvalue.Bool(true)),
				},
				Check: resource.ComposeTestCheckFunc(
					expectPosts(env, rotatePath, 1),
					expectPosts(env, keysPath, 0),
				),
			},
			{
				ResourceName:                         addr,
				ImportState:                          true,
				ImportStateVerify:                    true,
				ImportStateVerifyIdentifierAttribute: "connection_id",
				ImportStateVerifyIgnore:              []string{"rotation_trigger"},
				ImportStateIdFunc:                    func(*terraform.State) (string, error) { return id, nil },
			},
			{
				// signing_alg alone rotates nothing (and warns).
				PreConfig: env.Emulator.ResetRequests,
				Config:    config(`signing_alg = "ES256"` + "\n" + `rotation_trigger = "2026-12"`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(addr, tfjsonpath.New("keys"), knownvalue.ListSizeExact(3)),
				}},
				Check: expectPosts(env, rotatePath, 0),
			},
			{
				// The next rotation makes a key of the new algorithm.
				PreConfig: env.Emulator.ResetRequests,
				Config:    config(`signing_alg = "ES256"` + "\n" + `rotation_trigger = "2027-01"`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("keys").AtSliceIndex(2).AtMapKey("algorithm"), knownvalue.StringExact("ES256")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("keys").AtSliceIndex(2).AtMapKey("next"), knownvalue.Bool(true)),
				},
				Check: func(*terraform.State) error {
					rotations := env.Requests("POST", rotatePath())
					if len(rotations) != 1 || strings.TrimSpace(string(rotations[0])) != `{"signing_alg":"ES256"}` {
						return fmt.Errorf("rotations sent: %q, want one with signing_alg ES256", rotations)
					}
					return nil
				},
			},
			{
				// Removing rotation_trigger does not rotate.
				PreConfig: env.Emulator.ResetRequests,
				Config:    config(`signing_alg = "ES256"`),
				Check:     expectPosts(env, rotatePath, 0),
			},
		},
	})
}

// A connection that has keys keeps them: the resource adopts them without
// a write, and a rotation outside Terraform is read, not planned.
func TestAccConnectionKeys_adoptAndOutOfBandRotation(t *testing.T) {
	env := acctest.New(t)
	env.RequireEmulator(t)
	name := acctest.Name(t)
	var id, rotatedKid string
	config := env.Config(connectionHCL(name, true) + keysHCL(""))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             env.CheckDestroyed,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("keys"), knownvalue.ListSizeExact(2)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("signing_alg"), knownvalue.StringExact("RS256")),
				},
				Check: resource.ComposeTestCheckFunc(
					acctest.CaptureID("auth0_connection.test", &id),
					func(*terraform.State) error {
						for _, r := range env.Emulator.Requests() {
							if r.Method != "GET" && regexp.MustCompile(`/keys`).MatchString(r.Path) {
								return fmt.Errorf("adopting keys sent %s %s", r.Method, r.Path)
							}
						}
						return nil
					},
				),
			},
			{
				// Rotated outside Terraform: the refresh reads the new keys,
				// the plan is empty.
				PreConfig: func() {
					key, err := env.Client.RotateConnectionKeys(context.Background(), id, "")
					if err != nil {
						t.Fatal(err)
					}
					rotatedKid = key.Kid
				},
				Config:           config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("keys"), knownvalue.ListSizeExact(3)),
					kidAt(2, &rotatedKid),
				},
			},
			{
				// A first rotation_trigger is recorded, not a rotation.
				PreConfig: env.Emulator.ResetRequests,
				Config:    env.Config(connectionHCL(name, true) + keysHCL(`rotation_trigger = "first"`)),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(addr, tfjsonpath.New("keys"), knownvalue.ListSizeExact(3)),
				}},
				Check: expectPosts(env, func() string { return "/api/v2/connections/" + id + "/keys/rotate" }, 0),
			},
		},
	})
}

// A connection deleted outside Terraform takes its keys with it: both are
// planned for creation.
func TestAccConnectionKeys_connectionDeletedOutOfBand(t *testing.T) {
	env := acctest.New(t)
	name := acctest.Name(t)
	var id string
	config := env.Config(connectionHCL(name, true) + keysHCL(""))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             env.CheckDestroyed,
		Steps: []resource.TestStep{
			{Config: config, Check: acctest.CaptureID("auth0_connection.test", &id)},
			{
				PreConfig: func() { env.Delete(t, id) },
				Config:    config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("auth0_connection.test", plancheck.ResourceActionCreate),
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate),
				}},
			},
		},
	})
}

// Moved to another connection, the resource is replaced and holds that
// connection's keys.
func TestAccConnectionKeys_moveToAnotherConnection(t *testing.T) {
	env := acctest.New(t)
	name := acctest.Name(t)
	connections := connectionHCL(name, true) + connectionResource("other", name+"-other", true)
	var otherID string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             env.CheckDestroyed,
		Steps: []resource.TestStep{
			{Config: env.Config(connections + keysHCL(""))},
			{
				Config: env.Config(connections + `
resource "auth0_connection_keys" "test" {
  connection_id = auth0_connection.other.id
}
`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionDestroyBeforeCreate),
					plancheck.ExpectUnknownValue(addr, tfjsonpath.New("keys")),
				}},
				Check: resource.ComposeTestCheckFunc(
					acctest.CaptureID("auth0_connection.other", &otherID),
					func(s *terraform.State) error {
						kids := serverKids(t, env, otherID)
						if got := s.RootModule().Resources[addr].Primary.Attributes["keys.0.kid"]; got != kids[0] {
							return fmt.Errorf("keys.0.kid %s, want the other connection's current key %s", got, kids[0])
						}
						return nil
					},
				),
			},
		},
	})
}

// Import by identity (Terraform 1.12 and later): an import block naming
// the connection_id.
func TestAccConnectionKeys_importByIdentity(t *testing.T) {
	env := acctest.New(t)
	name := acctest.Name(t)
	config := env.Config(connectionHCL(name, true) + keysHCL(""))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
		CheckDestroy:             env.CheckDestroyed,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectIdentity(addr, map[string]knownvalue.Check{
						"connection_id": knownvalue.StringRegexp(regexp.MustCompile(`^con_`)),
					}),
				},
			},
			{
				ResourceName:    addr,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithResourceIdentity,
				Config:          config,
			},
		},
	})
}

// Bad input fails at plan time, naming the attribute; a connection that
// cannot have keys fails with a clear error.
func TestAccConnectionKeys_invalid(t *testing.T) {
	env := acctest.New(t)
	name := acctest.Name(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      env.Config(connectionHCL(name, true) + keysHCL(`signing_alg = "HS256"`)),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Attribute signing_alg value must be one of`),
			},
			{
				Config: env.Config(fmt.Sprintf(`
resource "auth0_connection" "test" {
  name     = %q
  strategy = "auth0"
}
`, name) + keysHCL("")),
				ExpectError: regexp.MustCompile(`Auth0 keeps signing keys for oidc and okta\s+connections only`),
			},
		},
	})
}
