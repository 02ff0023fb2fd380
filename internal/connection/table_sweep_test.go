package connection

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/seedtf/terraform-provider-auth0/internal/strategyschema"
)

// sweepKey is one typed key of a strategy at any depth, with how to write a
// value at its place in options.
type sweepKey struct {
	path  string // as the diagnostics name it, e.g. "totp.length", "scripts.x"
	field *strategyschema.Field
	wrap  func(v any) map[string]any
}

// sweepKeys lists the keys of t and of its nested objects, lists of objects
// and maps, down to a depth, each with the options that put a value there.
func sweepKeys(t *strategyschema.Type, prefix string, wrap func(v any) map[string]any, depth int, out *[]sweepKey) {
	if t == nil || depth > 4 {
		return
	}
	for _, f := range t.Fields {
		at := func(v any) map[string]any {
			obj := map[string]any{f.Name: v}
			if depth > 0 {
				// The keys a nested object requires (the API's schema
				// checks them too), so that only the key swept is at fault.
				for _, sib := range t.Fields {
					if sib.Required && sib != f {
						obj[sib.Name] = sampleFor(sib.Type)
					}
				}
			}
			return wrap(obj)
		}
		p := prefix + f.Name
		*out = append(*out, sweepKey{path: p, field: f, wrap: at})
		nestedSweep(f.Type, p, at, depth+1, out)
	}
}

func nestedSweep(t *strategyschema.Type, p string, at func(v any) map[string]any, depth int, out *[]sweepKey) {
	switch {
	case t == nil:
	case len(t.Fields) > 0:
		sweepKeys(t, p+".", at, depth, out)
	case t.Items != nil && len(t.Items.Fields) > 0:
		sweepKeys(t.Items, p+"[0].", func(v any) map[string]any { return at([]any{v}) }, depth, out)
	case t.Values != nil && len(t.Values.Fields) > 0:
		sweepKeys(t.Values, p+".example.", func(v any) map[string]any { return at(map[string]any{"example": v}) }, depth, out)
	}
}

// The full sweep of the table through the resource's plan-time checks: for
// every strategy with typed keys and every typed key at any depth (nested
// objects, lists of objects, map values), a value of the wrong type fails
// the plan naming options.<key path> and a value unknown until apply does
// not; every value of an enumeration plans without error or warning, and a
// value outside it fails listing the allowed values.
// TestValidateConfig_everyStrategyFromTheTable samples top-level keys; this
// takes every key.
func TestValidateConfig_everyKeyOfTheTable(t *testing.T) {
	strategies, keys, enums := 0, 0, 0
	for _, s := range strategyschema.All() {
		if len(s.Options.Fields) == 0 {
			continue
		}
		strategies++
		var all []sweepKey
		sweepKeys(s.Options, "", func(v any) map[string]any { m, _ := v.(map[string]any); return m }, 0, &all)
		t.Run(s.Name, func(t *testing.T) {
			for _, k := range all {
				if k.field.Derived {
					continue // a rule of its own (Option Derived By Auth0)
				}
				if v, ok := wrongFor(k.field.Type); ok {
					keys++
					diags := validateOptions(t, s.Name, k.wrap(v), nil)
					if !diags.HasError() || !strings.Contains(texts(diags), "options."+k.path+" ") {
						t.Errorf("%s = %#v: want an error naming options.%s, got\n%s", k.path, v, k.path, texts(diags))
					}
					if diags := validateOptions(t, s.Name, k.wrap(unknownOption{}), nil); diags.HasError() {
						t.Errorf("%s unknown: got\n%s", k.path, texts(diags))
					}
				}
				if len(k.field.Type.Enum) == 0 || k.field.Type.Kinds&strategyschema.String == 0 {
					continue
				}
				enums++
				for _, e := range k.field.Type.Enum {
					if reason, known := disagreements[s.Name+" "+k.path+" "+e]; known {
						// The API's schema rejects it: the plan fails, as
						// the generic check says (see disagreements).
						if diags := validateOptions(t, s.Name, k.wrap(e), nil); !diags.HasError() {
							t.Errorf("%s = %q plans, yet %s: remove it from disagreements", k.path, e, reason)
						}
						continue
					}
					if diags := validateOptions(t, s.Name, k.wrap(e), nil); diags.HasError() || hasUnknownKey(diags) {
						t.Errorf("%s = %q: got\n%s", k.path, e, texts(diags))
					}
				}
				diags := validateOptions(t, s.Name, k.wrap("not-a-value"), nil)
				if !diags.HasError() || !strings.Contains(texts(diags), "options."+k.path+" must be") ||
					!strings.Contains(texts(diags), fmt.Sprintf("%q", k.field.Type.Enum[0])) {
					t.Errorf("%s outside its enumeration: got\n%s", k.path, texts(diags))
				}
			}
		})
	}
	// The sweep covers what the table holds (53 strategies with typed keys,
	// hundreds of keys), not a handful.
	if strategies < 53 || keys < 1000 || enums < 100 {
		t.Errorf("the sweep covered %d strategies, %d typed keys and %d enumerations", strategies, keys, enums)
	}
	t.Logf("%d strategies, %d typed keys, %d enumerations", strategies, keys, enums)
}

// disagreements are values the per-strategy table (the Node SDK) allows and
// the API's schema (openapi-connections.json, internal/optionschema), which
// the plan also checks, rejects: the plan fails on them.
var disagreements = map[string]string{
	// openapi-connections.json types PhoneAttribute.identifier as
	// ConnectionAttributeIdentifier, whose default_method is
	// DefaultMethodEmailIdentifierEnum ("password", "email_otp"); the SDK's
	// phone identifier takes "password" or "phone_otp". The recordings show
	// only "password" (TestAccConnectionOptionsAttrPhoneNumber.yaml).
	"auth0 attributes.phone_number.identifier.default_method phone_otp": "the API's schema allows only \"password\" and \"email_otp\"",
}

// sampleFor is a value of the type: its first allowed value, or one of its
// kind.
func sampleFor(t *strategyschema.Type) any {
	switch {
	case len(t.Enum) > 0:
		return t.Enum[0]
	case t.Kinds&strategyschema.String != 0:
		return "x"
	case t.Kinds&strategyschema.Boolean != 0:
		return true
	case t.Kinds&strategyschema.Number != 0:
		return 1
	case t.Kinds&strategyschema.Array != 0:
		return []any{}
	}
	return map[string]any{}
}

// hasUnknownKey reports a warning of a key the table does not know.
func hasUnknownKey(diags diag.Diagnostics) bool {
	for _, d := range diags.Warnings() {
		if d.Summary() == "Unknown Option Key" {
			return true
		}
	}
	return false
}
