package directory

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/seedtf/terraform-provider-auth0/internal/auth0api"
	"github.com/seedtf/terraform-provider-auth0/internal/diagnostics"
)

var (
	_ datasource.DataSource              = (*provisioningsDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*provisioningsDataSource)(nil)
)

// NewProvisioningsDataSource returns the
// auth0_connection_directory_provisionings data source.
func NewProvisioningsDataSource() datasource.DataSource { return &provisioningsDataSource{} }

type provisioningsDataSource struct {
	client *auth0api.Client
}

type provisioningsModel struct {
	DirectoryProvisionings types.List `tfsdk:"directory_provisionings"`
}

func (d *provisioningsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_connection_directory_provisionings"
}

func (d *provisioningsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	item := computedFields()
	item["connection_id"] = schema.StringAttribute{MarkdownDescription: connectionIDDesc, Computed: true}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Every Google Workspace directory provisioning of the tenant, in the order Auth0 lists them.",
		Attributes: map[string]schema.Attribute{
			"directory_provisionings": schema.ListNestedAttribute{
				MarkdownDescription: "The directory provisionings, one per connection that has one.",
				Computed:            true,
				NestedObject:        schema.NestedAttributeObject{Attributes: item},
			},
		},
	}
}

func (d *provisioningsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	configureDataSource(req, resp, &d.client)
}

func (d *provisioningsDataSource) Read(ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
	all, err := d.client.ListDirectoryProvisionings(ctx)
	if err != nil {
		diagnostics.AddAPIError(&resp.Diagnostics, nil, "Unable to List Directory Provisionings",
			"Auth0 did not list the tenant's directory provisionings.",
			"Check the provider's credentials and scopes (read:directory_provisionings), then try again.", err)
		return
	}
	items := make([]provisioningModel, 0, len(all))
	for i := range all {
		item, diags := provisioningFromAPI(all[i].ConnectionID, &all[i])
		resp.Diagnostics.Append(diags...)
		items = append(items, item)
	}
	list, diags := types.ListValueFrom(ctx, provisioningType, items)
	resp.Diagnostics.Append(diags...)
	resp.Diagnostics.Append(resp.State.Set(ctx, provisioningsModel{DirectoryProvisionings: list})...)
}
