package connection

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// optionsUnmanagedWhenOmitted plans `options` when the configuration leaves
// it out: null at create, so that a subset configured later only adds keys
// (planning the server's full options here would make every default look
// managed, and the next update would delete them); the prior value after
// that, so the plan shows no change and Update sends no options.
type optionsUnmanagedWhenOmitted struct{}

var _ planmodifier.Dynamic = optionsUnmanagedWhenOmitted{}

func (optionsUnmanagedWhenOmitted) Description(context.Context) string {
	return "Options left out of the configuration are not managed: null at create, unchanged after."
}

func (m optionsUnmanagedWhenOmitted) MarkdownDescription(ctx context.Context) string {
	return m.Description(ctx)
}

func (optionsUnmanagedWhenOmitted) PlanModifyDynamic(_ context.Context, req planmodifier.DynamicRequest, resp *planmodifier.DynamicResponse) {
	if !req.ConfigValue.IsNull() {
		return
	}
	if req.State.Raw.IsNull() {
		resp.PlanValue = types.DynamicNull()
		return
	}
	resp.PlanValue = req.StateValue
}
