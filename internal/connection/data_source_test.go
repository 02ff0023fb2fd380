package connection_test

import (
	"fmt"
	"net/url"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/seedtf/terraform-provider-auth0/internal/acctest"
	"github.com/seedtf/terraform-provider-auth0/internal/auth0api"
	"github.com/seedtf/terraform-provider-auth0/internal/connection"
)

// The list data source pages through 250 connections and filters them.
func TestAccConnectionsDataSource(t *testing.T) {
	env := acctest.New(t)
	env.RequireEmulator(t) // creates 250 connections
	prefix := acctest.Name(t)
	counts := map[string]int{"auth0": 150, "github": 50, "samlp": 50}
	for strategy, n := range counts {
		for i := range n {
			name := fmt.Sprintf("%s-%s-%d", prefix, strategy, i)
			env.Create(t, &auth0api.Connection{Name: &name, Strategy: &strategy})
		}
	}
	samlName := prefix + "-samlp-7"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: env.Config(fmt.Sprintf(`
data "auth0_connections" "all" {}

data "auth0_connections" "github" {
  strategy = ["github"]
}

data "auth0_connections" "social_and_saml" {
  strategy = ["github", "samlp"]
}

data "auth0_connections" "one" {
  name = %q
}
`, samlName)),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.auth0_connections.all", tfjsonpath.New("connections"), knownvalue.ListSizeExact(250)),
				statecheck.ExpectKnownValue("data.auth0_connections.github", tfjsonpath.New("connections"), knownvalue.ListSizeExact(50)),
				statecheck.ExpectKnownValue("data.auth0_connections.social_and_saml", tfjsonpath.New("connections"), knownvalue.ListSizeExact(100)),
				statecheck.ExpectKnownValue("data.auth0_connections.one", tfjsonpath.New("connections"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"name":                 knownvalue.StringExact(samlName),
						"strategy":             knownvalue.StringExact("samlp"),
						"realms":               knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact(samlName)}),
						"is_domain_connection": knownvalue.Bool(false),
						"id":                   knownvalue.StringRegexp(regexp.MustCompile(`^con_`)),
					}),
				})),
			},
		}},
	})
}

// The single data source looks a connection up by name (one filtered call)
// or by id, exposes everything but secrets, and wants exactly one of them.
func TestAccConnectionDataSource(t *testing.T) {
	env := acctest.New(t)
	name := acctest.Name(t)
	strategy := "google-oauth2"
	created := env.Create(t, &auth0api.Connection{Name: &name, Strategy: &strategy,
		Options: []byte(`{"client_id":"abc","client_secret":"server-secret","email":true}`)})
	// The answer to a GET of a social connection leaves enabled_clients out
	// on a current tenant: the data source asks for them.
	app := env.CreateApplications(t, 1)[0]
	if err := env.Client.UpdateEnabledClients(t.Context(), created.ID, []auth0api.ClientStatus{{ClientID: app, Status: true}}); err != nil {
		t.Fatal(err)
	}

	byName := fmt.Sprintf("data \"auth0_connection\" \"test\" {\n  name = %q\n}\n", name)
	byID := fmt.Sprintf("data \"auth0_connection\" \"test\" {\n  id = %q\n}\n", created.ID)
	checks := []statecheck.StateCheck{
		statecheck.ExpectKnownValue("data.auth0_connection.test", tfjsonpath.New("id"), knownvalue.StringExact(created.ID)),
		statecheck.ExpectKnownValue("data.auth0_connection.test", tfjsonpath.New("name"), knownvalue.StringExact(name)),
		statecheck.ExpectKnownValue("data.auth0_connection.test", tfjsonpath.New("strategy"), knownvalue.StringExact(strategy)),
		statecheck.ExpectKnownValue("data.auth0_connection.test", tfjsonpath.New("enabled_clients"), knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact(app)})),
		statecheck.ExpectKnownValue("data.auth0_connection.test", tfjsonpath.New("options").AtMapKey("client_id"), knownvalue.StringExact("abc")),
		statecheck.ExpectKnownValue("data.auth0_connection.test", tfjsonpath.New("options").AtMapKey("email"), knownvalue.Bool(true)),
		acctest.ExpectNoKey("data.auth0_connection.test", "options", "client_secret"),
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				PreConfig:         func() { env.Emulator.ResetRequests() },
				Config:            env.Config(byName),
				ConfigStateChecks: checks,
				Check: func(*terraform.State) error {
					env.RequireEmulator(t)
					for _, r := range env.Emulator.Requests() {
						q, _ := url.ParseQuery(r.RawQuery)
						if r.Path != "/api/v2/connections" || q.Get("name") != name {
							return fmt.Errorf("a lookup by name made the call %s %s?%s", r.Method, r.Path, r.RawQuery)
						}
					}
					return nil
				},
			},
			{Config: env.Config(byID), ConfigStateChecks: checks},
			{
				Config:      env.Config(fmt.Sprintf("data \"auth0_connection\" \"test\" {\n  id = %q\n  name = %q\n}\n", created.ID, name)),
				ExpectError: regexp.MustCompile(`(?s)Invalid Attribute Combination.*\[id,name\]|(?s)Invalid Attribute Combination.*id.*name`),
			},
			{
				Config:      env.Config("data \"auth0_connection\" \"test\" {}\n"),
				ExpectError: regexp.MustCompile(`(?s)Invalid Attribute Combination`),
			},
			{
				Config:      env.Config("data \"auth0_connection\" \"test\" {\n  name = \"no-such-connection-here\"\n}\n"),
				ExpectError: regexp.MustCompile(`(?s)Connection Not Found.*no connection named "no-such-connection-here"`),
			},
		},
	})
}

// Whatever options a data source returns could hold a secret Auth0 adds
// under a key the provider does not know yet: they are Sensitive, so no
// plan or plain output shows them.
func TestDataSourceOptionsAreSensitive(t *testing.T) {
	for name, ds := range map[string]datasource.DataSource{
		"auth0_connection": connection.NewDataSource(), "auth0_connections": connection.NewListDataSource(),
	} {
		var resp datasource.SchemaResponse
		ds.Schema(t.Context(), datasource.SchemaRequest{}, &resp)
		found := 0
		var walk func(attrs map[string]dsschema.Attribute, at string)
		walk = func(attrs map[string]dsschema.Attribute, at string) {
			for k, a := range attrs {
				if k == "options" {
					found++
					if !a.IsSensitive() {
						t.Errorf("%s: %s%s is not Sensitive", name, at, k)
					}
				}
				if n, ok := a.(dsschema.ListNestedAttribute); ok {
					walk(n.NestedObject.Attributes, at+k+"[*].")
				}
			}
		}
		walk(resp.Schema.Attributes, "")
		if want := map[string]int{"auth0_connection": 1}[name]; found != want {
			t.Errorf("%s has %d options attributes, want %d (a new one must be Sensitive too)", name, found, want)
		}
	}
}

// A plain output of a data source's options is refused: Terraform asks for
// sensitive = true (or nonsensitive()), so no secret is printed by mistake.
func TestAccConnectionDataSourcePlainOutput(t *testing.T) {
	env := acctest.New(t)
	name := acctest.Name(t)
	strategy := "apple"
	env.Create(t, &auth0api.Connection{Name: &name, Strategy: &strategy,
		Options: []byte(`{"client_id":"apple-id","app_secret":"apple-server-secret","team_id":"team","kid":"kid"}`)})
	data := fmt.Sprintf("data \"auth0_connection\" \"test\" {\n  name = %q\n}\n", name)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      env.Config(data + "output \"options\" {\n  value = data.auth0_connection.test.options\n}\n"),
				ExpectError: regexp.MustCompile(`(?s)Output refers to sensitive values`),
			},
			{
				Config: env.Config(data + "output \"options\" {\n  value     = data.auth0_connection.test.options\n  sensitive = true\n}\n"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.auth0_connection.test", tfjsonpath.New("options").AtMapKey("team_id"), knownvalue.StringExact("team")),
					acctest.ExpectNoKey("data.auth0_connection.test", "options", "app_secret"),
				},
			},
		},
	})
}
