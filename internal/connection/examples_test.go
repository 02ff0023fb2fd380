package connection_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/seedtf/terraform-provider-auth0/internal/acctest"
)

var variablePattern = regexp.MustCompile(`(?m)^variable "([^"]+)"`)

// The documented examples apply, then plan empty, then destroy cleanly.
func TestAccConnection_examples(t *testing.T) {
	files, err := filepath.Glob("../../examples/resources/auth0_connection/*.tf")
	if err != nil {
		t.Fatal(err)
	}
	strategies, err := filepath.Glob("../../examples/resources/auth0_connection/strategies/*.tf")
	if err != nil {
		t.Fatal(err)
	}
	guides, err := filepath.Glob("../../examples/guides/*/*.tf")
	if err != nil {
		t.Fatal(err)
	}
	files = append(append(files, strategies...), guides...)
	if len(strategies) < 7 {
		t.Fatalf("expected examples for at least 7 strategies, found %v", strategies)
	}
	for _, file := range files {
		if filepath.Base(file) == "import-by-string-id.tf" {
			continue // imports an id that exists only in the reader's tenant
		}
		t.Run(strings.TrimPrefix(file, "../../examples/"), func(t *testing.T) {
			env := acctest.New(t)
			// The examples use fixed names, which may exist in a real tenant.
			env.RequireEmulator(t)
			example, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			// Variables (secrets, in the guides) get a test value each.
			variables := config.Variables{}
			for _, m := range variablePattern.FindAllStringSubmatch(string(example), -1) {
				variables[m[1]] = config.StringVariable("test-value-of-" + m[1])
			}
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProviderFactories,
				CheckDestroy:             env.CheckDestroyed,
				Steps: []resource.TestStep{{
					Config:          env.Config(string(example)),
					ConfigVariables: variables,
				}},
			})
		})
	}
}
