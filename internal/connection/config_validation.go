package connection

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/seedtf/terraform-provider-auth0/internal/options"
	"github.com/seedtf/terraform-provider-auth0/internal/optionschema"
)

var _ resource.ResourceWithValidateConfig = (*connectionResource)(nil)

// ValidateConfig checks the typed option keys against the API's schema (on
// options and sensitive_options merged, as they are sent), a key set both in
// options and in sensitive_options, and secrets written in plain options.
// Values not known until apply are checked then, by the API.
func (r *connectionResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var plain, secret types.Dynamic
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, optionsPath, &plain)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, sensitiveOptionsPath, &secret)...)
	if resp.Diagnostics.HasError() {
		return
	}
	plainJSON, _ := options.ToJSONPartial(plain, optionschema.Unknown).(map[string]any)
	secretJSON, _ := options.ToJSONPartial(secret, optionschema.Unknown).(map[string]any)

	merged := map[string]any{}
	options.Overlay(merged, plainJSON)
	options.Overlay(merged, secretJSON)
	for _, v := range optionschema.Validate(merged) {
		at, message := optionsPath, v.Message
		if _, inSecrets := secretJSON[topLevelKey(v.Path)]; inSecrets {
			// Never quote a secret back.
			at, message = sensitiveOptionsPath, strings.SplitN(message, ", got ", 2)[0]
		}
		resp.Diagnostics.AddAttributeError(at, "Invalid Option Value",
			fmt.Sprintf("options.%s %s. See the Management API's documentation of the connection's options.", v.Path, message))
	}

	var strategy types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("strategy"), &strategy)...)
	if usable(strategy) {
		for _, v := range options.ConfiguredDerived(strategy.ValueString(), plainJSON) {
			resp.Diagnostics.AddAttributeError(optionsPath, "Option Derived By Auth0",
				fmt.Sprintf("%s %s. A configured value would show as a difference on every plan.", v.Dotted(), v.Message))
		}
	}
	for _, key := range setTwice(plainJSON, secretJSON, "") {
		resp.Diagnostics.AddAttributeError(sensitiveOptionsPath, "Option Set Twice",
			fmt.Sprintf("options.%s is set both in options and in sensitive_options, so it is not clear which to send. "+
				"Remove it from one of them: secrets belong in sensitive_options, which keeps them out of state and plans.", key))
	}
	for _, key := range plainSecrets(plainJSON, nil) {
		resp.Diagnostics.AddAttributeWarning(optionsPath, "Secret In Plain Options",
			fmt.Sprintf("options.%s holds a secret, and values in options are stored in the state and shown in plans. "+
				"Move it to sensitive_options (write-only, Terraform 1.11 or later) and set sensitive_options_version "+
				"to control when it is sent.", key))
	}
}

// topLevelKey returns the first key of a violation path such as
// "validation.username.min" or "precedence[0]".
func topLevelKey(path string) string {
	if i := strings.IndexAny(path, ".["); i >= 0 {
		return path[:i]
	}
	return path
}

// setTwice returns the keys (dotted paths) that both objects set, where at
// least one side is not an object: objects on both sides merge key by key.
func setTwice(a, b map[string]any, prefix string) []string {
	var keys []string
	for k, bv := range b {
		av, ok := a[k]
		if !ok {
			continue
		}
		aObj, aIsObj := av.(map[string]any)
		bObj, bIsObj := bv.(map[string]any)
		if aIsObj && bIsObj {
			keys = append(keys, setTwice(aObj, bObj, prefix+k+".")...)
			continue
		}
		keys = append(keys, prefix+k)
	}
	sort.Strings(keys)
	return keys
}

// plainSecrets returns the secret paths set (not null) in plain options.
func plainSecrets(m map[string]any, path []string) []string {
	var keys []string
	for k, v := range m {
		p := append(append([]string(nil), path...), k)
		if v == nil {
			continue
		}
		if options.SecretPath(strings.Join(p, ".")) {
			keys = append(keys, strings.Join(p, "."))
			continue
		}
		if child, ok := v.(map[string]any); ok {
			keys = append(keys, plainSecrets(child, p)...)
		}
	}
	sort.Strings(keys)
	return keys
}
