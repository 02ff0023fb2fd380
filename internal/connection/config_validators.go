package connection

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var _ resource.ResourceWithConfigValidators = (*connectionResource)(nil)

// ConfigValidators are the plan-time checks of the configuration that are
// declarations about attributes rather than options rules (those are in
// ValidateConfig).
func (r *connectionResource) ConfigValidators(context.Context) []resource.ConfigValidator {
	return []resource.ConfigValidator{sensitiveOptionsWithoutVersion{}}
}

// sensitiveOptionsWithoutVersion warns when sensitive_options is set and
// sensitive_options_version is not: Terraform keeps no copy of a write-only
// attribute, so the provider sends sensitive_options at create and then only
// when the version changes. Without a version, a later edit of a secret is
// never sent, and no plan shows it.
type sensitiveOptionsWithoutVersion struct{}

var _ resource.ConfigValidator = sensitiveOptionsWithoutVersion{}

const sensitiveOptionsWithoutVersionText = "sensitive_options is sent when the connection is created, and after that only " +
	"when sensitive_options_version changes: Terraform keeps no copy of a write-only attribute, so it cannot tell " +
	"when its value changes. Without sensitive_options_version, a later edit of sensitive_options (a rotated secret) " +
	"is never sent to Auth0 and no plan shows it. Set sensitive_options_version (for example \"1\") and change it " +
	"whenever you change sensitive_options."

func (sensitiveOptionsWithoutVersion) Description(context.Context) string {
	return "warns when sensitive_options is set without sensitive_options_version"
}

func (v sensitiveOptionsWithoutVersion) MarkdownDescription(ctx context.Context) string {
	return "warns when `sensitive_options` is set without `sensitive_options_version`"
}

func (sensitiveOptionsWithoutVersion) ValidateResource(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var secret types.Dynamic
	var version types.String
	if d := req.Config.GetAttribute(ctx, sensitiveOptionsPath, &secret); d.HasError() {
		return
	}
	if d := req.Config.GetAttribute(ctx, path.Root("sensitive_options_version"), &version); d.HasError() {
		return
	}
	// An unknown version is set (its value comes at apply); so is an
	// unknown sensitive_options.
	if secret.IsNull() || !version.IsNull() {
		return
	}
	resp.Diagnostics.AddAttributeWarning(sensitiveOptionsPath, "Sensitive Options Without Version", sensitiveOptionsWithoutVersionText)
}
