package scim_test

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
	"github.com/seedtf/terraform-provider-auth0/internal/auth0api"
)

const configAddr = "auth0_connection_scim_configuration.test"

// waadDefaultMappingSize is how many entries Auth0's default mapping of a
// waad connection has (TestAccSCIMToken.yaml #2).
const waadDefaultMappingSize = 30

// connectionHCL is a waad connection, which supports SCIM.
func connectionHCL(name string) string {
	return fmt.Sprintf(`
resource "auth0_connection" "test" {
  name     = %q
  strategy = "waad"
  options = {
    client_id     = "00000000-0000-0000-0000-000000000000"
    tenant_domain = "acme.onmicrosoft.com"
    waad_protocol = "openid-connect"
  }
}
`, name)
}

func configurationHCL(env *acctest.Env, name, body string) string {
	return env.Config(connectionHCL(name) + fmt.Sprintf(`
resource "auth0_connection_scim_configuration" "test" {
  connection_id = auth0_connection.test.id
%s
}
`, body))
}

const customMapping = `
  user_id_attribute = "userName"
  mapping = [
    { auth0 = "email", scim = "emails[type eq \"work\"].value" },
    { auth0 = "preferred_username", scim = "userName" },
  ]
`

// checkSCIMDestroyed asks the API that no SCIM configuration of the state
// is left, then that the connections are gone.
func checkSCIMDestroyed(env *acctest.Env) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		for key, rs := range s.RootModule().Resources {
			if rs.Type != "auth0_connection_scim_configuration" || key[:5] == "data." {
				continue
			}
			id := rs.Primary.Attributes["connection_id"]
			_, err := env.Client.ReadSCIMConfiguration(context.Background(), id)
			if err == nil {
				return fmt.Errorf("the SCIM configuration of %s still exists", id)
			}
			if !auth0api.IsNotFound(err) {
				return fmt.Errorf("checking the SCIM configuration of %s: %w", id, err)
			}
		}
		return env.CheckDestroyed(s)
	}
}

// expectServer asks the API for the configuration and checks it.
func expectServer(env *acctest.Env, id *string, userIDAttribute string, mappingSize int) resource.TestCheckFunc {
	return func(*terraform.State) error {
		conf, err := env.Client.ReadSCIMConfiguration(context.Background(), *id)
		if err != nil {
			return err
		}
		if conf.UserIDAttribute != userIDAttribute || len(conf.Mapping) != mappingSize {
			return fmt.Errorf("server has user_id_attribute %q and %d mapping entries, want %q and %d",
				conf.UserIDAttribute, len(conf.Mapping), userIDAttribute, mappingSize)
		}
		return nil
	}
}

func TestAccSCIMConfiguration_lifecycle(t *testing.T) {
	env := acctest.New(t)
	name := acctest.Name(t)
	var id string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             checkSCIMDestroyed(env),
		Steps: []resource.TestStep{
			{
				// Left out, Auth0's defaults.
				Config: configurationHCL(env, name, ""),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(configAddr, tfjsonpath.New("user_id_attribute"), knownvalue.StringExact("externalId")),
					statecheck.ExpectKnownValue(configAddr, tfjsonpath.New("mapping"), knownvalue.ListSizeExact(waadDefaultMappingSize)),
					statecheck.ExpectKnownValue(configAddr, tfjsonpath.New("mapping").AtSliceIndex(0), knownvalue.ObjectExact(map[string]knownvalue.Check{
						"auth0": knownvalue.StringExact("upn"), "scim": knownvalue.StringExact("userName"),
					})),
					statecheck.ExpectKnownValue(configAddr, tfjsonpath.New("strategy"), knownvalue.StringExact("waad")),
					statecheck.ExpectKnownValue(configAddr, tfjsonpath.New("connection_name"), knownvalue.StringExact(name)),
					statecheck.ExpectKnownValue(configAddr, tfjsonpath.New("scim_endpoint_url"),
						knownvalue.StringRegexp(regexp.MustCompile(`^https?://[^/]+/scim/v2/connections/con_[A-Za-z0-9]+$`))),
					statecheck.CompareValuePairs(configAddr, tfjsonpath.New("connection_id"), "auth0_connection.test", tfjsonpath.New("id"), compareEqual),
				},
				Check: resource.ComposeTestCheckFunc(
					acctest.CaptureID("auth0_connection.test", &id),
					func(s *terraform.State) error { return expectServer(env, &id, "externalId", waadDefaultMappingSize)(s) },
				),
			},
			{
				Config:           configurationHCL(env, name, ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				Config: configurationHCL(env, name, customMapping),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(configAddr, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(configAddr, tfjsonpath.New("mapping"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.ObjectExact(map[string]knownvalue.Check{"auth0": knownvalue.StringExact("email"), "scim": knownvalue.StringExact(`emails[type eq "work"].value`)}),
						knownvalue.ObjectExact(map[string]knownvalue.Check{"auth0": knownvalue.StringExact("preferred_username"), "scim": knownvalue.StringExact("userName")}),
					})),
				},
				Check: func(s *terraform.State) error { return expectServer(env, &id, "userName", 2)(s) },
			},
			{
				ResourceName:                         configAddr,
				ImportState:                          true,
				ImportStateVerify:                    true,
				ImportStateVerifyIdentifierAttribute: "connection_id",
				ImportStateIdFunc:                    func(*terraform.State) (string, error) { return id, nil },
			},
			{
				// Changed outside Terraform: shown and restored.
				PreConfig: func() {
					if _, err := env.Client.UpdateSCIMConfiguration(context.Background(), id, "externalId",
						[]auth0api.SCIMMapping{{Auth0: "name", SCIM: "displayName"}}); err != nil {
						t.Fatal(err)
					}
				},
				Config: configurationHCL(env, name, customMapping),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(configAddr, plancheck.ResourceActionUpdate),
				}},
				Check: func(s *terraform.State) error { return expectServer(env, &id, "userName", 2)(s) },
			},
			{
				// The connection deleted outside Terraform takes its SCIM
				// configuration with it: both are created again.
				PreConfig: func() { env.Delete(t, id) },
				Config:    configurationHCL(env, name, customMapping),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("auth0_connection.test", plancheck.ResourceActionCreate),
					plancheck.ExpectResourceAction(configAddr, plancheck.ResourceActionCreate),
				}},
				Check: resource.ComposeTestCheckFunc(
					acctest.CaptureID("auth0_connection.test", &id),
					func(s *terraform.State) error { return expectServer(env, &id, "userName", 2)(s) },
				),
			},
		},
	})
}

// A strategy without SCIM is refused by Auth0, and the error says what to
// check.
func TestAccSCIMConfiguration_unsupportedStrategy(t *testing.T) {
	env := acctest.New(t)
	name := acctest.Name(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             checkSCIMDestroyed(env),
		Steps: []resource.TestStep{{
			Config: env.Config(fmt.Sprintf(`
resource "auth0_connection" "test" {
  name     = %q
  strategy = "auth0"
}

resource "auth0_connection_scim_configuration" "test" {
  connection_id = auth0_connection.test.id
}
`, name)),
			ExpectError: regexp.MustCompile(`(?s)Unable to Create SCIM Configuration.*supports SCIM.*does not support SCIM`),
		}},
	})
}

// Bad input is refused at plan time, naming the attribute.
func TestAccSCIMConfiguration_validation(t *testing.T) {
	env := acctest.New(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      configurationHCL(env, "tf-acc-unused", `  mapping = []`),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`(?s)mapping.*at least 1`),
		}},
	})
}
