package directory

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/seedtf/terraform-provider-auth0/internal/auth0api"
	"github.com/seedtf/terraform-provider-auth0/internal/diagnostics"
)

var (
	_ datasource.DataSource              = (*synchronizedGroupsDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*synchronizedGroupsDataSource)(nil)
)

// NewSynchronizedGroupsDataSource returns the
// auth0_connection_directory_synchronized_groups data source.
func NewSynchronizedGroupsDataSource() datasource.DataSource { return &synchronizedGroupsDataSource{} }

type synchronizedGroupsDataSource struct {
	client *auth0api.Client
}

type synchronizedGroupsDataModel struct {
	ID           types.String `tfsdk:"id"`
	ConnectionID types.String `tfsdk:"connection_id"`
	Query        types.String `tfsdk:"query"`
	GroupIDs     types.Set    `tfsdk:"group_ids"`
	Groups       types.List   `tfsdk:"groups"`
}

var groupType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"id":                   types.StringType,
	"name":                 types.StringType,
	"email":                types.StringType,
	"direct_members_count": types.Int64Type,
}}

func (d *synchronizedGroupsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_connection_directory_synchronized_groups"
}

func (d *synchronizedGroupsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The Google Workspace groups a connection's directory provisioning synchronizes.",
		Attributes: map[string]schema.Attribute{
			"id":            schema.StringAttribute{MarkdownDescription: idDesc, Computed: true},
			"connection_id": schema.StringAttribute{MarkdownDescription: connectionIDDesc, Required: true},
			"query": schema.StringAttribute{
				MarkdownDescription: "A search Auth0 filters the groups with (sent as `q`), such as `name:eng*`. Left out, all groups.",
				Optional:            true,
			},
			"group_ids": schema.SetAttribute{MarkdownDescription: groupIDsDesc, ElementType: types.StringType, Computed: true},
			"groups": schema.ListNestedAttribute{
				MarkdownDescription: "The groups, by id, with what Auth0 knows of them.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id":                   schema.StringAttribute{MarkdownDescription: "The group's id.", Computed: true},
					"name":                 schema.StringAttribute{MarkdownDescription: "The group's name, when known.", Computed: true},
					"email":                schema.StringAttribute{MarkdownDescription: "The group's email, when known.", Computed: true},
					"direct_members_count": schema.Int64Attribute{MarkdownDescription: "The group's number of direct members, when known.", Computed: true},
				}},
			},
		},
	}
}

func (d *synchronizedGroupsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	configureDataSource(req, resp, &d.client)
}

func (d *synchronizedGroupsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg synchronizedGroupsDataModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := cfg.ConnectionID.ValueString()
	groups, err := d.client.SynchronizedGroups(ctx, id, cfg.Query.ValueString())
	if err != nil {
		todo := directoryReadTodo
		happened := fmt.Sprintf("Auth0 did not return the synchronized groups of connection %q.", id)
		if auth0api.IsNotFound(err) {
			happened, todo = notFoundDetail("directory provisioning", id), directoryNotFoundFix
		}
		diagnostics.AddAPIError(&resp.Diagnostics, nil, "Unable to Read Synchronized Groups", happened, todo, err)
		return
	}
	set, diags := types.SetValueFrom(ctx, types.StringType, groupIDs(groups))
	resp.Diagnostics.Append(diags...)
	cfg.GroupIDs = set
	list, diags := groupsFromAPI(groups)
	resp.Diagnostics.Append(diags...)
	cfg.Groups = list
	cfg.ID = cfg.ConnectionID
	resp.Diagnostics.Append(resp.State.Set(ctx, cfg)...)
}

func groupsFromAPI(groups []auth0api.SynchronizedGroup) (types.List, diag.Diagnostics) {
	var diags diag.Diagnostics
	values := make([]attr.Value, 0, len(groups))
	for _, g := range groups {
		count := types.Int64Null()
		if g.DirectMembersCount != nil {
			count = types.Int64Value(*g.DirectMembersCount)
		}
		obj, d := types.ObjectValue(groupType.AttrTypes, map[string]attr.Value{
			"id": types.StringValue(g.ID), "name": optionalString(g.Name), "email": optionalString(g.Email),
			"direct_members_count": count,
		})
		diags.Append(d...)
		values = append(values, obj)
	}
	list, d := types.ListValue(groupType, values)
	diags.Append(d...)
	return list, diags
}
