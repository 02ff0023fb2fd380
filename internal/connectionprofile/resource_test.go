package connectionprofile_test

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
	"github.com/seedtf/terraform-provider-auth0/internal/auth0api"
)

const addr = "auth0_connection_profile.test"

// The profile of TestAccConnectionProfile.yaml's first step.
func created(env *acctest.Env, name string) string {
	return env.Config(fmt.Sprintf(`
resource "auth0_connection_profile" "test" {
  name = %q
  organization = {
    show_as_button             = "required"
    assign_membership_on_login = "optional"
  }
  connection_name_prefix_template = "template1"
  enabled_features                = ["scim", "universal_logout"]
}
`, name))
}

// Its second step, with strategy overrides.
func updated(env *acctest.Env, name string) string {
	return env.Config(fmt.Sprintf(`
resource "auth0_connection_profile" "test" {
  name = "%s-updated"
  organization = {
    show_as_button             = "optional"
    assign_membership_on_login = "required"
  }
  connection_name_prefix_template = "template2"
  enabled_features                = ["scim"]
  strategy_overrides = {
    okta = {
      enabled_features = ["universal_logout"]
    }
    google_apps = {}
  }
}
`, name))
}

// checkDestroyed asks the API that every profile of the state is gone.
func checkDestroyed(env *acctest.Env) func(*terraform.State) error {
	return func(s *terraform.State) error {
		for key, rs := range s.RootModule().Resources {
			if rs.Type != "auth0_connection_profile" || strings.HasPrefix(key, "data.") {
				continue
			}
			_, err := env.Client.ReadConnectionProfile(context.Background(), rs.Primary.ID)
			if err == nil {
				return fmt.Errorf("connection profile %s still exists", rs.Primary.ID)
			}
			if !auth0api.IsNotFound(err) {
				return err
			}
		}
		return nil
	}
}

// expectOnServer asks the API for the profile's enabled_features and
// strategy_overrides.
func expectOnServer(env *acctest.Env, id *string, features, overrides string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		p, err := env.Client.ReadConnectionProfile(context.Background(), *id)
		if err != nil {
			return err
		}
		gotFeatures, _ := json.Marshal(p.EnabledFeatures)
		gotOverrides, _ := json.Marshal(p.StrategyOverrides)
		if string(gotFeatures) != features || string(gotOverrides) != overrides {
			return fmt.Errorf("on the server enabled_features %s, strategy_overrides %s; want %s, %s", gotFeatures, gotOverrides, features, overrides)
		}
		return nil
	}
}

func TestAccConnectionProfile_lifecycle(t *testing.T) {
	env := acctest.New(t)
	name := acctest.Name(t)
	var id string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             checkDestroyed(env),
		Steps: []resource.TestStep{
			{
				Config: created(env, name),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^cop_`))),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("organization"), knownvalue.ObjectExact(map[string]knownvalue.Check{
						"show_as_button":             knownvalue.StringExact("required"),
						"assign_membership_on_login": knownvalue.StringExact("optional"),
					})),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("strategy_overrides"), knownvalue.Null()),
				},
				Check: resource.ComposeTestCheckFunc(
					acctest.CaptureID(addr, &id),
					func(s *terraform.State) error {
						return expectOnServer(env, &id, `["scim","universal_logout"]`, "null")(s)
					},
				),
			},
			{
				Config:           created(env, name),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				Config: updated(env, name),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("name"), knownvalue.StringExact(name+"-updated")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("strategy_overrides").AtMapKey("okta").AtMapKey("enabled_features"),
						knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("universal_logout")})),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("strategy_overrides").AtMapKey("google_apps").AtMapKey("enabled_features"), knownvalue.Null()),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("strategy_overrides").AtMapKey("ad"), knownvalue.Null()),
				},
				Check: func(s *terraform.State) error {
					return expectOnServer(env, &id, `["scim"]`, `{"google-apps":{},"okta":{"enabled_features":["universal_logout"]}}`)(s)
				},
			},
			{
				Config:           updated(env, name),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				ResourceName:      addr,
				ImportState:       true,
				ImportStateVerify: true,
			},
			{
				// Changed outside Terraform: the plan shows it, the apply
				// restores the configuration.
				PreConfig: func() {
					features := []string{"universal_logout"}
					if _, err := env.Client.UpdateConnectionProfile(context.Background(), id, auth0api.ProfileBody{
						Name: "renamed-elsewhere", EnabledFeatures: &features,
					}); err != nil {
						t.Fatal(err)
					}
				},
				Config: updated(env, name),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("name"), knownvalue.StringExact(name+"-updated")),
				},
				Check: func(s *terraform.State) error {
					return expectOnServer(env, &id, `["scim"]`, `{"google-apps":{},"okta":{"enabled_features":["universal_logout"]}}`)(s)
				},
			},
			{
				// Settings dropped from the configuration are reset.
				Config: env.Config(fmt.Sprintf("resource \"auth0_connection_profile\" \"test\" {\n  name = %q\n}\n", name)),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("organization"), knownvalue.Null()),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("enabled_features"), knownvalue.Null()),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("connection_name_prefix_template"), knownvalue.Null()),
				},
				Check: func(s *terraform.State) error { return expectOnServer(env, &id, "null", "null")(s) },
			},
			{
				Config:           env.Config(fmt.Sprintf("resource \"auth0_connection_profile\" \"test\" {\n  name = %q\n}\n", name)),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
		},
	})
}

// Deleted outside Terraform: removed from state, then created again.
func TestAccConnectionProfile_deletedOutOfBand(t *testing.T) {
	env := acctest.New(t)
	name := acctest.Name(t)
	var id string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             checkDestroyed(env),
		Steps: []resource.TestStep{
			{Config: created(env, name), Check: acctest.CaptureID(addr, &id)},
			{
				PreConfig: func() {
					if err := env.Client.DeleteConnectionProfile(context.Background(), id); err != nil {
						t.Fatal(err)
					}
				},
				Config: created(env, name),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate)},
				},
			},
		},
	})
}

// Values the API does not accept are refused at plan time, naming the
// attribute.
func TestAccConnectionProfile_badValues(t *testing.T) {
	env := acctest.New(t)
	for name, tc := range map[string]struct{ hcl, want string }{
		"feature": {`enabled_features = ["sso"]`, `(?s)enabled_features.*value must\s+be one of`},
		"setting": {`organization = { show_as_button = "always" }`, `(?s)organization.show_as_button.*value must\s+be one of`},
		"override feature": {`strategy_overrides = { okta = { enabled_features = ["sso"] } }`,
			`(?s)strategy_overrides.okta.enabled_features.*value must\s+be one of`},
	} {
		t.Run(name, func(t *testing.T) {
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProviderFactories,
				Steps: []resource.TestStep{{
					Config:      env.Config("resource \"auth0_connection_profile\" \"test\" {\n  name = \"p\"\n  " + tc.hcl + "\n}\n"),
					PlanOnly:    true,
					ExpectError: regexp.MustCompile(tc.want),
				}},
			})
		})
	}
}

// The resource identity (Terraform 1.12 and later), and an import block by
// identity.
func TestAccConnectionProfile_identity(t *testing.T) {
	env := acctest.New(t)
	name := acctest.Name(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
		CheckDestroy:             checkDestroyed(env),
		Steps: []resource.TestStep{
			{
				Config: created(env, name),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectIdentityValueMatchesState(addr, tfjsonpath.New("id")),
				},
			},
			{ResourceName: addr, ImportState: true, ImportStateKind: resource.ImportBlockWithResourceIdentity},
		},
	})
}

// Empty values stay as configured: an empty set is not null, nor an empty
// strategy_overrides a missing one.
func TestAccConnectionProfile_emptyValues(t *testing.T) {
	env := acctest.New(t)
	name := acctest.Name(t)
	hcl := env.Config(fmt.Sprintf(`
resource "auth0_connection_profile" "test" {
  name             = %q
  enabled_features = []
  organization     = {}
  strategy_overrides = {
    oidc = { enabled_features = [] }
  }
}
`, name))
	empty := resource.TestStep{
		Config: hcl,
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("enabled_features"), knownvalue.SetSizeExact(0)),
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("organization").AtMapKey("show_as_button"), knownvalue.Null()),
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("strategy_overrides").AtMapKey("oidc").AtMapKey("enabled_features"), knownvalue.SetSizeExact(0)),
		},
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             checkDestroyed(env),
		Steps: []resource.TestStep{
			empty,
			{Config: hcl, ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}},
			{
				Config: env.Config(fmt.Sprintf("resource \"auth0_connection_profile\" \"test\" {\n  name = %q\n  strategy_overrides = {}\n}\n", name)),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("strategy_overrides").AtMapKey("oidc"), knownvalue.Null()),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("enabled_features"), knownvalue.Null()),
				},
			},
		},
	})
}
