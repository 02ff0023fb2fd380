package scim_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/seedtf/terraform-provider-auth0/internal/acctest"
	"github.com/seedtf/terraform-provider-auth0/internal/auth0api"
)

const tokenAddr = "auth0_connection_scim_token.test"

func tokenHCL(env *acctest.Env, name, body string) string {
	return configurationHCL(env, name, "") + fmt.Sprintf(`
resource "auth0_connection_scim_token" "test" {
  connection_id = auth0_connection_scim_configuration.test.connection_id
%s
}
`, body)
}

// tokenIDs asks the API for the ids of a connection's SCIM tokens.
func tokenIDs(env *acctest.Env, connectionID string) ([]string, error) {
	tokens, err := env.Client.SCIMTokens(context.Background(), connectionID)
	if err != nil {
		return nil, err
	}
	ids := []string{}
	for _, tok := range tokens {
		ids = append(ids, tok.TokenID)
	}
	return ids, nil
}

// checkTokensRevoked asks the API that no token of the state is left.
func checkTokensRevoked(env *acctest.Env) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		for key, rs := range s.RootModule().Resources {
			if rs.Type != "auth0_connection_scim_token" || strings.HasPrefix(key, "data.") {
				continue
			}
			ids, err := tokenIDs(env, rs.Primary.Attributes["connection_id"])
			if auth0api.IsNotFound(err) {
				continue
			}
			if err != nil {
				return err
			}
			if slices.Contains(ids, rs.Primary.Attributes["token_id"]) {
				return fmt.Errorf("SCIM token %s was not revoked", rs.Primary.Attributes["token_id"])
			}
		}
		return checkSCIMDestroyed(env)(s)
	}
}

// captureToken stores an attribute of the token resource.
func captureToken(attribute string, out *string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		rs, ok := s.RootModule().Resources[tokenAddr]
		if !ok {
			return fmt.Errorf("%s is not in state", tokenAddr)
		}
		*out = rs.Primary.Attributes[attribute]
		return nil
	}
}

// expectTokens asks the API which tokens the connection has.
func expectTokens(env *acctest.Env, connectionID *string, want ...*string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		got, err := tokenIDs(env, *connectionID)
		if err != nil {
			return err
		}
		var w []string
		for _, id := range want {
			w = append(w, *id)
		}
		slices.Sort(got)
		slices.Sort(w)
		if !slices.Equal(got, w) {
			return fmt.Errorf("the connection's SCIM tokens are %v, want %v", got, w)
		}
		return nil
	}
}

func TestAccSCIMToken_lifecycle(t *testing.T) {
	env := acctest.New(t)
	name := acctest.Name(t)
	var connID, first, second, third string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             checkTokensRevoked(env),
		Steps: []resource.TestStep{
			{
				Config: tokenHCL(env, name, `  scopes = ["get:users", "post:users"]`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(tokenAddr, tfjsonpath.New("token_id"), knownvalue.StringRegexp(regexp.MustCompile(`^tok_[A-Za-z0-9]+$`))),
					statecheck.ExpectKnownValue(tokenAddr, tfjsonpath.New("token"), knownvalue.StringRegexp(regexp.MustCompile(`^tok_[A-Za-z0-9]+\.[0-9a-f]{64}$`))),
					statecheck.ExpectKnownValue(tokenAddr, tfjsonpath.New("valid_until"), knownvalue.Null()),
					statecheck.ExpectKnownValue(tokenAddr, tfjsonpath.New("created_at"), knownvalue.NotNull()),
					statecheck.ExpectSensitiveValue(tokenAddr, tfjsonpath.New("token")),
				},
				Check: resource.ComposeTestCheckFunc(
					acctest.CaptureID("auth0_connection.test", &connID),
					captureToken("token_id", &first),
					func(s *terraform.State) error { return expectTokens(env, &connID, &first)(s) },
				),
			},
			{
				Config:           tokenHCL(env, name, `  scopes = ["post:users", "get:users"]`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				// Any change replaces the token.
				Config: tokenHCL(env, name, "  scopes = [\"get:users\"]\n  token_lifetime = 86400"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(tokenAddr, plancheck.ResourceActionDestroyBeforeCreate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(tokenAddr, tfjsonpath.New("valid_until"), knownvalue.NotNull()),
				},
				Check: resource.ComposeTestCheckFunc(
					captureToken("token_id", &second),
					func(s *terraform.State) error { return expectTokens(env, &connID, &second)(s) },
				),
			},
			{
				// The value cannot be imported; token_lifetime is derived from
				// the token's timestamps.
				ResourceName:                         tokenAddr,
				ImportState:                          true,
				ImportStateVerify:                    true,
				ImportStateVerifyIdentifierAttribute: "token_id",
				ImportStateVerifyIgnore:              []string{"token"},
				ImportStateIdFunc:                    func(*terraform.State) (string, error) { return connID + "::" + second, nil },
			},
			{
				ResourceName:  tokenAddr,
				ImportState:   true,
				ImportStateId: "tok_without_connection",
				ExpectError:   regexp.MustCompile(`Invalid Import ID`),
			},
			{
				// Revoked outside Terraform: created again.
				PreConfig: func() {
					if err := env.Client.DeleteSCIMToken(context.Background(), connID, second); err != nil {
						t.Fatal(err)
					}
				},
				Config: tokenHCL(env, name, "  scopes = [\"get:users\"]\n  token_lifetime = 86400"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(tokenAddr, plancheck.ResourceActionCreate),
				}},
				Check: resource.ComposeTestCheckFunc(
					captureToken("token_id", &third),
					func(s *terraform.State) error { return expectTokens(env, &connID, &third)(s) },
				),
			},
			{
				// The connection deleted outside Terraform takes its tokens
				// with it.
				PreConfig: func() { env.Delete(t, connID) },
				Config:    tokenHCL(env, name, "  scopes = [\"get:users\"]\n  token_lifetime = 86400"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("auth0_connection.test", plancheck.ResourceActionCreate),
					plancheck.ExpectResourceAction(configAddr, plancheck.ResourceActionCreate),
					plancheck.ExpectResourceAction(tokenAddr, plancheck.ResourceActionCreate),
				}},
			},
		},
	})
}

// A token whose valid_until has passed is planned for replacement. The
// emulator's SCIM clock runs two hours behind while the token is made, so
// it is issued already expired (the shortest lifetime Auth0 allows is 901s).
func TestAccSCIMToken_expired(t *testing.T) {
	env := acctest.New(t)
	env.RequireEmulator(t)
	name := acctest.Name(t)
	var connID, expiredID, renewedID string
	hcl := tokenHCL(env, name, "  scopes = [\"get:users\"]\n  token_lifetime = 3600")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             checkTokensRevoked(env),
		Steps: []resource.TestStep{
			{
				PreConfig:          func() { env.Emulator.ShiftSCIMClock(-2 * time.Hour) },
				Config:             hcl,
				ExpectNonEmptyPlan: true, // the plan after the apply replaces the expired token
				Check: resource.ComposeTestCheckFunc(
					acctest.CaptureID("auth0_connection.test", &connID),
					captureToken("token_id", &expiredID),
				),
			},
			{
				PreConfig: func() { env.Emulator.ShiftSCIMClock(0) },
				Config:    hcl,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(tokenAddr, plancheck.ResourceActionDestroyBeforeCreate),
					plancheck.ExpectUnknownValue(tokenAddr, tfjsonpath.New("valid_until")),
				}},
				Check: resource.ComposeTestCheckFunc(
					captureToken("token_id", &renewedID),
					func(s *terraform.State) error { return expectTokens(env, &connID, &renewedID)(s) },
					func(*terraform.State) error {
						if renewedID == expiredID {
							return fmt.Errorf("the expired token %s was kept", expiredID)
						}
						return nil
					},
				),
			},
			{
				Config:           hcl,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
		},
	})
}

// The token's value never reaches the provider's logs, even at TRACE.
// Not parallel: it sets the logging environment of the test process.
func TestAccSCIMToken_neverInLogs(t *testing.T) {
	env := acctest.New(t)
	name := acctest.Name(t)
	dir := t.TempDir()
	t.Setenv("TF_LOG", "TRACE")
	t.Setenv("TF_LOG_PATH_MASK", filepath.Join(dir, "%s.log"))
	var token, tokenID string
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             checkTokensRevoked(env),
		Steps: []resource.TestStep{
			{
				Config: tokenHCL(env, name, `  scopes = ["get:users"]`),
				Check: resource.ComposeTestCheckFunc(
					captureToken("token", &token),
					captureToken("token_id", &tokenID),
				),
			},
			{
				// A failing create (the token's connection has no SCIM
				// configuration) says so without the other token's value.
				Config: tokenHCL(env, name, `  scopes = ["get:users"]`) + `
resource "auth0_connection_scim_token" "orphan" {
  connection_id = "con_0000000000000000"
  scopes        = ["get:users"]
}
`,
				ExpectError: regexp.MustCompile(`Unable to Create SCIM Token`),
			},
		},
	})
	if token == "" || tokenID == "" {
		t.Fatal("no token was captured")
	}
	logs, err := filepath.Glob(filepath.Join(dir, "*.log"))
	if err != nil || len(logs) == 0 {
		t.Fatalf("no log was written to %s: %v", dir, err)
	}
	var all strings.Builder
	for _, f := range logs {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		all.Write(raw)
	}
	text := all.String()
	// The logs are the provider's, at TRACE: its request log and the token's
	// id are there.
	for _, want := range []string{"Management API request", "/scim-configuration/tokens", tokenID} {
		if !strings.Contains(text, want) {
			t.Errorf("the logs lack %q: they are not the provider's trace logs", want)
		}
	}
	secret := strings.TrimPrefix(token, tokenID+".")
	if strings.Contains(text, secret) {
		t.Errorf("the SCIM token's value appears in the logs")
	}
}

// Bad input is refused at plan time, naming the attribute.
func TestAccSCIMToken_validation(t *testing.T) {
	env := acctest.New(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      tokenHCL(env, "tf-acc-unused", `  scopes = ["read:users"]`),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)scopes.*value must be one of`),
			},
			{
				Config:      tokenHCL(env, "tf-acc-unused", "  scopes = [\"get:users\"]\n  token_lifetime = 900"),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)token_lifetime.*at least 901`),
			},
			{
				Config:      tokenHCL(env, "tf-acc-unused", `  scopes = []`),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)scopes.*at least 1`),
			},
		},
	})
}
