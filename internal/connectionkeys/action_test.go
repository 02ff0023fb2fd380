package connectionkeys_test

import (
	"os"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/seedtf/terraform-provider-auth0/internal/acctest"
)

// The documented action example: the action rotates once each time the
// terraform_data it hangs off is updated, and not on create. Actions need
// Terraform 1.14: CI runs this in its Terraform 1.16 pass (make test-tf116)
// and the Terraform 1.11 and OpenTofu passes skip it.
func TestAccConnectionKeysRotateAction(t *testing.T) {
	env := acctest.New(t)
	env.RequireEmulator(t) // the example's connection name is fixed
	example, err := os.ReadFile("../../examples/actions/auth0_connection_keys_rotate/action.tf")
	if err != nil {
		t.Fatal(err)
	}
	var id string
	var before []string
	rotations := func() int {
		return len(env.Requests("POST", "/api/v2/connections/"+id+"/keys/rotate"))
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_14_0)},
		CheckDestroy:             env.CheckDestroyed,
		Steps: []resource.TestStep{
			{
				Config:          env.Config(string(example)),
				ConfigVariables: config.Variables{"rotation_date": config.StringVariable("2026-12")},
				Check: func(s *terraform.State) error {
					if err := acctest.CaptureID("auth0_connection.partner", &id)(s); err != nil {
						return err
					}
					if n := rotations(); n != 0 {
						t.Errorf("creating rotated the keys %d times, want none", n)
					}
					before = serverKids(t, env, id)
					return nil
				},
			},
			{
				Config:          env.Config(string(example)),
				ConfigVariables: config.Variables{"rotation_date": config.StringVariable("2027-01")},
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("terraform_data.key_rotation", plancheck.ResourceActionUpdate),
				}},
				Check: func(*terraform.State) error {
					if n := rotations(); n != 1 {
						t.Errorf("the action rotated %d times, want once", n)
					}
					after := serverKids(t, env, id)
					if len(after) != 3 || after[0] != before[1] || after[1] != before[0] {
						t.Errorf("keys %v after the action, want the next key %s current and the current %s previous", after, before[1], before[0])
					}
					return nil
				},
			},
		},
	})
}

// Invoked on a connection that does not exist, the action fails with a
// clear error.
func TestAccConnectionKeysRotateAction_unknownConnection(t *testing.T) {
	env := acctest.New(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_14_0)},
		Steps: []resource.TestStep{{
			Config: env.Config(`
action "auth0_connection_keys_rotate" "gone" {
  config {
    connection_id = "con_0000000000000000"
  }
}

resource "terraform_data" "trigger" {
  input = "x"
  lifecycle {
    action_trigger {
      events  = [after_create]
      actions = [action.auth0_connection_keys_rotate.gone]
    }
  }
}
`),
			ExpectError: regexp.MustCompile(`Connection Not Found`),
		}},
	})
}
