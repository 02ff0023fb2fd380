package connection

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/seedtf/terraform-provider-auth0/internal/auth0api"
	"github.com/seedtf/terraform-provider-auth0/internal/diagnostics"
	"github.com/seedtf/terraform-provider-auth0/internal/providerdata"
)

var (
	_ datasource.DataSource              = (*connectionsDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*connectionsDataSource)(nil)
)

// NewListDataSource returns the auth0_connections data source.
func NewListDataSource() datasource.DataSource {
	return &connectionsDataSource{}
}

type connectionsDataSource struct {
	client *auth0api.Client
}

type connectionsModel struct {
	ID          types.String `tfsdk:"id"`
	Strategy    types.List   `tfsdk:"strategy"`
	Name        types.String `tfsdk:"name"`
	Connections types.List   `tfsdk:"connections"`
}

var listedConnectionAttrTypes = map[string]attr.Type{
	"id":                   types.StringType,
	"name":                 types.StringType,
	"strategy":             types.StringType,
	"display_name":         types.StringType,
	"realms":               types.ListType{ElemType: types.StringType},
	"is_domain_connection": types.BoolType,
	"show_as_button":       types.BoolType,
	"metadata":             types.MapType{ElemType: types.StringType},
}

func (d *connectionsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_connections"
}

func (d *connectionsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the tenant's connections, optionally of some strategies or of one name, " +
			"reading them in pages of 100.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "An identifier of this listing, derived from the filters.",
				Computed:            true,
			},
			"strategy": schema.ListAttribute{
				MarkdownDescription: "Keep only connections of these strategies.",
				ElementType:         types.StringType,
				Optional:            true,
			},
			"name": schema.StringAttribute{
				MarkdownDescription: "Keep only the connection of exactly this name.",
				Optional:            true,
			},
			"connections": schema.ListNestedAttribute{
				MarkdownDescription: "The connections, in the order Auth0 lists them.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{
					Attributes: map[string]schema.Attribute{
						"id":                   schema.StringAttribute{Computed: true, MarkdownDescription: "The connection's id."},
						"name":                 schema.StringAttribute{Computed: true, MarkdownDescription: "The connection's name."},
						"strategy":             schema.StringAttribute{Computed: true, MarkdownDescription: "The identity provider."},
						"display_name":         schema.StringAttribute{Computed: true, MarkdownDescription: "The name shown on the login page."},
						"realms":               schema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "The realms."},
						"is_domain_connection": schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether it is a domain-level connection."},
						"show_as_button":       schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether it shows as a button."},
						"metadata":             schema.MapAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "The metadata."},
					},
				},
			},
		},
	}
}

func (d *connectionsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	data, err := providerdata.From(req.ProviderData)
	if err != nil {
		diagnostics.AddConfigureError(&resp.Diagnostics, err)
		return
	}
	if data == nil {
		return
	}
	d.client = data.Client
}

func (d *connectionsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var config connectionsModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	filter := auth0api.ListFilter{Name: config.Name.ValueString()}
	if !config.Strategy.IsNull() {
		resp.Diagnostics.Append(config.Strategy.ElementsAs(ctx, &filter.Strategies, false)...)
	}
	var items []attr.Value
	err := d.client.ListConnections(ctx, filter, func(c *auth0api.Connection) bool {
		m, diags := fromAPI(ctx, c, connectionModel{Options: types.DynamicNull()}, managedOptions)
		resp.Diagnostics.Append(diags...)
		items = append(items, types.ObjectValueMust(listedConnectionAttrTypes, map[string]attr.Value{
			"id": m.ID, "name": m.Name, "strategy": m.Strategy, "display_name": m.DisplayName,
			"realms": m.Realms, "is_domain_connection": m.IsDomainConnection,
			"show_as_button": m.ShowAsButton, "metadata": m.Metadata,
		}))
		return true
	})
	if err != nil {
		diagnostics.AddAPIError(&resp.Diagnostics, nil, "Unable to List Connections", "Auth0 did not list the connections.",
			"Check the provider's credentials and scopes (read:connections), then try again.", err)
		return
	}
	list, diags := types.ListValue(types.ObjectType{AttrTypes: listedConnectionAttrTypes}, items)
	resp.Diagnostics.Append(diags...)
	config.Connections = list
	strategies := slices.Clone(filter.Strategies)
	slices.Sort(strategies)
	config.ID = types.StringValue(fmt.Sprintf("connections?strategy=%s&name=%s", strings.Join(strategies, ","), filter.Name))
	resp.Diagnostics.Append(resp.State.Set(ctx, config)...)
}
