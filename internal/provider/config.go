package provider

import (
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/seedtf/terraform-provider-auth0/internal/auth0api"
)

// setting is one provider attribute with the environment variable that
// stands in for it.
type setting struct {
	attribute string
	envVar    string
	value     types.String
}

// resolveConfig merges the provider block with the environment (the block
// wins) and checks that the result can authenticate.
func resolveConfig(m providerModel, getenv func(string) string) (auth0api.Config, diag.Diagnostics) {
	var diags diag.Diagnostics
	resolve := func(s setting) string {
		if s.value.IsUnknown() {
			diags.AddAttributeError(path.Root(s.attribute), "Unknown Auth0 Provider Setting",
				fmt.Sprintf("The provider cannot be configured because %s is not known until apply. "+
					"Set it to a known value, or leave it out and set the %s environment variable.", s.attribute, s.envVar))
			return ""
		}
		if !s.value.IsNull() {
			return s.value.ValueString()
		}
		return getenv(s.envVar)
	}
	cfg := auth0api.Config{
		Domain:       resolve(setting{"domain", "AUTH0_DOMAIN", m.Domain}),
		ClientID:     resolve(setting{"client_id", "AUTH0_CLIENT_ID", m.ClientID}),
		ClientSecret: resolve(setting{"client_secret", "AUTH0_CLIENT_SECRET", m.ClientSecret}),
		APIToken:     resolve(setting{"api_token", "AUTH0_API_TOKEN", m.APIToken}),
		Audience:     resolve(setting{"audience", "AUTH0_AUDIENCE", m.Audience}),
	}
	if diags.HasError() {
		return cfg, diags
	}
	if usable(m.MaxRequestRate) {
		cfg.MaxRequestRate = m.MaxRequestRate.ValueFloat64()
	}
	if usable(m.RequestTimeout) {
		timeout, err := time.ParseDuration(m.RequestTimeout.ValueString())
		if err != nil || timeout <= 0 {
			diags.AddAttributeError(path.Root("request_timeout"), "Invalid Request Timeout",
				fmt.Sprintf("request_timeout must be a positive Go duration such as \"30s\" or \"2m\", got %q.", m.RequestTimeout.ValueString()))
		}
		cfg.RequestTimeout = timeout
	}

	missing := func(attribute, envVar, why string) {
		diags.AddAttributeError(path.Root(attribute), "Missing Auth0 "+attributeTitle[attribute],
			fmt.Sprintf("%s Set %s in the provider block or the %s environment variable.", why, attribute, envVar))
	}
	if cfg.Domain == "" {
		missing("domain", "AUTH0_DOMAIN", "The provider needs the tenant's domain, e.g. example.eu.auth0.com.")
	} else if _, err := auth0api.ParseDomain(cfg.Domain); err != nil {
		diags.AddAttributeError(path.Root("domain"), "Invalid Auth0 Domain",
			"Set domain (or AUTH0_DOMAIN) to the tenant's host name, e.g. example.eu.auth0.com, or an https URL.\n\n"+err.Error())
	}
	if cfg.APIToken != "" {
		// A token wins over client credentials, which are then not used.
		cfg.ClientID, cfg.ClientSecret = "", ""
		return cfg, diags
	}
	switch {
	case cfg.ClientID == "" && cfg.ClientSecret == "":
		diags.AddError("Missing Auth0 Credentials",
			"The provider needs either client credentials (client_id and client_secret, or the AUTH0_CLIENT_ID and "+
				"AUTH0_CLIENT_SECRET environment variables) or a Management API token (api_token, or AUTH0_API_TOKEN).")
	case cfg.ClientID == "":
		missing("client_id", "AUTH0_CLIENT_ID", "A client_secret is set but no client_id to go with it.")
	case cfg.ClientSecret == "":
		missing("client_secret", "AUTH0_CLIENT_SECRET", "A client_id is set but no client_secret to go with it.")
	}
	return cfg, diags
}

func usable(v attr.Value) bool { return !v.IsNull() && !v.IsUnknown() }

var attributeTitle = map[string]string{
	"domain":        "Domain",
	"client_id":     "Client ID",
	"client_secret": "Client Secret",
}
