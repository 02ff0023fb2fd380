package connection

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/seedtf/terraform-provider-auth0/internal/options"
)

// optionsPlan plans `options` so that the plan shows exactly what apply
// will do to them; the rules are options.Plan's, this turns them into the
// plan and its warnings.
type optionsPlan struct{}

var _ planmodifier.Dynamic = optionsPlan{}

func (optionsPlan) Description(context.Context) string {
	return "Plans only what apply does to the options: unmanaged when left out, no difference when Auth0 already holds them."
}

func (m optionsPlan) MarkdownDescription(ctx context.Context) string {
	return m.Description(ctx)
}

func (optionsPlan) PlanModifyDynamic(ctx context.Context, req planmodifier.DynamicRequest, resp *planmodifier.DynamicResponse) {
	if req.State.Raw.IsNull() {
		// At create, options left out are not managed.
		if req.ConfigValue.IsNull() {
			resp.PlanValue = types.DynamicNull()
		}
		return
	}
	if req.Plan.Raw.IsNull() || replaced(ctx, req) {
		return
	}
	imported, diags := optionsImported(ctx, req.Private)
	resp.Diagnostics.Append(diags...)
	var strategy types.String
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("strategy"), &strategy)...)
	planned := options.Plan(strategy.ValueString(), req.StateValue, req.ConfigValue, imported)
	resp.PlanValue = planned.Value
	if planned.StopsManaging {
		resp.Diagnostics.AddAttributeWarning(req.Path, "Options No Longer Managed",
			"options is no longer in the configuration, so Terraform stops managing the connection's options. "+
				"The plan shows them becoming null in the state only: apply sends no options, and Auth0 keeps them as they are. "+
				"Keys written into options later are added to what Auth0 holds then.")
	}
	if len(planned.RemovedButKept) > 0 {
		why := "Auth0 keeps them when an update leaves them out"
		if imported {
			why = "the import read all of the connection's options, and only the keys in the configuration are managed"
		}
		resp.Diagnostics.AddAttributeWarning(req.Path, "Options Shown As Removed Stay In Auth0",
			fmt.Sprintf("The plan shows options.%s as removed, but apply leaves them in Auth0 as they are: %s. "+
				"After this apply they are no longer in the state.", strings.Join(planned.RemovedButKept, ", options."), why))
	}
}

// replaced reports whether the plan replaces the connection: its options
// are then those of a new one.
func replaced(ctx context.Context, req planmodifier.DynamicRequest) bool {
	for _, attr := range []string{"name", "strategy"} {
		var planned, prior types.String
		req.Plan.GetAttribute(ctx, path.Root(attr), &planned)
		req.State.GetAttribute(ctx, path.Root(attr), &prior)
		if !planned.Equal(prior) {
			return true
		}
	}
	return false
}

// importedOptionsKey marks, in private state, that the state's options are
// the full set an import read: none of them is managed until a
// configuration's options are applied.
const importedOptionsKey = "imported_options"

func optionsImported(ctx context.Context, private privateState) (bool, diag.Diagnostics) {
	if private == nil {
		return false, nil
	}
	raw, diags := private.GetKey(ctx, importedOptionsKey)
	return string(raw) == "true", diags
}

func setOptionsImported(ctx context.Context, private privateState, imported bool) diag.Diagnostics {
	if imported {
		return private.SetKey(ctx, importedOptionsKey, []byte("true"))
	}
	return private.SetKey(ctx, importedOptionsKey, nil)
}
