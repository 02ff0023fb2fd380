package connectionclients

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/seedtf/terraform-provider-auth0/internal/auth0api"
	"github.com/seedtf/terraform-provider-auth0/internal/diagnostics"
	"github.com/seedtf/terraform-provider-auth0/internal/fwutil"
	"github.com/seedtf/terraform-provider-auth0/internal/providerdata"
)

var (
	_ list.ListResource              = (*listResource)(nil)
	_ list.ListResourceWithConfigure = (*listResource)(nil)
)

// NewListResource returns the auth0_connection_clients list resource: one
// result for every connection that has applications enabled.
func NewListResource() list.ListResource {
	return &listResource{}
}

type listResource struct {
	client *auth0api.Client
}

func (r *listResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_connection_clients"
}

func (r *listResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = listschema.Schema{
		MarkdownDescription: "Finds the connections that have applications enabled, optionally of some strategies or " +
			"of one name: one `auth0_connection_clients` each. It reads the enabled clients of every connection listed, " +
			"one call per connection.",
		Attributes: fwutil.ConnectionFilterAttributes(stringvalidator.LengthAtLeast(1)),
	}
}

func (r *listResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
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

func (r *listResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	filter, diags := fwutil.ConnectionFilter(ctx, req)
	if diags.HasError() {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	stream.Results = func(push func(list.ListResult) bool) {
		out := fwutil.NewResults(req, push)
		err := r.client.EachConnectionsClients(ctx, filter, func(c *auth0api.Connection, enabled []string) bool {
			return out.Push(r.result(ctx, req, c, enabled))
		})
		if err != nil {
			out.Fail(listError(err))
		}
	}
}

func (r *listResource) result(ctx context.Context, req list.ListRequest, c *auth0api.Connection, enabled []string) list.ListResult {
	result := req.NewListResult(ctx)
	result.DisplayName = c.ID
	if c.Name != nil {
		result.DisplayName = *c.Name
	}
	result.Diagnostics.Append(setIdentity(ctx, result.Identity, types.StringValue(c.ID))...)
	if !req.IncludeResource {
		return result
	}
	var m model
	result.Diagnostics.Append(fwutil.EmptyResource(ctx, req, &m)...)
	m.ConnectionID = types.StringValue(c.ID)
	set, diags := types.SetValueFrom(ctx, types.StringType, enabled)
	result.Diagnostics.Append(diags...)
	m.EnabledClients = set
	if !result.Diagnostics.HasError() {
		result.Diagnostics.Append(result.Resource.Set(ctx, m)...)
	}
	return result
}

// listError is the result that ends a listing Auth0 did not answer.
func listError(err error) list.ListResult {
	var diags diag.Diagnostics
	diagnostics.AddAPIError(&diags, nil, "Unable to List Enabled Clients",
		"Auth0 did not list the connections or the clients enabled for one of them.",
		"Check the provider's credentials and scopes (read:connections), then run the query again.", err)
	return list.ListResult{Diagnostics: diags}
}
