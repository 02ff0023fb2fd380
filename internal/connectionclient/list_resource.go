package connectionclient

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
	_ list.ListResource              = (*clientListResource)(nil)
	_ list.ListResourceWithConfigure = (*clientListResource)(nil)
)

// NewListResource returns the auth0_connection_client list resource: one
// result for every application enabled on a connection.
func NewListResource() list.ListResource {
	return &clientListResource{}
}

type clientListResource struct {
	client *auth0api.Client
}

func (r *clientListResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_connection_client"
}

func (r *clientListResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = listschema.Schema{
		MarkdownDescription: "Finds every application enabled on a connection, optionally on connections of some " +
			"strategies or of one name: one `auth0_connection_client` each. It reads the enabled clients of every " +
			"connection listed, one call per connection. A connection's applications belong either to " +
			"`auth0_connection_client` resources or to one `auth0_connection_clients`: generate one kind only.",
		Attributes: fwutil.ConnectionFilterAttributes(stringvalidator.LengthAtLeast(1)),
	}
}

func (r *clientListResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
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

func (r *clientListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	filter, diags := fwutil.ConnectionFilter(ctx, req)
	if diags.HasError() {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	stream.Results = func(push func(list.ListResult) bool) {
		out := fwutil.NewResults(req, push)
		err := r.client.EachConnectionsClients(ctx, filter, func(c *auth0api.Connection, enabled []string) bool {
			for _, clientID := range enabled {
				if !out.Push(r.result(ctx, req, c, clientID)) {
					return false
				}
			}
			return true
		})
		if err != nil {
			var diags diag.Diagnostics
			diagnostics.AddAPIError(&diags, nil, "Unable to List Enabled Clients",
				"Auth0 did not list the connections or the clients enabled for one of them.",
				"Check the provider's credentials and scopes (read:connections), then run the query again.", err)
			out.Fail(list.ListResult{Diagnostics: diags})
		}
	}
}

func (r *clientListResource) result(ctx context.Context, req list.ListRequest, c *auth0api.Connection, clientID string) list.ListResult {
	result := req.NewListResult(ctx)
	result.DisplayName = joinID(c.ID, clientID)
	m := model{ConnectionID: types.StringValue(c.ID), ClientID: types.StringValue(clientID)}
	setConnection(&m, c)
	if req.IncludeResource {
		result.Diagnostics.Append(result.Resource.Set(ctx, m)...)
	}
	result.Diagnostics.Append(result.Identity.Set(ctx, identityModel{ConnectionID: m.ConnectionID, ClientID: m.ClientID})...)
	return result
}
