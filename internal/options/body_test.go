package options

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"
)

func dottedPaths(vs []Violation) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = strings.Join(v.Path, ".")
	}
	return out
}

func TestSetTwice(t *testing.T) {
	a := map[string]any{"client_id": "x", "signing_key": map[string]any{"cert": "c"}, "gateway_authentication": map[string]any{"secret": "s"}, "o": map[string]any{"k": 1}}
	b := map[string]any{"client_secret": "y", "signing_key": map[string]any{"key": "k"}, "gateway_authentication": map[string]any{"secret": "t"}, "o": "scalar"}
	got := dottedPaths(SetTwice(a, b))
	want := []string{"gateway_authentication.secret", "o"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("SetTwice = %v, want %v", got, want)
	}
}

func TestPlainSecrets(t *testing.T) {
	m := map[string]any{
		"client_id": "x", "client_secret": "s", "twilio_token": nil,
		"configuration": map[string]any{"api_key": "k", "empty": nil},
		"signing_key":   map[string]any{"key": "k", "cert": "c"},
		"nested":        map[string]any{"client_secret": "not a known secret path"},
	}
	got := dottedPaths(PlainSecrets(m))
	want := []string{"client_secret", "configuration.api_key", "signing_key.key"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("PlainSecrets = %v, want %v", got, want)
	}
}

func TestCreateOptions(t *testing.T) {
	got, err := CreateOptions(obj(t, `{"client_id":"x","signing_key":{"cert":"c"}}`), obj(t, `{"client_secret":"s","signing_key":{"key":"k"}}`))
	if err != nil {
		t.Fatal(err)
	}
	if s := show(got); s != `{"client_id":"x","client_secret":"s","signing_key":{"cert":"c","key":"k"}}` {
		t.Errorf("CreateOptions = %s", s)
	}
	if got, err := CreateOptions(types.DynamicNull(), types.DynamicNull()); got != nil || err != nil {
		t.Errorf("CreateOptions of nothing = %v, %v", got, err)
	}
	_, err = CreateOptions(types.DynamicNull(), types.DynamicValue(types.StringValue("hunter2")))
	var secretsErr *SecretsError
	if err == nil || !errors.As(err, &secretsErr) || strings.Contains(err.Error(), "hunter2") {
		t.Errorf("CreateOptions of a non-object secret: %v", err)
	}
}
