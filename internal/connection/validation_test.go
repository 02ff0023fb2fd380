package connection_test

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/seedtf/terraform-provider-auth0/internal/acctest"
)

// Every validator rejects bad input at plan time, naming the attribute,
// before anything reaches Auth0.
func TestAccConnection_validation(t *testing.T) {
	env := acctest.New(t)
	name := acctest.Name(t)

	manyKeys := make([]string, 11)
	for i := range manyKeys {
		manyKeys[i] = fmt.Sprintf("k%d = \"v\"", i)
	}
	cases := []struct {
		name, body string
		want       string
	}{
		{"name too long", `name = "` + strings.Repeat("a", 129) + `"` + "\n strategy = \"auth0\"", `Attribute name UTF-8 character count must be between 1 and 128`},
		{"name with double hyphen", `name = "bad--name"` + "\n strategy = \"auth0\"", `Attribute name must contain only letters`},
		{"name with leading hyphen", `name = "-bad"` + "\n strategy = \"auth0\"", `Attribute name must contain only letters`},
		{"name with space", `name = "bad name"` + "\n strategy = \"auth0\"", `Attribute name must contain only letters`},
		{"unknown strategy", fmt.Sprintf("name = %q\n strategy = \"myidp\"", name), `Attribute strategy value must be one of`},
		{"strategy is case-sensitive", fmt.Sprintf("name = %q\n strategy = \"Auth0\"", name), `Attribute strategy value must be one of`},
		{"display_name too long", fmt.Sprintf("name = %q\n strategy = \"auth0\"\n display_name = %q", name, strings.Repeat("d", 129)), `Attribute display_name UTF-8 character count must be at most 128`},
		{"too many metadata keys", fmt.Sprintf("name = %q\n strategy = \"auth0\"\n metadata = { %s }", name, strings.Join(manyKeys, ", ")), `Attribute metadata map must contain at most 10 elements`},
		{"metadata value too long", fmt.Sprintf("name = %q\n strategy = \"auth0\"\n metadata = { k = %q }", name, strings.Repeat("m", 256)), `(?s)Attribute metadata\["k"\] UTF-8 character count must be at most 255`},
		{"empty realms", fmt.Sprintf("name = %q\n strategy = \"auth0\"\n realms = []", name), `Attribute realms list must contain at least 1 elements`},
		{"empty realm", fmt.Sprintf("name = %q\n strategy = \"auth0\"\n realms = [\"\"]", name), `Attribute realms\[0\] UTF-8 character count must be at least 1`},
		{"authentication without active", fmt.Sprintf("name = %q\n strategy = \"auth0\"\n authentication = {}", name), `(?s)Incorrect attribute value type.*active.*required`},
		{"options not an object", fmt.Sprintf("name = %q\n strategy = \"auth0\"\n options = \"x\"", name), `(?s)Invalid Options.*options must be an object`},
		{"options a list", fmt.Sprintf("name = %q\n strategy = \"auth0\"\n options = [1]", name), `(?s)Invalid Options.*options must be an object`},
		// Typed option keys, checked against the API's schema.
		{"option enum", fmt.Sprintf("name = %q\n strategy = \"auth0\"\n options = { passwordPolicy = \"weird\" }", name),
			`(?s)Invalid Option Value.*options\.passwordPolicy must be one of "none", "low", "fair", "good",\s+"excellent" or null, got "weird"`},
		{"option nested required", fmt.Sprintf("name = %q\n strategy = \"auth0\"\n options = { validation = { username = { min = 1 } } }", name),
			`(?s)Invalid Option Value.*options\.validation\.username\.max is required`},
		{"option type", fmt.Sprintf("name = %q\n strategy = \"auth0\"\n options = { password_history = { enable = \"yes\", size = 5 } }", name),
			`(?s)Invalid Option Value.*options\.password_history\.enable must be a boolean`},
		{"option bound", fmt.Sprintf("name = %q\n strategy = \"auth0\"\n options = { password_history = { enable = true, size = 30 } }", name),
			`(?s)Invalid Option Value.*options\.password_history\.size must be at most 24, got 30`},
		{"option array items", fmt.Sprintf("name = %q\n strategy = \"auth0\"\n options = { precedence = [\"email\", \"phone_number\", \"nickname\"] }", name),
			`(?s)Invalid Option Value.*options\.precedence\[2\] must be one of`},
		{"option in sensitive_options, value not quoted", fmt.Sprintf("name = %q\n strategy = \"auth0\"\n sensitive_options = { passwordPolicy = \"top-secret-value\" }", name),
			`(?s)Error: Invalid Option Value.*line \d+.*sensitive_options = .*options\.passwordPolicy must be one of "none", "low", "fair", "good",\s+"excellent" or null\. See`},
		// Typed keys of the strategy, from its table (internal/strategyschema).
		{"strategy option type", fmt.Sprintf("name = %q\n strategy = \"auth0\"\n options = { brute_force_protection = \"yes\" }", name),
			flex(`Invalid Option Value.*options\.brute_force_protection must be a boolean, got a string, for auth0 connections`)},
		{"strategy option enum", fmt.Sprintf("name = %q\n strategy = \"oidc\"\n options = { client_id = \"x\", type = \"sideways\" }", name),
			flex(`Invalid Option Value.*options\.type must be one of "back_channel" or "front_channel", got "sideways", for oidc connections`)},
		{"strategy option nested", fmt.Sprintf("name = %q\n strategy = \"sms\"\n options = { totp = { length = \"six\" } }", name),
			flex(`Invalid Option Value.*options\.totp\.length must be a number, got a string, for sms connections`)},
		{"strategy option in sensitive_options, value not quoted", fmt.Sprintf("name = %q\n strategy = \"apple\"\n sensitive_options = { app_secret = true }\n sensitive_options_version = \"1\"", name),
			flex(`Error: Invalid Option Value.*sensitive_options = .*options\.app_secret must be a string, for apple connections\.`)},
	}
	steps := make([]resource.TestStep, 0, len(cases))
	for _, c := range cases {
		steps = append(steps, resource.TestStep{
			Config:      env.Config("resource \"auth0_connection\" \"test\" {\n " + c.body + "\n}\n"),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(c.want),
		})
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps:                    steps,
	})

	// Nothing reached Auth0.
	if found, err := env.Client.FindConnectionByName(context.Background(), name); err != nil || found != nil {
		t.Fatalf("a rejected configuration created a connection: %v %v", found, err)
	}
	if env.Emulator != nil {
		if posts := env.Requests("POST", "/api/v2/connections"); len(posts) != 0 {
			t.Fatalf("a rejected configuration sent %d POSTs", len(posts))
		}
	}
}

// Values not known until apply are not checked at plan time.
func TestAccConnection_optionValidationWaitsForUnknownValues(t *testing.T) {
	env := acctest.New(t)
	name := acctest.Name(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             env.CheckDestroyed,
		Steps: []resource.TestStep{{
			Config: env.Config(fmt.Sprintf(`
resource "terraform_data" "policy" {
  input = "excellent"
}

resource "auth0_connection" "test" {
  name     = %q
  strategy = "auth0"
  options  = { passwordPolicy = terraform_data.policy.output }
}
`, name)),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("options").AtMapKey("passwordPolicy"), knownvalue.StringExact("excellent")),
			},
		}},
	})
}

// flex makes a pattern of words match across the line breaks Terraform puts
// in long messages.
func flex(pattern string) string {
	return "(?s)" + strings.ReplaceAll(pattern, " ", `\s+`)
}

// Limits count characters, as Auth0 does: 128 "é" (256 bytes) or 128
// Japanese characters are a valid display_name, and 255 of them a valid
// metadata value.
func TestAccConnection_limitsCountCharacters(t *testing.T) {
	env := acctest.New(t)
	name := acctest.Name(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: env.Config(fmt.Sprintf(`
resource "auth0_connection" "test" {
  name         = %q
  strategy     = "auth0"
  display_name = %q
  metadata     = { a = %q, b = %q }
}
`, name, strings.Repeat("é", 128), strings.Repeat("日", 255), strings.Repeat("é", 255))),
			PlanOnly:           true,
			ExpectNonEmptyPlan: true,
		}},
	})
}
