package connection

import (
	"testing"

	"github.com/seedtf/terraform-provider-auth0/internal/auth0api"
)

func TestAttributePath(t *testing.T) {
	cases := map[string]string{
		`Payload validation error: 'Invalid value "x"' on property options.passwordPolicy (Password strength level).`: "options",
		`Payload validation error: 'String is too long' on property display_name (Name used in login screen).`:        "display_name",
		`Payload validation error: 'Additional properties not allowed: token_dialect'.`:                               "",
		`Cannot set both options.attributes and options.validation`:                                                   "",
		`Payload validation error: 'Expected type boolean' on property [0].status.`:                                   "",
	}
	for message, want := range cases {
		p, ok := attributePath(&auth0api.APIError{StatusCode: 400, Message: message})
		got := ""
		if ok {
			got = p.String()
		}
		if got != want {
			t.Errorf("attributePath(%q) = %q, want %q", message, got, want)
		}
	}
}
