package connection

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/seedtf/terraform-provider-auth0/internal/auth0api"
	"github.com/seedtf/terraform-provider-auth0/internal/diagnostics"
	"github.com/seedtf/terraform-provider-auth0/internal/providerdata"
)

var (
	_ datasource.DataSource              = (*connectionDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*connectionDataSource)(nil)
)

// NewDataSource returns the auth0_connection data source.
func NewDataSource() datasource.DataSource {
	return &connectionDataSource{}
}

type connectionDataSource struct {
	client *auth0api.Client
}

// dataSourceModel is connectionModel without the write-only attributes.
type dataSourceModel struct {
	ID                 types.String  `tfsdk:"id"`
	Name               types.String  `tfsdk:"name"`
	Strategy           types.String  `tfsdk:"strategy"`
	DisplayName        types.String  `tfsdk:"display_name"`
	IsDomainConnection types.Bool    `tfsdk:"is_domain_connection"`
	ShowAsButton       types.Bool    `tfsdk:"show_as_button"`
	Realms             types.List    `tfsdk:"realms"`
	Metadata           types.Map     `tfsdk:"metadata"`
	Authentication     types.Object  `tfsdk:"authentication"`
	ConnectedAccounts  types.Object  `tfsdk:"connected_accounts"`
	EnabledClients     types.Set     `tfsdk:"enabled_clients"`
	Options            types.Dynamic `tfsdk:"options"`
}

func (d *connectionDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_connection"
}

func (d *connectionDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	exactlyOne := stringvalidator.ExactlyOneOf(path.MatchRoot("id"), path.MatchRoot("name"))
	resp.Schema = schema.Schema{
		MarkdownDescription: "Looks up one connection by `id` or by `name`. Secret option keys are left out of `options`.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The connection's id (`con_…`). Exactly one of `id` and `name` must be set.",
				Optional:            true,
				Computed:            true,
				Validators:          []validator.String{exactlyOne},
			},
			"name": schema.StringAttribute{
				MarkdownDescription: "The connection's name. Exactly one of `id` and `name` must be set.",
				Optional:            true,
				Computed:            true,
				Validators:          []validator.String{exactlyOne},
			},
			"strategy":             schema.StringAttribute{MarkdownDescription: "The identity provider.", Computed: true},
			"display_name":         schema.StringAttribute{MarkdownDescription: "The name shown on the login page.", Computed: true},
			"is_domain_connection": schema.BoolAttribute{MarkdownDescription: "Whether this is a domain-level connection.", Computed: true},
			"show_as_button":       schema.BoolAttribute{MarkdownDescription: "Whether the login page shows the connection as a button.", Computed: true},
			"realms": schema.ListAttribute{
				MarkdownDescription: "The realms of the connection.", ElementType: types.StringType, Computed: true,
			},
			"metadata": schema.MapAttribute{
				MarkdownDescription: "The connection's metadata.", ElementType: types.StringType, Computed: true,
			},
			"authentication": schema.SingleNestedAttribute{
				MarkdownDescription: "Whether the connection can be used to authenticate users.",
				Computed:            true,
				Attributes: map[string]schema.Attribute{
					"active": schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether authentication is on."},
				},
			},
			"connected_accounts": schema.SingleNestedAttribute{
				MarkdownDescription: "Whether the connection can be used to connect accounts.",
				Computed:            true,
				Attributes: map[string]schema.Attribute{
					"active":           schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether connected accounts are on."},
					"cross_app_access": schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether cross-app access is on."},
				},
			},
			"enabled_clients": schema.SetAttribute{
				MarkdownDescription: "The client ids of the applications enabled for the connection.",
				ElementType:         types.StringType,
				Computed:            true,
			},
			"options": schema.DynamicAttribute{
				MarkdownDescription: "All of the connection's options but the secret keys, which are left out as an import leaves them out. " +
					"Sensitive, since a secret Auth0 keeps under a key the provider does not know would show: an `output` of it " +
					"needs `sensitive = true`, or `nonsensitive()` around the keys you mean to show.",
				Computed:  true,
				Sensitive: true,
			},
		},
	}
}

func (d *connectionDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
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

func (d *connectionDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var config dataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	var conn *auth0api.Connection
	var err error
	lookup := fmt.Sprintf("id %q", config.ID.ValueString())
	if !config.ID.IsNull() {
		conn, err = d.client.ReadConnection(ctx, config.ID.ValueString())
	} else {
		lookup = fmt.Sprintf("name %q", config.Name.ValueString())
		conn, err = d.client.FindConnectionByName(ctx, config.Name.ValueString())
		if err == nil && conn == nil {
			resp.Diagnostics.AddAttributeError(path.Root("name"), "Connection Not Found",
				fmt.Sprintf("Auth0 has no connection named %q. Check the name (it is case-sensitive).", config.Name.ValueString()))
			return
		}
	}
	if auth0api.IsNotFound(err) {
		resp.Diagnostics.AddAttributeError(path.Root("id"), "Connection Not Found",
			fmt.Sprintf("Auth0 has no connection with %s.\n\n%s", lookup, err))
		return
	}
	if err != nil {
		diagnostics.AddAPIError(&resp.Diagnostics, nil, "Unable to Read Connection",
			fmt.Sprintf("Auth0 did not return the connection with %s.", lookup),
			"Check the provider's credentials and scopes (read:connections), then try again.", err)
		return
	}
	if conn.EnabledClients == nil {
		// Left out of the answer (see auth0api.Connection): one more call
		// tells.
		enabled, err := d.client.EnabledClients(ctx, conn.ID)
		if err != nil {
			diagnostics.AddAPIError(&resp.Diagnostics, nil, "Unable to Read Enabled Clients",
				fmt.Sprintf("Auth0 did not return the clients enabled for the connection with %s.", lookup),
				"Check the provider's credentials and scopes (read:connections), then try again.", err)
			return
		}
		conn.EnabledClients = &enabled
	}
	m, diags := fromAPI(ctx, conn, connectionModel{}, allOptions)
	resp.Diagnostics.Append(diags...)
	resp.Diagnostics.Append(resp.State.Set(ctx, dataSourceModel{
		ID: m.ID, Name: m.Name, Strategy: m.Strategy, DisplayName: m.DisplayName,
		IsDomainConnection: m.IsDomainConnection, ShowAsButton: m.ShowAsButton, Realms: m.Realms,
		Metadata: m.Metadata, Authentication: m.Authentication, ConnectedAccounts: m.ConnectedAccounts,
		EnabledClients: m.EnabledClients, Options: m.Options,
	})...)
}
