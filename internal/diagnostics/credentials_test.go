package diagnostics

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/seedtf/terraform-provider-auth0/internal/auth0api"
)

// Refused credentials get a diagnostic of their own: it names the settings
// to fix, not the resource's configuration.
func TestRefusedCredentialsDiagnostic(t *testing.T) {
	err := &auth0api.CredentialsError{Domain: "https://tenant.eu.auth0.com", Audience: "https://tenant.eu.auth0.com/api/v2/",
		ClientID: "abc", StatusCode: 401, Code: "access_denied", Description: "Unauthorized"}
	var diags diag.Diagnostics
	AddAPIError(&diags, attrs, "Unable to Create Connection", `Auth0 did not create the connection "c".`, "Correct the configuration as the error says, then apply again.", err)
	if len(diags) != 1 {
		t.Fatalf("%d diagnostics, want 1", len(diags))
	}
	d := diags[0]
	if d.Summary() != "Invalid Auth0 Credentials" {
		t.Errorf("summary %q", d.Summary())
	}
	for _, want := range []string{`Auth0 did not create the connection "c".`, "AUTH0_CLIENT_SECRET", "https://tenant.eu.auth0.com/api/v2/", "401"} {
		if !strings.Contains(d.Detail(), want) {
			t.Errorf("the detail lacks %q:\n%s", want, d.Detail())
		}
	}
	if strings.Contains(d.Detail(), "Correct the configuration") {
		t.Errorf("the detail blames the resource's configuration:\n%s", d.Detail())
	}
}
