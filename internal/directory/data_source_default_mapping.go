package directory

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/seedtf/terraform-provider-auth0/internal/auth0api"
	"github.com/seedtf/terraform-provider-auth0/internal/diagnostics"
)

var (
	_ datasource.DataSource              = (*defaultMappingDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*defaultMappingDataSource)(nil)
)

// NewDefaultMappingDataSource returns the
// auth0_connection_directory_default_mapping data source.
func NewDefaultMappingDataSource() datasource.DataSource { return &defaultMappingDataSource{} }

type defaultMappingDataSource struct {
	client *auth0api.Client
}

type defaultMappingModel struct {
	ID           types.String `tfsdk:"id"`
	ConnectionID types.String `tfsdk:"connection_id"`
	Mapping      types.List   `tfsdk:"mapping"`
}

func (d *defaultMappingDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_connection_directory_default_mapping"
}

func (d *defaultMappingDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The attribute mapping Auth0 gives a connection's directory provisioning by default: " +
			"a start for the `mapping` of `auth0_connection_directory`.",
		Attributes: map[string]schema.Attribute{
			"id":            computedFields()["id"],
			"connection_id": schema.StringAttribute{MarkdownDescription: connectionIDDesc, Required: true},
			"mapping":       computedFields()["mapping"],
		},
	}
}

func (d *defaultMappingDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	configureDataSource(req, resp, &d.client)
}

func (d *defaultMappingDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg defaultMappingModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := cfg.ConnectionID.ValueString()
	mapping, err := d.client.DirectoryDefaultMapping(ctx, id)
	if err != nil {
		diagnostics.AddAPIError(&resp.Diagnostics, nil, "Unable to Read Default Directory Mapping",
			fmt.Sprintf("Auth0 did not return the default directory mapping of connection %q.", id),
			"Check that the connection exists and is a Google Workspace (google-apps) connection, and the provider's scopes "+
				"(read:directory_provisionings), then try again.", err)
		return
	}
	list, diags := mappingFromAPI(mapping)
	resp.Diagnostics.Append(diags...)
	cfg.Mapping = list
	cfg.ID = cfg.ConnectionID
	resp.Diagnostics.Append(resp.State.Set(ctx, cfg)...)
}
