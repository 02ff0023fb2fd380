package connection_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/seedtf/terraform-provider-auth0/internal/acctest"
)

// A provider block that cannot work fails the plan with an error naming the
// setting, before any request.
func TestAccProvider_configurationErrors(t *testing.T) {
	acctest.New(t) // own CLI configuration
	resourceBlock := `
resource "auth0_connection" "test" {
  name     = "never-created"
  strategy = "auth0"
}
`
	cases := map[string]struct{ provider, want string }{
		"plain http to a remote host": {`domain = "http://tenant.example.com"
  api_token = "t"`, `(?s)Invalid Auth0 Domain.*plain http.*loopback`},
		"secret without id": {`domain = "tenant.example.com"
  client_secret = "s"`, `(?s)Missing Auth0 Client ID.*AUTH0_CLIENT_ID`},
		"no credentials": {`domain = "tenant.example.com"`, `(?s)Missing Auth0 Credentials.*AUTH0_API_TOKEN`},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			for _, v := range []string{"AUTH0_DOMAIN", "AUTH0_CLIENT_ID", "AUTH0_CLIENT_SECRET", "AUTH0_API_TOKEN"} {
				t.Setenv(v, "")
			}
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProviderFactories,
				Steps: []resource.TestStep{{
					Config:      fmt.Sprintf("provider \"auth0\" {\n  %s\n}\n%s", c.provider, resourceBlock),
					PlanOnly:    true,
					ExpectError: regexp.MustCompile(c.want),
				}},
			})
		})
	}
}
