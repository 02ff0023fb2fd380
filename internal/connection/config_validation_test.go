package connection

import (
	"context"
	"fmt"
	"math/big"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/seedtf/terraform-provider-auth0/internal/strategyschema"
)

// unknownOption stands for a value not known at plan time in tfValue.
type unknownOption struct{}

// tfValue turns a Go value (string, bool, int, []any, map[string]any, nil,
// unknownOption) into the Terraform value HCL would give.
func tfValue(v any) tftypes.Value {
	switch v := v.(type) {
	case nil:
		return tftypes.NewValue(tftypes.DynamicPseudoType, nil)
	case unknownOption:
		return tftypes.NewValue(tftypes.String, tftypes.UnknownValue)
	case string:
		return tftypes.NewValue(tftypes.String, v)
	case bool:
		return tftypes.NewValue(tftypes.Bool, v)
	case int:
		return tftypes.NewValue(tftypes.Number, big.NewFloat(float64(v)))
	case []any:
		types := make([]tftypes.Type, len(v))
		vals := make([]tftypes.Value, len(v))
		for i, e := range v {
			vals[i] = tfValue(e)
			types[i] = vals[i].Type()
		}
		return tftypes.NewValue(tftypes.Tuple{ElementTypes: types}, vals)
	case map[string]any:
		types := map[string]tftypes.Type{}
		vals := map[string]tftypes.Value{}
		for k, e := range v {
			vals[k] = tfValue(e)
			types[k] = vals[k].Type()
		}
		return tftypes.NewValue(tftypes.Object{AttributeTypes: types}, vals)
	}
	panic(fmt.Sprintf("tfValue: %T", v))
}

// validateOptions runs ValidateConfig on a configuration of the strategy
// with the given options (and sensitive_options, when not nil).
func validateOptions(t *testing.T, strategy string, opts, secret map[string]any) diag.Diagnostics {
	t.Helper()
	ctx := context.Background()
	r := &connectionResource{}
	var schemaResp resource.SchemaResponse
	r.Schema(ctx, resource.SchemaRequest{}, &schemaResp)
	objType, ok := schemaResp.Schema.Type().TerraformType(ctx).(tftypes.Object)
	if !ok {
		t.Fatal("the schema is not an object")
	}
	values := map[string]tftypes.Value{}
	for name, typ := range objType.AttributeTypes {
		values[name] = tftypes.NewValue(typ, nil)
	}
	values["name"] = tftypes.NewValue(tftypes.String, "test")
	values["strategy"] = tftypes.NewValue(tftypes.String, strategy)
	if opts != nil {
		values["options"] = tfValue(opts)
	}
	if secret != nil {
		values["sensitive_options"] = tfValue(secret)
	}
	req := resource.ValidateConfigRequest{Config: tfsdk.Config{Schema: schemaResp.Schema, Raw: tftypes.NewValue(objType, values)}}
	var resp resource.ValidateConfigResponse
	r.ValidateConfig(ctx, req, &resp)
	return resp.Diagnostics
}

func texts(diags diag.Diagnostics) string {
	var out []string
	for _, d := range diags {
		out = append(out, d.Summary()+": "+d.Detail())
	}
	sort.Strings(out)
	return strings.Join(out, "\n")
}

// wrongFor returns a value HCL can write whose type the field does not take.
func wrongFor(typ *strategyschema.Type) (any, bool) {
	for _, c := range []struct {
		v    any
		kind strategyschema.Kind
	}{{"x", strategyschema.String}, {true, strategyschema.Boolean}, {1, strategyschema.Number},
		{[]any{"a"}, strategyschema.Array}, {map[string]any{"a": "b"}, strategyschema.Object}} {
		if typ.Kinds != strategyschema.Any && typ.Kinds&c.kind == 0 {
			return c.v, true
		}
	}
	return nil, false
}

// From the table, for every strategy with typed keys: a value of the wrong
// type fails the plan naming options.<key> and the strategy; each value of
// an enumeration plans; a value unknown at plan time is not checked.
func TestValidateConfig_everyStrategyFromTheTable(t *testing.T) {
	for _, s := range strategyschema.All() {
		if len(s.Options.Fields) == 0 {
			continue
		}
		t.Run(s.Name, func(t *testing.T) {
			wrongs := 0
			for _, f := range s.Options.Fields {
				if f.Derived {
					continue // a rule of its own (Option Derived By Auth0)
				}
				if v, ok := wrongFor(f.Type); ok && wrongs < 3 {
					wrongs++
					diags := validateOptions(t, s.Name, map[string]any{f.Name: v}, nil)
					want := "options." + f.Name + " must be "
					if !diags.HasError() || !strings.Contains(texts(diags), want) {
						t.Errorf("%s = %#v: want an error with %q, got\n%s", f.Name, v, want, texts(diags))
					}
					if diags := validateOptions(t, s.Name, map[string]any{f.Name: unknownOption{}}, nil); diags.HasError() {
						t.Errorf("%s unknown: got\n%s", f.Name, texts(diags))
					}
				}
				for _, e := range f.Type.Enum {
					if diags := validateOptions(t, s.Name, map[string]any{f.Name: e}, nil); diags.HasError() {
						t.Errorf("%s = %q: got\n%s", f.Name, e, texts(diags))
					}
				}
				if len(f.Type.Enum) > 0 {
					diags := validateOptions(t, s.Name, map[string]any{f.Name: "not-a-value"}, nil)
					want := `options.` + f.Name + ` must be`
					if !diags.HasError() || !strings.Contains(texts(diags), want) || !strings.Contains(texts(diags), `"`+f.Type.Enum[0]+`"`) {
						t.Errorf("%s outside its enumeration: got\n%s", f.Name, texts(diags))
					}
				}
			}
		})
	}
}

// An unknown key is a warning naming the key most likely meant; it does not
// fail the plan.
func TestValidateConfig_unknownKeySuggestion(t *testing.T) {
	for _, c := range []struct{ strategy, key, want string }{
		{"auth0", "passwordpolicy", "Did you mean options.passwordPolicy?"},
		{"auth0", "brute_force_protecton", "Did you mean options.brute_force_protection?"},
		{"google-oauth2", "client_secrte", "Did you mean options.client_secret?"},
		{"samlp", "signinendpoint", "Did you mean options.signInEndpoint?"},
		{"auth0", "completely_unrelated_key", "It is sent as written"},
	} {
		diags := validateOptions(t, c.strategy, map[string]any{c.key: "good"}, nil)
		if diags.HasError() || diags.WarningsCount() != 1 || !strings.Contains(texts(diags), c.want) ||
			!strings.Contains(texts(diags), "Unknown Option Key: options."+c.key+" is not a key") {
			t.Errorf("%s %s: got\n%s", c.strategy, c.key, texts(diags))
		}
	}
	// Nested: the key of the object it is in.
	diags := validateOptions(t, "sms", map[string]any{"totp": map[string]any{"time_stpe": 300}}, nil)
	if !strings.Contains(texts(diags), "options.totp.time_stpe is not a key") || !strings.Contains(texts(diags), "Did you mean options.totp.time_step?") {
		t.Errorf("nested: got\n%s", texts(diags))
	}
	// A strategy without typed keys warns of nothing.
	if diags := validateOptions(t, "custom", map[string]any{"anything": "x"}, nil); len(diags) != 0 {
		t.Errorf("custom: got\n%s", texts(diags))
	}
}

// A problem of a value in sensitive_options points there and never quotes
// the value; one the generic schema reports is not reported twice.
func TestValidateConfig_strategyProblemsInSecretsAndOnce(t *testing.T) {
	diags := validateOptions(t, "sms", nil, map[string]any{"twilio_token": true})
	if !diags.HasError() || !strings.Contains(texts(diags), "options.twilio_token must be a string, for sms connections") {
		t.Errorf("got\n%s", texts(diags))
	}
	diags = validateOptions(t, "auth0", map[string]any{"passwordPolicy": "weird"}, nil)
	if diags.ErrorsCount() != 1 {
		t.Errorf("want one error, got\n%s", texts(diags))
	}
}
