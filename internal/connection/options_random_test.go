package connection_test

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/seedtf/terraform-provider-auth0/internal/acctest"
	"github.com/seedtf/terraform-provider-auth0/internal/auth0api"
)

// A randomized acceptance test of the options rules (the model-based test
// of package options, with real Terraform against the emulator): seeded
// sequences of configuration edits (objects, map(string) variables, nested
// maps, removals, `{}`, options left out), changes made outside Terraform
// and imports into the configuration. After each apply, Terraform's own
// check asserts that the next plan is empty, and the test that a key added
// outside Terraform, which no configuration names, survives.
func TestAccConnectionOptions_randomized(t *testing.T) {
	for seed := range uint64(20) {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			randomOptionsSequence(t, seed)
		})
	}
}

func randomOptionsSequence(t *testing.T, seed uint64) {
	env := acctest.New(t)
	name := acctest.Name(t)
	r := rand.New(rand.NewPCG(seed, 0xacc))
	var id string
	unmanagedAdded := false

	var steps []resource.TestStep
	if r.IntN(3) == 0 {
		// The connection exists first; terraform import brings it next to
		// the configuration.
		strategy := "auth0"
		raw, _ := json.Marshal(map[string]any{"passwordPolicy": "fair", "disable_signup": false, "z_outside": "kept"})
		unmanagedAdded = true
		id = env.Create(t, &auth0api.Connection{Name: &name, Strategy: &strategy, Options: raw}).ID
		steps = append(steps, resource.TestStep{
			Config: env.Config(optionsConfig(name, randomHCLOptions(r), false)), ResourceName: addr, ImportState: true,
			ImportStatePersist: true, ImportStateId: id,
		})
	}
	for i := range 6 {
		opts := randomHCLOptions(r)
		step := resource.TestStep{Config: env.Config(optionsConfig(name, opts, r.IntN(2) == 0))}
		checks := []resource.TestCheckFunc{}
		switch {
		case i == 0 && id == "":
			checks = append(checks, acctest.CaptureID(addr, &id))
		case r.IntN(2) == 0:
			edit := r.IntN(3)
			step.PreConfig = func() {
				env.EditOptions(t, id, func(o map[string]any) {
					switch edit {
					case 0:
						o["z_outside"] = "kept"
						unmanagedAdded = true
					case 1:
						delete(o, "passwordPolicy")
					default:
						o["disable_signup"] = true
					}
				})
			}
		}
		step.Check = resource.ComposeTestCheckFunc(append(checks, func(*terraform.State) error {
			if !unmanagedAdded {
				return nil
			}
			if got := env.ServerOptions(t, id)["z_outside"]; got != "kept" {
				return fmt.Errorf("seed %d: the unmanaged key z_outside was lost: %v", seed, got)
			}
			return nil
		})...)
		steps = append(steps, step)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             env.CheckDestroyed,
		Steps:                    steps,
	})
}

// randomHCLOptions returns options as JSON values, nil for options left out.
func randomHCLOptions(r *rand.Rand) map[string]any {
	switch r.IntN(8) {
	case 0:
		return nil
	case 1:
		return map[string]any{}
	}
	o := map[string]any{}
	if r.IntN(2) == 0 {
		o["passwordPolicy"] = []string{"none", "low", "fair", "good", "excellent"}[r.IntN(5)]
	}
	if r.IntN(2) == 0 {
		o["disable_signup"] = r.IntN(2) == 0
	}
	if r.IntN(2) == 0 {
		o["brute_force_protection"] = r.IntN(2) == 0
	}
	if r.IntN(2) == 0 {
		h := map[string]any{"enable": r.IntN(2) == 0}
		if r.IntN(2) == 0 {
			h["size"] = 1 + r.IntN(5)
		}
		o["password_history"] = h
	}
	if r.IntN(3) == 0 {
		o["non_persistent_attrs"] = []any{"gender", "hair_color"}[:1+r.IntN(2)]
	}
	if r.IntN(3) == 0 {
		o["upstream_params"] = map[string]any{"screen_name": map[string]any{"alias": "login_hint"}}
	}
	return o
}

// optionsConfig writes the resource, its options as an object literal, or
// through a map(string) variable when every value is a string and asMap.
func optionsConfig(name string, opts map[string]any, asMap bool) string {
	if opts == nil {
		return fmt.Sprintf("resource \"auth0_connection\" \"test\" {\n  name     = %q\n  strategy = \"auth0\"\n}\n", name)
	}
	allStrings := len(opts) > 0
	for _, v := range opts {
		if _, ok := v.(string); !ok {
			allStrings = false
		}
	}
	if asMap && allStrings {
		return fmt.Sprintf(`
variable "opts" {
  type    = map(string)
  default = %s
}

resource "auth0_connection" "test" {
  name     = %q
  strategy = "auth0"
  options  = var.opts
}
`, hcl(opts), name)
	}
	return fmt.Sprintf("resource \"auth0_connection\" \"test\" {\n  name     = %q\n  strategy = \"auth0\"\n  options  = %s\n}\n", name, hcl(opts))
}

// hcl writes a JSON value as an HCL literal.
func hcl(v any) string {
	switch v := v.(type) {
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		parts := make([]string, len(keys))
		for i, k := range keys {
			parts[i] = k + " = " + hcl(v[k])
		}
		return "{ " + strings.Join(parts, ", ") + " }"
	case []any:
		parts := make([]string, len(v))
		for i := range v {
			parts[i] = hcl(v[i])
		}
		return "[" + strings.Join(parts, ", ") + "]"
	default:
		b, _ := json.Marshal(v)
		return string(b)
	}
}
