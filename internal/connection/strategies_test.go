package connection_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/seedtf/terraform-provider-auth0/internal/acctest"
	"github.com/seedtf/terraform-provider-auth0/internal/auth0api"
)

// strategyOptions are typical options of each strategy, as in Auth0's own
// recorded requests. Social strategies derive `scope` from their boolean
// options, so these set the booleans.
var strategyOptions = map[string]string{
	"auth0": `{
    passwordPolicy         = "excellent"
    brute_force_protection = true
    password_complexity_options = { min_length = 12 }
  }`,
	"google-oauth2": `{
    client_id         = "1234567890-abc.apps.googleusercontent.com"
    allowed_audiences = ["example.com", "api.example.com"]
    email             = true
    profile           = true
  }`,
	"github": `{
    client_id = "gh-client-id"
    email     = true
    read_user = true
  }`,
	"facebook": `{
    client_id      = "fb-client-id"
    email          = true
    public_profile = true
  }`,
	"samlp": `{
    signInEndpoint     = "https://saml.example.com/sso"
    signOutEndpoint    = "https://saml.example.com/slo"
    signatureAlgorithm = "rsa-sha256"
    digestAlgorithm    = "sha256"
    protocolBinding    = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST"
    fieldsMap          = { email = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress" }
  }`,
	"oidc": `{
    client_id              = "oidc-client-id"
    issuer                 = "https://idp.example.com/"
    authorization_endpoint = "https://idp.example.com/authorize"
    token_endpoint         = "https://idp.example.com/oauth/token"
    jwks_uri               = "https://idp.example.com/.well-known/jwks.json"
    type                   = "front_channel"
    scope                  = "openid profile email"
  }`,
	"waad": `{
    client_id      = "waad-client-id"
    tenant_domain  = "example.onmicrosoft.com"
    domain_aliases = ["example.com"]
    waad_protocol  = "openid-connect"
    use_wsfed      = false
  }`,
	"sms": `{
    name     = "sms"
    from     = "+15555550100"
    syntax   = "md_with_macros"
    template = "Your code is @@password@@"
    totp     = { time_step = 300, length = 6 }
  }`,
	// The message sits under email, as TestAccConnectionEmail.yaml shows.
	"email": `{
    name = "email"
    email = {
      from    = "Acme <no-reply@example.com>"
      subject = "Your sign-in link"
      syntax  = "liquid"
      body    = "<html><body>{{ code }}</body></html>"
    }
    disable_signup = false
    totp           = { time_step = 900, length = 6 }
  }`,
	"okta": `{
    client_id = "okta-client-id"
    domain    = "example.okta.com"
    scope     = "openid email profile"
  }`,
	"apple": `{
    client_id = "com.example.signin"
    team_id   = "TEAMID1234"
    kid       = "KEYID12345"
    email     = true
    name      = true
  }`,
}

// Each strategy creates, plans empty, and imports to the same state.
func TestAccConnection_strategies(t *testing.T) {
	for strategy, opts := range strategyOptions {
		t.Run(strategy, func(t *testing.T) {
			env := acctest.New(t)
			name := acctest.Name(t)
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProviderFactories,
				CheckDestroy:             env.CheckDestroyed,
				Steps: []resource.TestStep{
					{
						Config: env.Config(fmt.Sprintf(`
resource "auth0_connection" "test" {
  name     = %q
  strategy = %q
  options  = %s
}
`, name, strategy, opts)),
						ConfigStateChecks: []statecheck.StateCheck{
							statecheck.ExpectKnownValue(addr, tfjsonpath.New("strategy"), knownvalue.StringExact(strategy)),
						},
					},
					{
						ResourceName:            addr,
						ImportState:             true,
						ImportStateVerify:       true,
						ImportStateVerifyIgnore: []string{"options"},
					},
				},
			})
		})
	}
}

// An import of an existing connection generates a configuration whose next
// plan is empty, for every kind of connection.
func TestAccConnection_importGeneratesConfig(t *testing.T) {
	for _, strategy := range []string{"auth0", "google-oauth2", "samlp", "sms"} {
		t.Run(strategy, func(t *testing.T) {
			env := acctest.New(t)
			name := acctest.Name(t)
			var options []byte
			if strategy == "google-oauth2" {
				options = []byte(`{"client_id":"abc","client_secret":"s3cr3t-value","allowed_audiences":["example.com"],"email":true}`)
			}
			if strategy == "samlp" {
				options = []byte(`{"signInEndpoint":"https://saml.example.com/sso","fieldsMap":{"email":"mail"},"debug":false}`)
			}
			existing := env.Create(t, &auth0api.Connection{Name: &name, Strategy: &strategy, Options: options})
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProviderFactories,
				Steps: []resource.TestStep{
					{
						Config:          env.Config(""),
						ResourceName:    "auth0_connection.imported",
						ImportState:     true,
						ImportStateKind: resource.ImportBlockWithID,
						ImportStateId:   existing.ID,
						GenerateConfig:  true,
					},
				},
			})
		})
	}
}
