package connectionstatus_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/seedtf/terraform-provider-auth0/internal/acctest"
)

// A database connection is online; an AD connection without a connector
// connected is offline, with Auth0's message; a check block can assert it.
func TestAccConnectionStatus(t *testing.T) {
	env := acctest.New(t)
	env.RequireEmulator(t) // a real tenant's AD connection may have a connector
	name := acctest.Name(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             env.CheckDestroyed,
		Steps: []resource.TestStep{{
			Config: env.Config(fmt.Sprintf(`
resource "auth0_connection" "db" {
  name     = "%[1]s-db"
  strategy = "auth0"
}

resource "auth0_connection" "ad" {
  name     = "%[1]s-ad"
  strategy = "ad"
}

data "auth0_connection_status" "db" {
  connection_id = auth0_connection.db.id
}

data "auth0_connection_status" "ad" {
  connection_id = auth0_connection.ad.id
}

check "db_online" {
  assert {
    condition     = data.auth0_connection_status.db.online
    error_message = "connection ${auth0_connection.db.name} is offline: ${coalesce(data.auth0_connection_status.db.message, "?")}"
  }
}
`, name)),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.auth0_connection_status.db", tfjsonpath.New("online"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue("data.auth0_connection_status.db", tfjsonpath.New("status_code"), knownvalue.Int64Exact(200)),
				statecheck.ExpectKnownValue("data.auth0_connection_status.db", tfjsonpath.New("message"), knownvalue.Null()),
				statecheck.ExpectKnownValue("data.auth0_connection_status.ad", tfjsonpath.New("online"), knownvalue.Bool(false)),
				statecheck.ExpectKnownValue("data.auth0_connection_status.ad", tfjsonpath.New("status_code"), knownvalue.Int64Exact(404)),
				statecheck.ExpectKnownValue("data.auth0_connection_status.ad", tfjsonpath.New("message"), knownvalue.StringExact("not connected to any node")),
				statecheck.ExpectKnownValue("data.auth0_connection_status.ad", tfjsonpath.New("error_code"), knownvalue.Null()),
			},
		}},
	})
}

// A connection that does not exist is an error, not an offline status.
func TestAccConnectionStatus_missingConnection(t *testing.T) {
	env := acctest.New(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      env.Config("data \"auth0_connection_status\" \"test\" {\n  connection_id = \"con_0000000000000000\"\n}\n"),
			ExpectError: regexp.MustCompile(`(?s)Unable to Read Connection Status.*inexistent_connection`),
		}},
	})
}

// A connection id of the wrong shape is refused before any request.
func TestAccConnectionStatus_badConnectionID(t *testing.T) {
	env := acctest.New(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      env.Config("data \"auth0_connection_status\" \"test\" {\n  connection_id = \"My-AD\"\n}\n"),
			ExpectError: regexp.MustCompile(`(?s)connection_id.*must be a connection id`),
		}},
	})
}
