package e2e

import (
	"fmt"
	"testing"

	"github.com/seedtf/terraform-provider-auth0/internal/emulator"
)

// keysWireConfig is an oidc connection with private key JWT authentication,
// its keys resource with a rotation trigger, and the keys data source.
func keysWireConfig(trigger string) string {
	return fmt.Sprintf(`
resource "auth0_connection" "jwt" {
  name     = "wire-keys"
  strategy = "oidc"
  options = {
    client_id                  = "wire-keys"
    type                       = "front_channel"
    issuer                     = "https://idp.example.com/"
    authorization_endpoint     = "https://idp.example.com/authorize"
    token_endpoint             = "https://idp.example.com/token"
    jwks_uri                   = "https://idp.example.com/jwks"
    token_endpoint_auth_method = "private_key_jwt"
  }
}

resource "auth0_connection_keys" "jwt" {
  connection_id    = auth0_connection.jwt.id
  rotation_trigger = %q
}

data "auth0_connection_keys" "jwt" {
  connection_id = auth0_connection_keys.jwt.connection_id
}
`, trigger)
}

// The key requests of a run (adopting the keys Auth0 made, refreshing,
// rotating on a new rotation_trigger, importing, destroying) have the
// shapes of the recorded ones (TestAccConnectionDataKeys.yaml,
// TestAccConnectionRotateDataKeys.yaml: GET /keys, POST /keys/rotate
// without a body). POST /keys, which provisions keys for a connection
// without any, is in no recording: the emulator's answers to it are
// checked against the OpenAPI document instead (internal/conformance).
func TestKeysWireShapesAreRecorded(t *testing.T) {
	recorded := loadRecordedShapes(t)
	r := setup(t)
	allowSpecOnlyParams(t, recorded)
	var sent []emulator.Request
	tf := func(w *workspace, args ...string) {
		t.Helper()
		r.emu.ResetRequests()
		w.terraform(append([]string{args[0], "-input=false", "-no-color"}, args[1:]...))
		sent = append(sent, r.emu.Requests()...)
	}
	w := r.workspace(keysWireConfig("2026-11"))
	tf(w, "apply", "-auto-approve")
	tf(w, "plan", "-detailed-exitcode")
	w.setConfig(keysWireConfig("2026-12"))
	tf(w, "apply", "-auto-approve")
	rotations := 0
	for _, req := range sent {
		if req.Method == "POST" && pathShape(req.EscapedPath) == "/api/v2/connections/{id}/keys/rotate" {
			rotations++
		}
	}
	if rotations != 1 {
		t.Errorf("%d rotations, want one (for the new rotation_trigger)", rotations)
	}
	w.terraform([]string{"state", "rm", "-no-color", "auth0_connection_keys.jwt"})
	id := connectionID(t, r, "wire-keys")
	tf(w, "import", "auth0_connection_keys.jwt", id)
	tf(w, "destroy", "-auto-approve")
	checkWireShapes(t, sent, recorded)
}
