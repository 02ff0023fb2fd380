package connection

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
)

// optionsIsObject rejects `options` values that are not objects (or maps):
// the API takes an object and nothing else.
type optionsIsObject struct{}

var _ validator.Dynamic = optionsIsObject{}

func (optionsIsObject) Description(context.Context) string {
	return "value must be an object"
}

func (v optionsIsObject) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (optionsIsObject) ValidateDynamic(ctx context.Context, req validator.DynamicRequest, resp *validator.DynamicResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() || req.ConfigValue.IsUnderlyingValueUnknown() ||
		req.ConfigValue.IsUnderlyingValueNull() {
		return
	}
	switch req.ConfigValue.UnderlyingValue().(type) {
	case basetypes.ObjectValue, basetypes.MapValue:
		return
	}
	resp.Diagnostics.AddAttributeError(req.Path, "Invalid Options",
		fmt.Sprintf("options must be an object such as { passwordPolicy = \"good\" }, got a value of type %s.",
			req.ConfigValue.UnderlyingValue().Type(ctx)))
}
