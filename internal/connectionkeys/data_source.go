package connectionkeys

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/seedtf/terraform-provider-auth0/internal/auth0api"
)

var (
	_ datasource.DataSource              = (*keysDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*keysDataSource)(nil)
)

// NewDataSource returns the auth0_connection_keys data source.
func NewDataSource() datasource.DataSource { return &keysDataSource{} }

type keysDataSource struct {
	client *auth0api.Client
}

type dataSourceModel struct {
	ConnectionID types.String `tfsdk:"connection_id"`
	Keys         types.List   `tfsdk:"keys"`
}

func (d *keysDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_connection_keys"
}

func (d *keysDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The signing keys of an oidc or okta connection, read-only: for a connection whose keys " +
			"another configuration (or the dashboard) manages, such as to publish the certificates to an identity provider.",
		Attributes: map[string]schema.Attribute{
			"connection_id": schema.StringAttribute{
				MarkdownDescription: "The id of the connection (`con_…`), an oidc or okta connection.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"keys": schema.ListNestedAttribute{
				MarkdownDescription: "The connection's signing keys as Auth0 lists them: the current key, the previous one " +
					"after a rotation, and the next one. Empty for a connection that has none yet.",
				Computed:     true,
				NestedObject: schema.NestedAttributeObject{Attributes: dataSourceKeyAttributes()},
			},
		},
	}
}

func (d *keysDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	if client := clientFrom(req.ProviderData, &resp.Diagnostics); client != nil {
		d.client = client
	}
}

func (d *keysDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m dataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := m.ConnectionID.ValueString()
	keys, err := d.client.ConnectionKeys(ctx, id)
	if err != nil {
		addKeysError(&resp.Diagnostics, id, "Unable to Read Connection Keys",
			fmt.Sprintf("Auth0 did not return the signing keys of connection %q.", id),
			"Check the provider's credentials and scopes (read:connections_keys), then try again.", err)
		return
	}
	list, diags := keysValue(keys)
	resp.Diagnostics.Append(diags...)
	m.Keys = list
	if !resp.Diagnostics.HasError() {
		resp.Diagnostics.Append(resp.State.Set(ctx, m)...)
	}
}
