package directory

import (
	"context"
	"fmt"
	"regexp"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"
	"github.com/seedtf/terraform-provider-auth0/internal/auth0api"
	"github.com/seedtf/terraform-provider-auth0/internal/diagnostics"
)

var (
	_ resource.Resource                = (*synchronizedGroupsResource)(nil)
	_ resource.ResourceWithConfigure   = (*synchronizedGroupsResource)(nil)
	_ resource.ResourceWithImportState = (*synchronizedGroupsResource)(nil)
	_ resource.ResourceWithIdentity    = (*synchronizedGroupsResource)(nil)
)

// NewSynchronizedGroupsResource returns the
// auth0_connection_directory_synchronized_groups resource.
func NewSynchronizedGroupsResource() resource.Resource { return &synchronizedGroupsResource{} }

type synchronizedGroupsResource struct {
	client *auth0api.Client
}

type synchronizedGroupsModel struct {
	ID           types.String `tfsdk:"id"`
	ConnectionID types.String `tfsdk:"connection_id"`
	GroupIDs     types.Set    `tfsdk:"group_ids"`
}

// groupsAttributes: a PUT's validation error names groups[i].id, which
// are the group_ids.
var groupsAttributes = diagnostics.Attributes{"group_ids": true}

// groupIDPattern is SynchronizedGroupPayload's id: 1 to 32 letters and digits.
var groupIDPattern = regexp.MustCompile(`^[A-Za-z0-9]+$`)

func (r *synchronizedGroupsResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_connection_directory_synchronized_groups"
}

func (r *synchronizedGroupsResource) IdentitySchema(ctx context.Context, req resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	connectionIDIdentitySchema(ctx, req, resp)
}

func (r *synchronizedGroupsResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The Google Workspace groups a connection's directory provisioning synchronizes, as one " +
			"authoritative set: groups not in `group_ids` are not synchronized. It needs the provisioning " +
			"(`auth0_connection_directory`, with `synchronize_groups = \"selected\"`) to exist. Destroying it empties the set.",
		Attributes: map[string]schema.Attribute{
			"id": computedString(idDesc, true),
			"connection_id": schema.StringAttribute{
				MarkdownDescription: connectionIDDesc + " Changing it moves the set to another connection.",
				Required:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"group_ids": schema.SetAttribute{
				MarkdownDescription: groupIDsDesc + " An empty set synchronizes no group.",
				ElementType:         types.StringType,
				Required:            true,
				Validators: []validator.Set{setvalidator.ValueStringsAre(
					stringvalidator.LengthBetween(1, 32),
					stringvalidator.RegexMatches(groupIDPattern, "must be letters and digits only"),
				)},
			},
		},
	}
}

func (r *synchronizedGroupsResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	configureResource(req, resp, &r.client)
}

func (r *synchronizedGroupsResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	r.apply(ctx, req.Plan, &resp.State, resp.Identity, &resp.Diagnostics)
}

func (r *synchronizedGroupsResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	r.apply(ctx, req.Plan, &resp.State, resp.Identity, &resp.Diagnostics)
}

// apply is Create and Update: the plan applied becomes the state.
func (r *synchronizedGroupsResource) apply(ctx context.Context, planned tfsdk.Plan, state *tfsdk.State, identity *tfsdk.ResourceIdentity, diags *diag.Diagnostics) {
	var plan synchronizedGroupsModel
	diags.Append(planned.Get(ctx, &plan)...)
	if diags.HasError() || !r.replace(ctx, plan, diags) {
		return
	}
	plan.ID = plan.ConnectionID
	diags.Append(state.Set(ctx, plan)...)
	if identity != nil {
		setIdentity(ctx, identity, plan.ConnectionID.ValueString(), diags)
	}
}

// replace makes the synchronized groups exactly the planned set: one PUT
// of the whole set, sorted.
func (r *synchronizedGroupsResource) replace(ctx context.Context, plan synchronizedGroupsModel, diags *diag.Diagnostics) bool {
	var ids []string
	diags.Append(plan.GroupIDs.ElementsAs(ctx, &ids, false)...)
	if diags.HasError() {
		return false
	}
	slices.Sort(ids)
	id := plan.ConnectionID.ValueString()
	if err := r.client.ReplaceSynchronizedGroups(ctx, id, ids); err != nil {
		diagnostics.AddAPIError(diags, groupsAttributes, "Unable to Update Synchronized Groups",
			fmt.Sprintf("Auth0 did not set the synchronized groups of connection %q.", id),
			"Check that the connection has a directory provisioning (auth0_connection_directory; reference it so that it is created first) "+
				"and the provider's scopes (update:directory_provisionings), then apply again.", err)
		return false
	}
	return true
}

func (r *synchronizedGroupsResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state synchronizedGroupsModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := state.ConnectionID.ValueString()
	// The identity is set first: the framework wants one even when the
	// resource is removed (and Terraform before 1.12 keeps none).
	if resp.Identity != nil {
		setIdentity(ctx, resp.Identity, id, &resp.Diagnostics)
	}
	groups, err := r.client.SynchronizedGroups(ctx, id, "")
	if auth0api.IsNotFound(err) {
		tflog.Warn(ctx, "connection or directory provisioning not found in Auth0, removing its synchronized groups from state",
			map[string]any{"connection_id": id})
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		diagnostics.AddAPIError(&resp.Diagnostics, groupsAttributes, "Unable to Read Synchronized Groups",
			fmt.Sprintf("Auth0 did not return the synchronized groups of connection %q.", id), directoryReadTodo, err)
		return
	}
	set, diags := types.SetValueFrom(ctx, types.StringType, groupIDs(groups))
	resp.Diagnostics.Append(diags...)
	state.GroupIDs = set
	state.ID = state.ConnectionID
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
}

func groupIDs(groups []auth0api.SynchronizedGroup) []string {
	ids := make([]string, 0, len(groups))
	for _, g := range groups {
		ids = append(ids, g.ID)
	}
	return ids
}

// Delete empties the set, as the official provider does (PUT
// {"groups":[]}: TestAccDirectorySynchronizedGroups.yaml #36); a connection
// or provisioning already gone has none left.
func (r *synchronizedGroupsResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state synchronizedGroupsModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := state.ConnectionID.ValueString()
	err := r.client.ReplaceSynchronizedGroups(ctx, id, nil)
	if err != nil && !auth0api.IsNotFound(err) {
		diagnostics.AddAPIError(&resp.Diagnostics, nil, "Unable to Remove Synchronized Groups",
			fmt.Sprintf("Auth0 did not empty the synchronized groups of connection %q.", id),
			"Check the provider's scopes (update:directory_provisionings), then destroy again.", err)
	}
}

// ImportState takes the connection id, or the identity.
func (r *synchronizedGroupsResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	resource.ImportStatePassthroughWithIdentity(ctx, path.Root("connection_id"), path.Root("connection_id"), req, resp)
}
