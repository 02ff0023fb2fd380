package provider_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/seedtf/terraform-provider-auth0/internal/acctest"
	"github.com/seedtf/terraform-provider-auth0/internal/emulator"
)

// Against a tenant that allows 5 requests per second (burst 5), creating,
// updating and destroying 25 connections at Terraform's parallelism meets
// no 429: the provider paces itself from the X-RateLimit-* headers, with no
// max_request_rate set. What is checked is a count, not a time.
func TestAccProvider_rateLimitedTenantAnswersNo429(t *testing.T) {
	env := acctest.NewEmulated(t, emulator.Config{RateLimitRPS: 5, RateLimitBurst: 5}, 0)
	prefix := acctest.Name(t)
	config := func(displayName, policy string) string {
		return env.Config(fmt.Sprintf(`
resource "auth0_connection" "c" {
  count        = 25
  name         = "%s-${count.index}"
  strategy     = "auth0"
  display_name = "%s ${count.index}"
  options      = { passwordPolicy = %q }
}
`, prefix, displayName, policy))
	}
	no429 := func(*terraform.State) error {
		requests, refused := 0, 0
		for _, r := range env.Emulator.Requests() {
			requests++
			if r.Status == http.StatusTooManyRequests {
				refused++
			}
		}
		if refused > 0 {
			return fmt.Errorf("%d of %d requests were answered 429", refused, requests)
		}
		return nil
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             no429,
		Steps: []resource.TestStep{
			{Config: config("Users", "good"), Check: no429},
			{Config: config("Staff", "good"), Check: no429},
			{Config: config("Staff", "excellent"), Check: no429},
		},
	})
}
