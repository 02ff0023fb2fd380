package connection_test

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/seedtf/terraform-provider-auth0/internal/acctest"
	"github.com/seedtf/terraform-provider-auth0/internal/auth0api"
)

var (
	variablePattern = regexp.MustCompile(`(?m)^variable "([^"]+)"`)
	lookedUpName    = regexp.MustCompile(`(?m)^\s*name\s*=\s*"([^"]+)"`)
)

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
	others, err := filepath.Glob("../../examples/*/*/*.tf")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range others {
		// Actions need Terraform 1.14: internal/connectionkeys applies their examples.
		if strings.HasPrefix(f, "../../examples/actions/") {
			continue
		}
		if !slices.Contains(files, f) && !strings.HasPrefix(f, "../../examples/resources/auth0_connection/") {
			files = append(files, f)
		}
	}
	files = append(files, strategies...)
	if len(strategies) < 15 {
		t.Fatalf("expected examples for at least 15 strategies, found %v", strategies)
	}
	for _, file := range files {
		if base := filepath.Base(file); base == "import-by-string-id.tf" || base == "import-by-identity.tf" {
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
			// Variables get a test value each; client ids, a new application's.
			variables := config.Variables{}
			for _, m := range variablePattern.FindAllStringSubmatch(string(example), -1) {
				value := "test-value-of-" + m[1]
				if strings.HasSuffix(m[1], "client_id") {
					value = env.CreateApplications(t, 1)[0]
				}
				variables[m[1]] = config.StringVariable(value)
			}
			// A data source looks up connections that must exist first.
			if strings.Contains(file, "/data-sources/") {
				for _, m := range lookedUpName.FindAllStringSubmatch(string(example), -1) {
					strategy := "auth0"
					env.Create(t, &auth0api.Connection{Name: &m[1], Strategy: &strategy})
				}
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
