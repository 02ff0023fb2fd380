package diagnostics

import (
	"errors"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/seedtf/terraform-provider-auth0/internal/auth0api"
)

var attrs = Attributes{"options": true, "display_name": true}

func TestAttributePath(t *testing.T) {
	cases := map[string]string{
		`Payload validation error: 'Invalid value "x"' on property options.passwordPolicy (Password strength level).`: "options",
		`Payload validation error: 'String is too long' on property display_name (Name used in login screen).`:        "display_name",
		`Payload validation error: 'Additional properties not allowed: token_dialect'.`:                               "",
		`Cannot set both options.attributes and options.validation`:                                                   "",
		`Payload validation error: 'Expected type boolean' on property [0].status.`:                                   "",
	}
	for message, want := range cases {
		p, ok := attributePath(attrs, &auth0api.APIError{StatusCode: 400, Message: message})
		got := ""
		if ok {
			got = p.String()
		}
		if got != want {
			t.Errorf("attributePath(%q) = %q, want %q", message, got, want)
		}
	}
}

func TestAddAPIError(t *testing.T) {
	var diags diag.Diagnostics
	err := &auth0api.APIError{StatusCode: 400, Message: `Payload validation error: 'x' on property options.passwordPolicy (P).`}
	AddAPIError(&diags, attrs, "Unable to Create Connection", "Auth0 did not create it.", "Correct it, then apply again.", err)
	if len(diags) != 1 {
		t.Fatalf("diags = %v", diags)
	}
	d := diags[0]
	withPath, ok := d.(diag.DiagnosticWithPath)
	if d.Summary() != "Unable to Create Connection" || !ok || !withPath.Path().Equal(path.Root("options")) {
		t.Errorf("diagnostic = %v", d)
	}
	if !strings.HasPrefix(d.Detail(), "Auth0 did not create it. Correct it, then apply again.\n\n") || !strings.Contains(d.Detail(), "options.passwordPolicy") {
		t.Errorf("detail = %q", d.Detail())
	}

	diags = nil
	AddAPIError(&diags, attrs, "Unable to Read", "Auth0 did not answer.", "Try again.", errors.New("dial tcp: refused"))
	if _, hasPath := diags[0].(diag.DiagnosticWithPath); hasPath || !strings.HasSuffix(diags[0].Detail(), "dial tcp: refused") {
		t.Errorf("transport error diagnostic = %v", diags[0])
	}
}
