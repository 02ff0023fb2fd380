// Package fwutil holds terraform-plugin-framework helpers that several
// resources share and that hold no rule of this provider.
package fwutil

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// EmptyResource decodes into target (a pointer to a resource model) the
// state a list result starts from: every attribute null, typed as the
// resource schema of req types it, which is also where an import starts.
func EmptyResource(ctx context.Context, req list.ListRequest, target any) diag.Diagnostics {
	var diags diag.Diagnostics
	typ, ok := req.ResourceSchema.Type().TerraformType(ctx).(tftypes.Object)
	if !ok {
		diags.AddError("Unexpected Resource Schema",
			fmt.Sprintf("The resource schema is a %s, not an object. Please report this issue to the provider developers.", typ))
		return diags
	}
	nulls := make(map[string]tftypes.Value, len(typ.AttributeTypes))
	for name, t := range typ.AttributeTypes {
		nulls[name] = tftypes.NewValue(t, nil)
	}
	empty := tfsdk.State{Schema: req.ResourceSchema, Raw: tftypes.NewValue(typ, nulls)}
	return empty.Get(ctx, target)
}
