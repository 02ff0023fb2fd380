package connection

import (
	"reflect"
	"testing"

	"github.com/seedtf/terraform-provider-auth0/internal/auth0api"
)

func TestSetTwice(t *testing.T) {
	a := map[string]any{"client_id": "x", "signing_key": map[string]any{"cert": "c"}, "gateway_authentication": map[string]any{"secret": "s"}, "o": map[string]any{"k": 1}}
	b := map[string]any{"client_secret": "y", "signing_key": map[string]any{"key": "k"}, "gateway_authentication": map[string]any{"secret": "t"}, "o": "scalar"}
	got := setTwice(a, b, "")
	want := []string{"gateway_authentication.secret", "o"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("setTwice = %v, want %v", got, want)
	}
}

func TestPlainSecrets(t *testing.T) {
	m := map[string]any{
		"client_id": "x", "client_secret": "s", "twilio_token": nil,
		"configuration": map[string]any{"api_key": "k", "empty": nil},
		"signing_key":   map[string]any{"key": "k", "cert": "c"},
		"nested":        map[string]any{"client_secret": "not a known secret path"},
	}
	got := plainSecrets(m, nil)
	want := []string{"client_secret", "configuration.api_key", "signing_key.key"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("plainSecrets = %v, want %v", got, want)
	}
}

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
