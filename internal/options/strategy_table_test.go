package options

import (
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/seedtf/terraform-provider-auth0/internal/strategyschema"
)

// The derived keys of derivedByStrategy are the keys the per-strategy table
// marks derived, strategy by strategy.
func TestDerivedKeysMatchTheTable(t *testing.T) {
	for _, s := range strategyschema.All() {
		var keys []string
		for _, d := range derivedByStrategy[s.Name] {
			keys = append(keys, d.keys...)
		}
		sort.Strings(keys)
		keys = slices.Compact(keys)
		if !slices.Equal(keys, s.Derived) {
			t.Errorf("%s: derivedByStrategy derives %v, the table marks %v", s.Name, keys, s.Derived)
		}
	}
	for name := range derivedByStrategy {
		if strategyschema.Lookup(name) == nil {
			t.Errorf("derivedByStrategy has %s, which the table does not know", name)
		}
	}
}

// Every key the table marks secret is a secret of the options rules, and
// every secret of the provider's own list is marked in the table, but the
// two the SDK does not type.
func TestSecretKeysMatchTheTable(t *testing.T) {
	table := TableSecrets()
	if len(table) == 0 {
		t.Fatal("the table marks no secret")
	}
	for _, p := range table {
		if !SecretPath(p) {
			t.Errorf("the table marks %s secret, the options rules do not", p)
		}
	}
	notInSDK := []string{
		"configuration.*",    // auth0: a map whose values are secrets, typed as Record<string, string>
		"decryption_key.key", // pingfederate as go-auth0 spells it; the SDK types decryptionKey
	}
	for _, k := range secretKeys {
		p := strings.Join(k, ".")
		if !slices.Contains(table, p) && !slices.Contains(notInSDK, p) {
			t.Errorf("secret %s is not marked in the table", p)
		}
	}
	// Per strategy, as the issue names them.
	for _, c := range []struct{ strategy, path string }{
		{"apple", "app_secret"}, {"samlp", "decryptionKey.key"}, {"samlp", "signing_key.key"},
		{"google-apps", "admin_access_token"}, {"google-apps", "admin_refresh_token"}, {"oauth2", "client_secret"},
		{"waad", "client_secret"}, {"sms", "twilio_token"}, {"sms", "gateway_authentication.secret"},
		{"oauth1", "consumer_secret"}, {"pingfederate", "decryptionKey.key"},
	} {
		f := strategyschema.Lookup(c.strategy).FieldAt(strings.Split(c.path, "."))
		if f == nil || !f.Secret {
			t.Errorf("%s %s: not marked secret in the table (%+v)", c.strategy, c.path, f)
		}
	}
}
