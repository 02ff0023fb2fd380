package connectionprofile

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/seedtf/terraform-provider-auth0/internal/auth0api"
	"github.com/seedtf/terraform-provider-auth0/internal/diagnostics"
	"github.com/seedtf/terraform-provider-auth0/internal/fwutil"
	"github.com/seedtf/terraform-provider-auth0/internal/providerdata"
)

var (
	_ list.ListResource              = (*profileListResource)(nil)
	_ list.ListResourceWithConfigure = (*profileListResource)(nil)
)

// NewListResource returns the auth0_connection_profile list resource: every
// profile of the tenant, for `terraform query`.
func NewListResource() list.ListResource {
	return &profileListResource{}
}

type profileListResource struct {
	client *auth0api.Client
}

func (r *profileListResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_connection_profile"
}

func (r *profileListResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = listschema.Schema{
		MarkdownDescription: "Finds every connection profile of the tenant, reading the checkpoint pages of `/connection-profiles`.",
	}
}

func (r *profileListResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	data, err := providerdata.From(req.ProviderData)
	if err != nil {
		diagnostics.AddConfigureError(&resp.Diagnostics, err)
		return
	}
	if data == nil {
		return
	}
	r.client = data.Client
}

func (r *profileListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	stream.Results = func(push func(list.ListResult) bool) {
		out := fwutil.NewResults(req, push)
		err := r.client.ListConnectionProfiles(ctx, func(p *auth0api.ConnectionProfile) bool {
			result := req.NewListResult(ctx)
			result.DisplayName = p.Name
			setIdentity(ctx, p.ID, result.Identity, &result.Diagnostics)
			if req.IncludeResource {
				// As an import reads it: from a state of nulls.
				result.Diagnostics.Append(result.Resource.Set(ctx, fromAPI(p, &model{}))...)
			}
			return out.Push(result)
		})
		if err != nil {
			var diags diag.Diagnostics
			diagnostics.AddAPIError(&diags, nil, "Unable to List Connection Profiles", "Auth0 did not list the connection profiles.",
				"Check the provider's credentials and scopes (read:connection_profiles), then run the query again.", err)
			out.Fail(list.ListResult{Diagnostics: diags})
		}
	}
}
