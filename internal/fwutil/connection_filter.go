package fwutil

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/seedtf/terraform-provider-auth0/internal/auth0api"
)

// connectionFilter is the configuration of a list block that finds
// connections as GET /connections filters them.
type connectionFilter struct {
	Strategy types.List   `tfsdk:"strategy"`
	Name     types.String `tfsdk:"name"`
}

// ConnectionFilterAttributes are the attributes of such a block; strategy
// validates each strategy named.
func ConnectionFilterAttributes(strategy validator.String) map[string]listschema.Attribute {
	return map[string]listschema.Attribute{
		"strategy": listschema.ListAttribute{
			MarkdownDescription: "Keep only connections of these strategies.",
			ElementType:         types.StringType,
			Optional:            true,
			Validators:          []validator.List{listvalidator.ValueStringsAre(strategy)},
		},
		"name": listschema.StringAttribute{
			MarkdownDescription: "Keep only the connection of exactly this name.",
			Optional:            true,
		},
	}
}

// ConnectionFilter reads the filter of a list block with
// ConnectionFilterAttributes.
func ConnectionFilter(ctx context.Context, req list.ListRequest) (auth0api.ListFilter, diag.Diagnostics) {
	var config connectionFilter
	diags := req.Config.Get(ctx, &config)
	filter := auth0api.ListFilter{Name: config.Name.ValueString()}
	if !diags.HasError() && !config.Strategy.IsNull() {
		diags.Append(config.Strategy.ElementsAs(ctx, &filter.Strategies, false)...)
	}
	return filter, diags
}
