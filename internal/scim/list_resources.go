package scim

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/seedtf/terraform-provider-auth0/internal/auth0api"
	"github.com/seedtf/terraform-provider-auth0/internal/diagnostics"
	"github.com/seedtf/terraform-provider-auth0/internal/fwutil"
)

var (
	_ list.ListResource              = (*configurationListResource)(nil)
	_ list.ListResourceWithConfigure = (*configurationListResource)(nil)
	_ list.ListResource              = (*tokenListResource)(nil)
	_ list.ListResourceWithConfigure = (*tokenListResource)(nil)
)

// NewConfigurationListResource returns the
// auth0_connection_scim_configuration list resource: every SCIM
// configuration of the tenant, for `terraform query`.
func NewConfigurationListResource() list.ListResource { return &configurationListResource{} }

// NewTokenListResource returns the auth0_connection_scim_token list
// resource: every token of every SCIM configuration of the tenant.
func NewTokenListResource() list.ListResource { return &tokenListResource{} }

type configurationListResource struct {
	client *auth0api.Client
}

type tokenListResource struct {
	client *auth0api.Client
}

func (r *configurationListResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_connection_scim_configuration"
}

func (r *tokenListResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_connection_scim_token"
}

func (r *configurationListResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = listschema.Schema{
		MarkdownDescription: "Finds every SCIM configuration of the tenant, reading the checkpoint pages of `/connections-scim-configurations`.",
	}
}

func (r *tokenListResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = listschema.Schema{
		MarkdownDescription: "Finds every SCIM token of the tenant: the SCIM configurations of `/connections-scim-configurations`, " +
			"then the tokens of each, one call per configuration. Auth0 never shows a token's value again, so `token` is null, " +
			"as an import leaves it.",
	}
}

func (r *configurationListResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = configure(req.ProviderData, &resp.Diagnostics)
}

func (r *tokenListResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = configure(req.ProviderData, &resp.Diagnostics)
}

// listFailed is the result a failed listing of the configurations ends with.
func listFailed(err error) list.ListResult {
	var diags diag.Diagnostics
	diagnostics.AddAPIError(&diags, nil, "Unable to List SCIM Configurations", "Auth0 did not list the SCIM configurations.",
		"Check the provider's credentials and scopes (read:scim_config), then run the query again.", err)
	return list.ListResult{Diagnostics: diags}
}

func (r *configurationListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	stream.Results = func(push func(list.ListResult) bool) {
		out := fwutil.NewResults(req, push)
		err := r.client.EachSCIMConfiguration(ctx, func(conf *auth0api.SCIMConfiguration) bool {
			return out.Push(configurationResult(ctx, req, conf, r.client.BaseURL()))
		})
		if err != nil {
			out.Fail(listFailed(err))
		}
	}
}

// configurationResult is one configuration as an import followed by Read
// leaves it: Read sets every attribute from the API's answer (fromAPI), and
// the listing's items are the same ScimConfiguration as GET
// /connections/{id}/scim-configuration answers (openapi-connections.json).
func configurationResult(ctx context.Context, req list.ListRequest, conf *auth0api.SCIMConfiguration, baseURL string) list.ListResult {
	result := req.NewListResult(ctx)
	result.DisplayName = conf.ConnectionName
	if result.DisplayName == "" {
		result.DisplayName = conf.ConnectionID
	}
	result.Diagnostics.Append(result.Identity.Set(ctx, connectionIdentity{ConnectionID: types.StringValue(conf.ConnectionID)})...)
	if req.IncludeResource {
		m, diags := fromAPI(conf, conf.ConnectionID, baseURL)
		result.Diagnostics.Append(diags...)
		if !result.Diagnostics.HasError() {
			result.Diagnostics.Append(result.Resource.Set(ctx, m)...)
		}
	}
	return result
}

func (r *tokenListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	stream.Results = func(push func(list.ListResult) bool) {
		out := fwutil.NewResults(req, push)
		var failed diag.Diagnostics
		err := r.client.EachSCIMConfiguration(ctx, func(conf *auth0api.SCIMConfiguration) bool {
			tokens, err := r.client.SCIMTokens(ctx, conf.ConnectionID)
			if auth0api.IsNotFound(err) {
				return true // deleted since it was listed
			}
			if err != nil {
				readFailed(&failed, "SCIM Tokens", conf.ConnectionID, err)
				return false
			}
			for i := range tokens {
				if !out.Push(tokenResult(ctx, req, conf, &tokens[i])) {
					return false
				}
			}
			return true
		})
		if err != nil {
			out.Fail(listFailed(err))
			return
		}
		if failed.HasError() {
			out.Fail(list.ListResult{Diagnostics: failed})
		}
	}
}

// importedToken is a token as ImportState and Read leave it: ImportState
// sets connection_id and token_id on a state of nulls, and Read copies the
// listed fields (setTokenFields), token_lifetime derived from the
// timestamps; the value (token) stays null.
func importedToken(ctx context.Context, connectionID string, tok *auth0api.SCIMToken) (tokenModel, diag.Diagnostics) {
	m := tokenModel{
		ConnectionID:  types.StringValue(connectionID),
		Scopes:        types.SetNull(types.StringType),
		TokenLifetime: types.Int64Null(),
		TokenID:       types.StringValue(tok.TokenID),
		Token:         types.StringNull(),
		CreatedAt:     types.StringNull(),
		ValidUntil:    types.StringNull(),
	}
	diags := setTokenFields(ctx, &m, tok)
	return m, diags
}

func tokenResult(ctx context.Context, req list.ListRequest, conf *auth0api.SCIMConfiguration, tok *auth0api.SCIMToken) list.ListResult {
	result := req.NewListResult(ctx)
	result.DisplayName = tok.TokenID
	if conf.ConnectionName != "" {
		result.DisplayName = conf.ConnectionName + " " + tok.TokenID
	}
	m, diags := importedToken(ctx, conf.ConnectionID, tok)
	result.Diagnostics.Append(diags...)
	setTokenIdentity(ctx, m, result.Identity, &result.Diagnostics)
	if req.IncludeResource && !result.Diagnostics.HasError() {
		result.Diagnostics.Append(result.Resource.Set(ctx, m)...)
	}
	return result
}
