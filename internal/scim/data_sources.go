package scim

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/seedtf/terraform-provider-auth0/internal/auth0api"
)

var (
	_ datasource.DataSourceWithConfigure = (*configurationDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*defaultMappingDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*configurationsDataSource)(nil)
)

// dataSource is what the data sources share: the client, from Configure.
type dataSource struct{ client *auth0api.Client }

func (d *dataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = configure(req.ProviderData, &resp.Diagnostics)
}

// mappingAttribute is a computed mapping, as the data sources show it.
func mappingAttribute(desc string) schema.ListNestedAttribute {
	return schema.ListNestedAttribute{
		MarkdownDescription: desc,
		Computed:            true,
		NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
			"auth0": schema.StringAttribute{MarkdownDescription: mappingAuth0Desc, Computed: true},
			"scim":  schema.StringAttribute{MarkdownDescription: mappingSCIMDesc, Computed: true},
		}},
	}
}

// configurationAttributes are a configuration's attributes; connection_id
// is an argument of the single data source, computed in the listing.
func configurationAttributes(connectionIDRequired bool) map[string]schema.Attribute {
	computed := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: desc, Computed: true}
	}
	return map[string]schema.Attribute{
		"connection_id":     schema.StringAttribute{MarkdownDescription: connectionIDDesc, Required: connectionIDRequired, Computed: !connectionIDRequired},
		"user_id_attribute": computed(userIDAttributeDesc),
		"mapping":           mappingAttribute(mappingDesc),
		"connection_name":   computed(connectionNameDesc),
		"strategy":          computed(strategyDesc),
		"tenant_name":       computed(tenantNameDesc),
		"created_at":        computed(createdAtDesc),
		"updated_on":        computed(updatedOnDesc),
		"scim_endpoint_url": computed(endpointURLDesc),
	}
}

// NewConfigurationDataSource returns the auth0_connection_scim_configuration
// data source.
func NewConfigurationDataSource() datasource.DataSource { return &configurationDataSource{} }

type configurationDataSource struct{ dataSource }

func (d *configurationDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_connection_scim_configuration"
}

func (d *configurationDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The SCIM configuration of a connection.",
		Attributes:          configurationAttributes(true),
	}
}

func (d *configurationDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var config configurationModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := config.ConnectionID.ValueString()
	conf, err := d.client.ReadSCIMConfiguration(ctx, id)
	if auth0api.IsNotFound(err) {
		resp.Diagnostics.AddAttributeError(pathConnectionID, "SCIM Configuration Not Found",
			fmt.Sprintf("Connection %q has no SCIM configuration, or does not exist. Create one with auth0_connection_scim_configuration, "+
				"or check connection_id.\n\n%s", id, err))
		return
	}
	if err != nil {
		readFailed(&resp.Diagnostics, "SCIM Configuration", id, err)
		return
	}
	model, diags := fromAPI(conf, id, d.client.BaseURL())
	resp.Diagnostics.Append(diags...)
	resp.Diagnostics.Append(resp.State.Set(ctx, model)...)
}

// NewDefaultMappingDataSource returns the
// auth0_connection_scim_default_mapping data source.
func NewDefaultMappingDataSource() datasource.DataSource { return &defaultMappingDataSource{} }

type defaultMappingDataSource struct{ dataSource }

type defaultMappingModel struct {
	ConnectionID types.String `tfsdk:"connection_id"`
	Mapping      types.List   `tfsdk:"mapping"`
}

func (d *defaultMappingDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_connection_scim_default_mapping"
}

func (d *defaultMappingDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The SCIM mapping Auth0 gives a connection by default, which depends on its strategy.",
		Attributes: map[string]schema.Attribute{
			"connection_id": schema.StringAttribute{MarkdownDescription: connectionIDDesc, Required: true},
			"mapping":       mappingAttribute("The default mapping between SCIM attributes and Auth0 user attributes."),
		},
	}
}

func (d *defaultMappingDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var config defaultMappingModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := config.ConnectionID.ValueString()
	mapping, err := d.client.SCIMDefaultMapping(ctx, id)
	if err != nil {
		readFailed(&resp.Diagnostics, "SCIM Default Mapping", id, err)
		return
	}
	list, diags := mappingToList(mapping)
	resp.Diagnostics.Append(diags...)
	config.Mapping = list
	resp.Diagnostics.Append(resp.State.Set(ctx, config)...)
}

// NewConfigurationsDataSource returns the
// auth0_connection_scim_configurations data source.
func NewConfigurationsDataSource() datasource.DataSource { return &configurationsDataSource{} }

type configurationsDataSource struct{ dataSource }

type configurationsModel struct {
	SCIMConfigurations types.List `tfsdk:"scim_configurations"`
}

func (d *configurationsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_connection_scim_configurations"
}

func (d *configurationsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Every SCIM configuration of the tenant, one per connection that has one.",
		Attributes: map[string]schema.Attribute{
			"scim_configurations": schema.ListNestedAttribute{
				MarkdownDescription: "The SCIM configurations, in the order Auth0 lists them.",
				Computed:            true,
				NestedObject:        schema.NestedAttributeObject{Attributes: configurationAttributes(false)},
			},
		},
	}
}

func (d *configurationsDataSource) Read(ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
	all, err := d.client.ListSCIMConfigurations(ctx)
	if err != nil {
		readFailed(&resp.Diagnostics, "SCIM Configurations", "(all)", err)
		return
	}
	items := make([]configurationModel, 0, len(all))
	for i := range all {
		m, diags := fromAPI(&all[i], all[i].ConnectionID, d.client.BaseURL())
		resp.Diagnostics.Append(diags...)
		items = append(items, m)
	}
	list, diags := types.ListValueFrom(ctx, types.ObjectType{AttrTypes: configurationAttrTypes}, items)
	resp.Diagnostics.Append(diags...)
	resp.Diagnostics.Append(resp.State.Set(ctx, configurationsModel{SCIMConfigurations: list})...)
}
