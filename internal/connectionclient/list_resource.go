package connectionclient

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/seedtf/terraform-provider-auth0/internal/auth0api"
	"github.com/seedtf/terraform-provider-auth0/internal/diagnostics"
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

type listModel struct {
	Strategy types.List   `tfsdk:"strategy"`
	Name     types.String `tfsdk:"name"`
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
		Attributes: map[string]listschema.Attribute{
			"strategy": listschema.ListAttribute{
				MarkdownDescription: "Keep only connections of these strategies.",
				ElementType:         types.StringType,
				Optional:            true,
				Validators:          []validator.List{listvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1))},
			},
			"name": listschema.StringAttribute{
				MarkdownDescription: "Keep only the connection of exactly this name.",
				Optional:            true,
			},
		},
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
	var config listModel
	if diags := req.Config.Get(ctx, &config); diags.HasError() {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	filter := auth0api.ListFilter{Name: config.Name.ValueString()}
	if !config.Strategy.IsNull() {
		if diags := config.Strategy.ElementsAs(ctx, &filter.Strategies, false); diags.HasError() {
			stream.Results = list.ListResultsStreamDiagnostics(diags)
			return
		}
	}
	stream.Results = func(push func(list.ListResult) bool) {
		var pushed int64
		stopped := false
		err := r.client.EachConnectionsClients(ctx, filter, func(c *auth0api.Connection, enabled []string) bool {
			for _, clientID := range enabled {
				if req.Limit > 0 && pushed >= req.Limit {
					return false
				}
				pushed++
				if stopped = !push(r.result(ctx, req, c, clientID)); stopped {
					return false
				}
			}
			return true
		})
		if err != nil && !stopped {
			var diags diag.Diagnostics
			diagnostics.AddAPIError(&diags, nil, "Unable to List Enabled Clients",
				"Auth0 did not list the connections or the clients enabled for one of them.",
				"Check the provider's credentials and scopes (read:connections), then run the query again.", err)
			push(list.ListResult{Diagnostics: diags})
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
