package connection_test

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

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
		{"name too long", `name = "` + strings.Repeat("a", 129) + `"` + "\n strategy = \"auth0\"", `Attribute name string length must be between 1 and 128`},
		{"name with double hyphen", `name = "bad--name"` + "\n strategy = \"auth0\"", `Attribute name must contain only letters`},
		{"name with leading hyphen", `name = "-bad"` + "\n strategy = \"auth0\"", `Attribute name must contain only letters`},
		{"name with space", `name = "bad name"` + "\n strategy = \"auth0\"", `Attribute name must contain only letters`},
		{"unknown strategy", fmt.Sprintf("name = %q\n strategy = \"myidp\"", name), `Attribute strategy value must be one of`},
		{"strategy is case-sensitive", fmt.Sprintf("name = %q\n strategy = \"Auth0\"", name), `Attribute strategy value must be one of`},
		{"display_name too long", fmt.Sprintf("name = %q\n strategy = \"auth0\"\n display_name = %q", name, strings.Repeat("d", 129)), `Attribute display_name string length must be at most 128`},
		{"too many metadata keys", fmt.Sprintf("name = %q\n strategy = \"auth0\"\n metadata = { %s }", name, strings.Join(manyKeys, ", ")), `Attribute metadata map must contain at most 10 elements`},
		{"metadata value too long", fmt.Sprintf("name = %q\n strategy = \"auth0\"\n metadata = { k = %q }", name, strings.Repeat("m", 256)), `(?s)Attribute metadata\["k"\] string length must be at most 255`},
		{"empty realms", fmt.Sprintf("name = %q\n strategy = \"auth0\"\n realms = []", name), `Attribute realms list must contain at least 1 elements`},
		{"empty realm", fmt.Sprintf("name = %q\n strategy = \"auth0\"\n realms = [\"\"]", name), `Attribute realms\[0\] string length must be at least 1`},
		{"authentication without active", fmt.Sprintf("name = %q\n strategy = \"auth0\"\n authentication = {}", name), `(?s)Incorrect attribute value type.*active.*required`},
		{"options not an object", fmt.Sprintf("name = %q\n strategy = \"auth0\"\n options = \"x\"", name), `(?s)Invalid Options.*options must be an object`},
		{"options a list", fmt.Sprintf("name = %q\n strategy = \"auth0\"\n options = [1]", name), `(?s)Invalid Options.*options must be an object`},
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
