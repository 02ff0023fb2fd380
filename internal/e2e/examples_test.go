package e2e

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// warningSummary matches the summary line of a warning Terraform prints.
var warningSummary = regexp.MustCompile(`(?m)^\s*│?\s*Warning: (.+)$`)

// providerWarnings are the warnings of a configuration, but for the one
// Terraform prints for the dev_overrides these tests install the provider
// with.
func providerWarnings(output string) []string {
	var out []string
	for _, m := range warningSummary.FindAllStringSubmatch(output, -1) {
		if !strings.Contains(m[1], "Provider development overrides are in effect") {
			out = append(out, strings.TrimSpace(m[1]))
		}
	}
	return out
}

// No documented example warns at plan time (an unknown option key, a secret
// in plain options, a key Auth0 derives): `terraform validate` runs the
// provider's checks of each. TestAccConnection_examples applies them.
func TestExamplesWithoutWarnings(t *testing.T) {
	r := setup(t)

	// The check sees a warning when there is one.
	w := r.workspace(`
resource "auth0_connection" "typo" {
  name     = "typo"
  strategy = "auth0"
  options  = { passwordpolicy = "good" }
}
`)
	if got := providerWarnings(w.terraform([]string{"validate", "-no-color"})); len(got) != 1 || got[0] != "Unknown Option Key" {
		t.Fatalf("a misspelled key: warnings %q, want Unknown Option Key", got)
	}

	files, err := filepath.Glob("../../examples/*/*/*.tf")
	if err != nil {
		t.Fatal(err)
	}
	strategies, err := filepath.Glob("../../examples/resources/auth0_connection/strategies/*.tf")
	if err != nil {
		t.Fatal(err)
	}
	files = append(files, strategies...)
	if len(strategies) < 15 {
		t.Fatalf("expected examples for at least 15 strategies, found %d", len(strategies))
	}
	for _, file := range files {
		if strings.HasPrefix(file, "../../examples/provider/") {
			continue // configures the provider, which the workspace does
		}
		if ok, _ := terraformAtLeast(t, r, "1.12.0"); !ok && filepath.Base(file) == "import-by-identity.tf" {
			continue // import blocks take an identity from Terraform 1.12 on
		}
		if ok, _ := terraformAtLeast(t, r, "1.14.0"); !ok && strings.HasPrefix(file, "../../examples/actions/") {
			continue // actions exist from Terraform 1.14 on
		}
		t.Run(strings.TrimPrefix(file, "../../examples/"), func(t *testing.T) {
			example, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			w := r.workspace(string(example))
			out := w.terraform([]string{"validate", "-no-color"})
			if got := providerWarnings(out); len(got) > 0 {
				t.Errorf("warnings %q:\n%s", got, out)
			}
		})
	}
}
