package connection

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/seedtf/terraform-provider-auth0/internal/options"
	"github.com/seedtf/terraform-provider-auth0/internal/optionschema"
	"github.com/seedtf/terraform-provider-auth0/internal/strategyschema"
)

var _ resource.ResourceWithValidateConfig = (*connectionResource)(nil)

// ValidateConfig reports, at plan time, what the options rules find in the
// configuration (the rules are the options, optionschema and strategyschema
// packages'): typed option keys checked against the API's schema and against
// the strategy's own keys (on options and sensitive_options merged, as they
// are sent), keys the strategy does not know (a warning with the key most
// likely meant), derived keys Auth0 would overwrite, a key set both in
// options and in sensitive_options, and secrets written in plain options.
// Values not known until apply are checked then, by the API.
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
	var reported []string
	for _, v := range optionschema.Validate(merged) {
		reported = append(reported, strings.Join(v.Keys, "."))
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
		checkStrategyOptions(strategy.ValueString(), merged, secretJSON, reported, &resp.Diagnostics)
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

// checkStrategyOptions reports what the strategy's table finds in the merged
// options: a value of the wrong type or outside its enumeration is an error,
// a key the table does not know a warning (it is still sent). A path the
// generic schema already reported (reported, dotted keys) is not reported
// twice.
func checkStrategyOptions(strategy string, merged, secretJSON map[string]any, reported []string, diags *diag.Diagnostics) {
	for _, p := range strategyschema.Check(strategy, merged, optionschema.Unknown) {
		dotted := strings.Join(p.Keys, ".")
		if overlaps(dotted, reported) {
			continue
		}
		at, text := optionsPath, p.Text()
		if _, inSecrets := secretJSON[p.Keys[0]]; inSecrets {
			// Never quote a secret back.
			at, text = sensitiveOptionsPath, p.Message
		}
		if p.UnknownKey {
			hint := ""
			if p.Suggestion != "" {
				hint = fmt.Sprintf(" Did you mean options.%s?", suggestedPath(p))
			}
			diags.AddAttributeWarning(at, "Unknown Option Key",
				fmt.Sprintf("options.%s is not a key the Auth0 Management API documents for %s connections.%s "+
					"It is sent as written; Auth0 may ignore it.", p.Path, strategy, hint))
			continue
		}
		diags.AddAttributeError(at, "Invalid Option Value",
			fmt.Sprintf("options.%s %s, for %s connections.", p.Path, text, strategy))
	}
}

// suggestedPath is the path of a problem with its last key replaced by the
// suggestion.
func suggestedPath(p strategyschema.Problem) string {
	keys := append(append([]string(nil), p.Keys[:len(p.Keys)-1]...), p.Suggestion)
	return strings.Join(keys, ".")
}

// overlaps reports whether path equals, contains or is contained in one of
// the reported paths.
func overlaps(path string, reported []string) bool {
	for _, r := range reported {
		if path == r || strings.HasPrefix(path, r+".") || strings.HasPrefix(r, path+".") || r == "" {
			return true
		}
	}
	return false
}
