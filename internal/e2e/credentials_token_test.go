package e2e

import (
	"fmt"
	"strings"
	"testing"
)

// A wrong client secret fails a run of many creates at once, with one token
// fetch for the whole run and an error that names the setting to fix, and
// never quotes the secret.
func TestRefusedCredentialsFailOnce(t *testing.T) {
	r := setup(t)
	wrong := "e2e-wrong-secret-" + r.secret[len(r.secret)-8:]
	right := r.secret
	r.secret = wrong // providerBlock writes this one
	w := r.workspace(`
resource "auth0_connection" "c" {
  count    = 20
  name     = "refused-${count.index}"
  strategy = "auth0"
}
`)
	r.secret = right
	out := w.terraform([]string{"apply", "-auto-approve", "-input=false", "-no-color", "-parallelism=10"}, 1)
	stats := r.emu.Stats()
	// oauth2 makes one fetch of two requests: Basic auth, then the form.
	if got := stats["POST /oauth/token"]; got < 1 || got > 2 {
		t.Errorf("%d token requests for 20 creates, want 1 fetch (at most 2 requests): %v", got, stats)
	}
	if got := stats["POST /api/v2/connections"]; got != 0 {
		t.Errorf("%d creates went out with refused credentials", got)
	}
	for _, want := range []string{"Invalid Auth0 Credentials", "AUTH0_CLIENT_SECRET", r.url, r.clientID} {
		if !strings.Contains(out, want) {
			t.Errorf("the output does not name %q:\n%s", want, out)
		}
	}
	log := w.file("trace.log")
	for name, text := range map[string]string{"output": out, "TF_LOG=trace log": log} {
		if strings.Contains(text, wrong) {
			t.Errorf("the %s quotes the client secret", name)
		}
	}
	if n := strings.Count(out, "Error: Invalid Auth0 Credentials"); n != 20 {
		t.Errorf("%d errors, want one per resource (20):\n%s", n, fmt.Sprint(out[:min(len(out), 2000)]))
	}
}
