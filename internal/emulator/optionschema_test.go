package emulator

import (
	"fmt"
	"slices"
	"sort"
	"testing"

	"github.com/seedtf/terraform-provider-auth0/internal/optionschema"
)

// optionSchemaDeviations are the places where the emulator's option schema
// (which carries Auth0's descriptions, quoted in its messages) knowingly
// differs from internal/optionschema (generated from the OpenAPI document,
// plus an overlay of documented limits).
var optionSchemaDeviations = map[string]string{
	"options.password_dictionary.dictionary: maxItems 200 vs 0": "the 200-entry limit is documented, not in the document's schema; the emulator accepts what the document accepts",
	"options.token_endpoint_auth_method: enum":                  "Auth0 accepts null, as the type [string, null] says, though the enum leaves it out",
	"options.token_endpoint_auth_signing_alg: enum":             "Auth0 accepts null, as the type [string, null] says, though the enum leaves it out",
}

// TestOptionSchemaMatchesGenerated walks internal/optionschema's schema of
// the typed option keys and the emulator's side by side, so that the
// emulator rejects with 400 exactly the options the document forbids.
func TestOptionSchemaMatchesGenerated(t *testing.T) {
	t.Parallel()
	var diffs []string
	compareOptionSchemas("options", optionschema.Options, connectionOptionsSchema(tObject, ""), &diffs)
	seen := map[string]bool{}
	for _, d := range diffs {
		if _, ok := optionSchemaDeviations[d]; ok {
			seen[d] = true
			continue
		}
		t.Errorf("option schema differs from internal/optionschema: %s", d)
	}
	for d := range optionSchemaDeviations {
		if !seen[d] {
			t.Errorf("stale deviation %q: the schemas agree there now", d)
		}
	}
}

func compareOptionSchemas(path string, o *optionschema.Schema, e *schema, out *[]string) {
	if e == nil {
		*out = append(*out, path+": missing")
		return
	}
	sorted := func(s []string) string {
		c := slices.Clone(s)
		sort.Strings(c)
		return fmt.Sprint(c)
	}
	if sorted(o.Types) != sorted(e.types) {
		*out = append(*out, fmt.Sprintf("%s: types %v vs %v", path, o.Types, e.types))
	}
	if fmt.Sprint(o.Enum) != fmt.Sprint(e.enum) {
		*out = append(*out, path+": enum")
	}
	if o.Closed != e.closed {
		*out = append(*out, fmt.Sprintf("%s: closed %v vs %v", path, o.Closed, e.closed))
	}
	if fmt.Sprint(o.Required) != sorted(e.required) {
		*out = append(*out, fmt.Sprintf("%s: required %v vs %v", path, o.Required, e.required))
	}
	ints := []struct {
		name string
		o    *int
		e    int
	}{
		{"minLength", o.MinLength, e.minLength}, {"maxLength", o.MaxLength, e.maxLength},
		{"minItems", o.MinItems, e.minItems}, {"maxItems", o.MaxItems, e.maxItems},
		{"minProperties", o.MinProperties, e.minProps}, {"maxProperties", o.MaxProperties, e.maxProps},
	}
	for _, n := range ints {
		ov := 0
		if n.o != nil {
			ov = *n.o
		}
		if ov != n.e {
			*out = append(*out, fmt.Sprintf("%s: %s %d vs %d", path, n.name, ov, n.e))
		}
	}
	floats := func(p *float64) string {
		if p == nil {
			return "none"
		}
		return formatNumber(*p)
	}
	if floats(o.Minimum) != floats(e.minimum) || floats(o.Maximum) != floats(e.maximum) {
		*out = append(*out, fmt.Sprintf("%s: range %s..%s vs %s..%s", path, floats(o.Minimum), floats(o.Maximum), floats(e.minimum), floats(e.maximum)))
	}
	if len(o.OneOf) != len(e.oneOf) {
		*out = append(*out, fmt.Sprintf("%s: %d oneOf vs %d", path, len(o.OneOf), len(e.oneOf)))
	} else {
		for i := range o.OneOf {
			compareOptionSchemas(fmt.Sprintf("%s.oneOf[%d]", path, i), o.OneOf[i], e.oneOf[i], out)
		}
	}
	for k, c := range o.Properties {
		compareOptionSchemas(path+"."+k, c, e.props[k], out)
	}
	for k := range e.props {
		if o.Properties[k] == nil {
			*out = append(*out, path+"."+k+": not in the document")
		}
	}
	if o.Items != nil {
		compareOptionSchemas(path+"[]", o.Items, e.items, out)
	}
	if o.AdditionalProperties != nil {
		compareOptionSchemas(path+".*", o.AdditionalProperties, e.extra, out)
	}
}
