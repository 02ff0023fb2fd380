package connection

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// validateWithConfigValidators runs the resource's ConfigValidators on a
// configuration with the given attributes set (the others null).
func validateWithConfigValidators(t *testing.T, set map[string]tftypes.Value) diag.Diagnostics {
	t.Helper()
	ctx := context.Background()
	r := &connectionResource{}
	var schemaResp resource.SchemaResponse
	r.Schema(ctx, resource.SchemaRequest{}, &schemaResp)
	objType, ok := schemaResp.Schema.Type().TerraformType(ctx).(tftypes.Object)
	if !ok {
		t.Fatal("the schema's type is not an object")
	}
	values := map[string]tftypes.Value{}
	for name, typ := range objType.AttributeTypes {
		if v, ok := set[name]; ok {
			values[name] = v
		} else {
			values[name] = tftypes.NewValue(typ, nil)
		}
	}
	req := resource.ValidateConfigRequest{Config: tfsdk.Config{
		Schema: schemaResp.Schema,
		Raw:    tftypes.NewValue(objType, values),
	}}
	var resp resource.ValidateConfigResponse
	for _, v := range r.ConfigValidators(ctx) {
		v.ValidateResource(ctx, req, &resp)
	}
	return resp.Diagnostics
}

func TestConfigValidators_sensitiveOptionsWithoutVersion(t *testing.T) {
	secretType := tftypes.Object{AttributeTypes: map[string]tftypes.Type{"client_secret": tftypes.String}}
	secret := tftypes.NewValue(secretType, map[string]tftypes.Value{"client_secret": tftypes.NewValue(tftypes.String, "s3cr3t-value")})
	unknownSecret := tftypes.NewValue(tftypes.DynamicPseudoType, tftypes.UnknownValue)
	for _, tc := range []struct {
		name string
		set  map[string]tftypes.Value
		warn bool
	}{
		{"neither", nil, false},
		{"sensitive_options alone", map[string]tftypes.Value{"sensitive_options": secret}, true},
		{"unknown sensitive_options alone", map[string]tftypes.Value{"sensitive_options": unknownSecret}, true},
		{"both", map[string]tftypes.Value{"sensitive_options": secret, "sensitive_options_version": tftypes.NewValue(tftypes.String, "1")}, false},
		{"unknown version", map[string]tftypes.Value{"sensitive_options": secret, "sensitive_options_version": tftypes.NewValue(tftypes.String, tftypes.UnknownValue)}, false},
		{"version alone", map[string]tftypes.Value{"sensitive_options_version": tftypes.NewValue(tftypes.String, "1")}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			diags := validateWithConfigValidators(t, tc.set)
			if diags.HasError() {
				t.Fatalf("errors: %v", diags)
			}
			if !tc.warn {
				if diags.WarningsCount() != 0 {
					t.Fatalf("unexpected warnings: %v", diags)
				}
				return
			}
			if diags.WarningsCount() != 1 {
				t.Fatalf("want one warning, got %v", diags)
			}
			w := diags.Warnings()[0]
			if w.Summary() != "Sensitive Options Without Version" ||
				!strings.Contains(w.Detail(), "Set sensitive_options_version") {
				t.Fatalf("warning: %s: %s", w.Summary(), w.Detail())
			}
			if strings.Contains(w.Detail(), "s3cr3t-value") {
				t.Fatal("the warning quotes the secret")
			}
		})
	}
}
