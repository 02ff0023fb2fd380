package directory

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/seedtf/terraform-provider-auth0/internal/auth0api"
	"github.com/seedtf/terraform-provider-auth0/internal/diagnostics"
)

var (
	_ datasource.DataSource              = (*directoryDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*directoryDataSource)(nil)
)

// NewDirectoryDataSource returns the auth0_connection_directory data source.
func NewDirectoryDataSource() datasource.DataSource { return &directoryDataSource{} }

type directoryDataSource struct {
	client *auth0api.Client
}

func (d *directoryDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_connection_directory"
}

func (d *directoryDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := computedFields()
	attrs["connection_id"] = schema.StringAttribute{MarkdownDescription: connectionIDDesc, Required: true}
	resp.Schema = schema.Schema{
		MarkdownDescription: "The Google Workspace directory provisioning of a connection.",
		Attributes:          attrs,
	}
}

func (d *directoryDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	configureDataSource(req, resp, &d.client)
}

func (d *directoryDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg provisioningModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := cfg.ConnectionID.ValueString()
	got, err := d.client.DirectoryProvisioning(ctx, id)
	if err != nil {
		todo := directoryReadTodo
		happened := fmt.Sprintf("Auth0 did not return the directory provisioning of connection %q.", id)
		if auth0api.IsNotFound(err) {
			happened, todo = notFoundDetail("directory provisioning", id), directoryNotFoundFix
		}
		diagnostics.AddAPIError(&resp.Diagnostics, nil, "Unable to Read Directory Provisioning", happened, todo, err)
		return
	}
	state, diags := provisioningFromAPI(id, got)
	resp.Diagnostics.Append(diags...)
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
}
