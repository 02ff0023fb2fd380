package strategyschema

import (
	"encoding/json"
	"strings"
	"testing"
)

// wrongValue returns a value of a kind t does not take, or false.
func wrongValue(t *Type) (any, bool) {
	for _, v := range []any{"x", true, json.Number("1"), []any{}, map[string]any{}} {
		if t.Kinds != Any && t.Kinds&kindOf(v) == 0 {
			return v, true
		}
	}
	return nil, false
}

// For every strategy with typed keys, and every typed top-level key: a value
// of the wrong type fails naming the key, each value of an enumeration
// passes, a value outside it fails with the allowed values, null passes,
// and a value unknown at plan time is not checked.
func TestCheckEveryStrategy(t *testing.T) {
	unknown := struct{ u int }{1}
	for _, s := range All() {
		if len(s.Options.Fields) == 0 {
			if got := Check(s.Name, map[string]any{"anything": "x"}, unknown); got != nil {
				t.Errorf("%s has no typed keys, yet Check found %v", s.Name, got)
			}
			continue
		}
		typed := 0
		for _, f := range s.Options.Fields {
			if v, ok := wrongValue(f.Type); ok {
				typed++
				got := Check(s.Name, map[string]any{f.Name: v}, unknown)
				if len(got) != 1 || got[0].Path != f.Name || got[0].UnknownKey || !strings.HasPrefix(got[0].Message, "must be ") {
					t.Errorf("%s %s = %#v: got %+v, want one type error", s.Name, f.Name, v, got)
				}
			}
			for _, e := range f.Type.Enum {
				if got := Check(s.Name, map[string]any{f.Name: e}, unknown); got != nil {
					t.Errorf("%s %s = %q: got %+v, want none", s.Name, f.Name, e, got)
				}
			}
			if len(f.Type.Enum) > 0 {
				got := Check(s.Name, map[string]any{f.Name: "not-a-value"}, unknown)
				if len(got) != 1 || !strings.Contains(got[0].Message, `"`+f.Type.Enum[0]+`"`) || got[0].Got != `"not-a-value"` {
					t.Errorf("%s %s outside its enum: got %+v", s.Name, f.Name, got)
				}
			}
			if got := Check(s.Name, map[string]any{f.Name: nil}, unknown); got != nil {
				t.Errorf("%s %s = null: got %+v", s.Name, f.Name, got)
			}
			if got := Check(s.Name, map[string]any{f.Name: unknown}, unknown); got != nil {
				t.Errorf("%s %s unknown: got %+v", s.Name, f.Name, got)
			}
		}
		if typed == 0 {
			t.Errorf("%s: no key with a checkable type", s.Name)
		}
	}
}

func TestCheckNestedAndMessages(t *testing.T) {
	got := Check("auth0", map[string]any{
		"brute_force_protection": "yes",
		"password_history":       map[string]any{"enable": "true"},
		"passwordPolicy":         "weird",
		"precedence":             []any{"email", "nope"},
	}, nil)
	want := map[string]string{
		"brute_force_protection":  "must be a boolean, got a string",
		"password_history.enable": "must be a boolean, got a string",
		"passwordPolicy":          `must be one of "none", "low", "fair", "good" or "excellent", got "weird"`,
		"precedence[1]":           `must be one of`,
	}
	if len(got) != len(want) {
		t.Fatalf("got %+v", got)
	}
	for _, p := range got {
		if !strings.HasPrefix(p.Text(), want[p.Path]) {
			t.Errorf("%s: %q, want %q", p.Path, p.Text(), want[p.Path])
		}
	}
	if got[3].Keys[0] != "precedence" || len(got[3].Keys) != 1 {
		t.Errorf("keys of a list element: %v", got[3].Keys)
	}
}

// Misspelled keys are warnings with the key meant.
func TestSuggestions(t *testing.T) {
	for _, c := range []struct{ strategy, key, want string }{
		{"auth0", "passwordpolicy", "passwordPolicy"},
		{"auth0", "PasswordPolicy", "passwordPolicy"},
		{"auth0", "brute_force_protecton", "brute_force_protection"},
		{"auth0", "bruteforce_protection", "brute_force_protection"},
		{"auth0", "password_histroy", "password_history"},
		{"auth0", "requires_usernam", "requires_username"},
		{"auth0", "disable_sign_up", "disable_signup"},
		{"google-oauth2", "client_secrte", "client_secret"},
		{"google-oauth2", "clientid", "client_id"},
		{"google-oauth2", "allowed_audience", "allowed_audiences"},
		{"samlp", "signinendpoint", "signInEndpoint"},
		{"samlp", "signingcert", "signingCert"},
		{"samlp", "signatureAlgorithim", "signatureAlgorithm"},
		{"oidc", "discovery_uri", "discovery_url"},
		{"oidc", "issure", "issuer"},
		{"waad", "tenant_domian", "tenant_domain"},
		{"sms", "twilio_sid_", "twilio_sid"},
		{"email", "disable_sign_up", "disable_signup"},
		{"apple", "team-id", "team_id"},
		{"auth0", "completely_unrelated_key", ""},
	} {
		got := Check(c.strategy, map[string]any{c.key: true}, nil)
		if len(got) != 1 || !got[0].UnknownKey || got[0].Suggestion != c.want {
			t.Errorf("%s %s: got %+v, want a suggestion of %q", c.strategy, c.key, got, c.want)
		}
	}
}
