package connection

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/seedtf/terraform-provider-auth0/internal/options"
	"github.com/seedtf/terraform-provider-auth0/internal/optionschema"
)

var _ resource.ResourceWithValidateConfig = (*connectionResource)(nil)

// ValidateConfig reports, at plan time, what the options rules find in the
// configuration (the rules are the options and optionschema packages'):
// typed option keys checked against the API's schema (on options and
// sensitive_options merged, as they are sent), derived keys Auth0 would
// overwrite, a key set both in options and in sensitive_options, and
// secrets written in plain options. Values not known until apply are
// checked then, by the API.
func (r *connectionResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var plain, secret types.Dynamic
	var strategy types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, optionsPath, &plain)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, sensitiveOptionsPath, &secret)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("strategy"), &strategy)...)
	if resp.Diagnostics.HasError() {
		return
	}
	plainJSON, _ := options.ToJSONPartial(plain, optionschema.Unknown).(map[string]any)
	secretJSON, _ := options.ToJSONPartial(secret, optionschema.Unknown).(map[string]any)

	merged := map[string]any{}
	options.Overlay(merged, plainJSON)
	options.Overlay(merged, secretJSON)
	for _, v := range optionschema.Validate(merged) {
		if v.Missing && options.SecretPath(strings.Join(v.Keys, ".")) {
			// A required secret may be in Auth0 already (an imported
			// connection's generated configuration leaves it out); Auth0
			// asks for it where it is not.
			continue
		}
		at, message := optionsPath, v.Text()
		if len(v.Keys) > 0 {
			if _, inSecrets := secretJSON[v.Keys[0]]; inSecrets {
				// Never quote a secret back.
				at, message = sensitiveOptionsPath, v.Message
			}
		}
		resp.Diagnostics.AddAttributeError(at, "Invalid Option Value",
			fmt.Sprintf("options.%s %s. See the Management API's documentation of the connection's options.", v.Path, message))
	}
	if usable(strategy) {
		for _, v := range options.ConfiguredDerived(strategy.ValueString(), plainJSON) {
			resp.Diagnostics.AddAttributeError(optionsPath, "Option Derived By Auth0",
				fmt.Sprintf("%s %s. A configured value would show as a difference on every plan.", v.Dotted(), v.Message))
		}
	}
	for _, v := range options.SetTwice(plainJSON, secretJSON) {
		resp.Diagnostics.AddAttributeError(sensitiveOptionsPath, "Option Set Twice",
			fmt.Sprintf("%s %s, so it is not clear which to send. "+
				"Remove it from one of them: secrets belong in sensitive_options, which keeps them out of state and plans.", v.Dotted(), v.Message))
	}
	for _, v := range options.PlainSecrets(plainJSON) {
		resp.Diagnostics.AddAttributeWarning(optionsPath, "Secret In Plain Options",
			fmt.Sprintf("%s %s, and values in options are stored in the state and shown in plans. "+
				"Move it to sensitive_options (write-only, Terraform 1.11 or later) and set sensitive_options_version "+
				"to control when it is sent.", v.Dotted(), v.Message))
	}
}
