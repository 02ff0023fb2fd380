package directory

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/objectvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/listplanmodifier"
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
	_ resource.Resource                = (*directoryResource)(nil)
	_ resource.ResourceWithConfigure   = (*directoryResource)(nil)
	_ resource.ResourceWithImportState = (*directoryResource)(nil)
	_ resource.ResourceWithIdentity    = (*directoryResource)(nil)
)

// NewDirectoryResource returns the auth0_connection_directory resource.
func NewDirectoryResource() resource.Resource { return &directoryResource{} }

type directoryResource struct {
	client *auth0api.Client
}

// directoryModel is the resource's model: a provisioningModel whose
// mapping, synchronize_automatically and synchronize_groups are settable.
type directoryModel = provisioningModel

// identityModel is the identity of both resources: their connection.
type identityModel struct {
	ConnectionID types.String `tfsdk:"connection_id"`
}

// directoryAttributes are the attributes an API error may name.
var directoryAttributes = diagnostics.Attributes{"mapping": true, "synchronize_automatically": true, "synchronize_groups": true}

func (r *directoryResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_connection_directory"
}

func connectionIDIdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identityschema.Schema{
		Attributes: map[string]identityschema.Attribute{
			"connection_id": identityschema.StringAttribute{
				Description:       "The id of the connection (`con_…`).",
				RequiredForImport: true,
			},
		},
	}
}

func (r *directoryResource) IdentitySchema(ctx context.Context, req resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	connectionIDIdentitySchema(ctx, req, resp)
}

func computedString(desc string, keep bool) schema.StringAttribute {
	a := schema.StringAttribute{MarkdownDescription: desc, Computed: true}
	if keep {
		a.PlanModifiers = []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	}
	return a
}

func (r *directoryResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The Google Workspace directory provisioning of a `google-apps` connection: Auth0 reads users " +
			"(and, with `synchronize_groups`, groups) from the Google Workspace directory. Attributes left out keep what Auth0 " +
			"holds (a new provisioning gets Auth0's default mapping, see the `auth0_connection_directory_default_mapping` data source).",
		Attributes: map[string]schema.Attribute{
			"id": computedString(idDesc, true),
			"connection_id": schema.StringAttribute{
				MarkdownDescription: connectionIDDesc + " Changing it replaces the provisioning.",
				Required:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"mapping": schema.ListNestedAttribute{
				MarkdownDescription: mappingDesc + " Left out, the mapping Auth0 holds is kept (Auth0's default one on create).",
				Optional:            true,
				Computed:            true,
				PlanModifiers:       []planmodifier.List{listplanmodifier.UseStateForUnknown()},
				Validators:          []validator.List{listvalidator.SizeAtLeast(1)},
				// The items' attributes are Optional and Computed (and
				// required by the object's validator): were they Required,
				// Terraform would take a mapping in state for a configured
				// one and plan to remove the default mapping when mapping is
				// left out.
				NestedObject: schema.NestedAttributeObject{
					Attributes: map[string]schema.Attribute{
						"auth0": schema.StringAttribute{MarkdownDescription: auth0AttributeDesc + " Required.", Optional: true, Computed: true,
							Validators: []validator.String{stringvalidator.LengthAtLeast(1)}},
						"idp": schema.StringAttribute{MarkdownDescription: idpAttributeDesc + " Required.", Optional: true, Computed: true,
							Validators: []validator.String{stringvalidator.LengthAtLeast(1)}},
					},
					Validators: []validator.Object{objectvalidator.AlsoRequires(
						path.MatchRelative().AtName("auth0"), path.MatchRelative().AtName("idp"),
					)},
				},
			},
			"synchronize_automatically": schema.BoolAttribute{
				MarkdownDescription: syncAutoDesc + " Auth0's default is `false`.",
				Optional:            true,
				Computed:            true,
				PlanModifiers:       []planmodifier.Bool{boolplanmodifier.UseStateForUnknown()},
			},
			"synchronize_groups": schema.StringAttribute{
				MarkdownDescription: syncGroupsDesc + " Auth0's default is `off`.",
				Optional:            true,
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
				Validators:          []validator.String{stringvalidator.OneOf(synchronizeGroupsValues...)},
			},
			"connection_name":             computedString(connectionNameDesc, true),
			"strategy":                    computedString(strategyDesc, true),
			"created_at":                  computedString(createdAtDesc, true),
			"updated_at":                  computedString(updatedAtDesc, false),
			"last_synchronization_at":     computedString(lastSyncAtDesc, false),
			"last_synchronization_status": computedString(lastSyncStatusDesc, false),
			"last_synchronization_error":  computedString(lastSyncErrorDesc, false),
		},
	}
}

func (r *directoryResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	configureResource(req, resp, &r.client)
}

// changeOf is the body that turns from into plan: the settable attributes
// the plan knows and, when from is given, changes.
func changeOf(ctx context.Context, plan directoryModel, from *directoryModel) (auth0api.DirectoryProvisioningChange, diag.Diagnostics) {
	var change auth0api.DirectoryProvisioningChange
	var diags diag.Diagnostics
	if known(plan.Mapping.IsNull(), plan.Mapping.IsUnknown()) && (from == nil || !plan.Mapping.Equal(from.Mapping)) {
		change.Mapping, diags = mappingToAPI(ctx, plan.Mapping)
	}
	if known(plan.SynchronizeAutomatically.IsNull(), plan.SynchronizeAutomatically.IsUnknown()) &&
		(from == nil || !plan.SynchronizeAutomatically.Equal(from.SynchronizeAutomatically)) {
		change.SynchronizeAutomatically = plan.SynchronizeAutomatically.ValueBoolPointer()
	}
	if known(plan.SynchronizeGroups.IsNull(), plan.SynchronizeGroups.IsUnknown()) &&
		(from == nil || !plan.SynchronizeGroups.Equal(from.SynchronizeGroups)) {
		change.SynchronizeGroups = plan.SynchronizeGroups.ValueStringPointer()
	}
	return change, diags
}

func known(null, unknown bool) bool { return !null && !unknown }

// saveAnswer makes an answer the state and, when identity is given, sets
// the identity.
func saveAnswer(ctx context.Context, connectionID string, p *auth0api.DirectoryProvisioning, state *tfsdk.State,
	identity *tfsdk.ResourceIdentity, diags *diag.Diagnostics) {
	model, d := provisioningFromAPI(connectionID, p)
	diags.Append(d...)
	diags.Append(state.Set(ctx, model)...)
	if identity != nil {
		setIdentity(ctx, identity, connectionID, diags)
	}
}

func setIdentity(ctx context.Context, identity *tfsdk.ResourceIdentity, connectionID string, diags *diag.Diagnostics) {
	diags.Append(identity.Set(ctx, identityModel{ConnectionID: types.StringValue(connectionID)})...)
}

func (r *directoryResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan directoryModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := plan.ConnectionID.ValueString()
	change, diags := changeOf(ctx, plan, nil)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	created, err := r.client.CreateDirectoryProvisioning(ctx, id, change)
	if err != nil {
		diagnostics.AddAPIError(&resp.Diagnostics, directoryAttributes, "Unable to Create Directory Provisioning",
			fmt.Sprintf("Auth0 did not create the directory provisioning of connection %q.", id),
			"Check that the connection exists and is a Google Workspace (google-apps) connection without a provisioning "+
				"(import an existing one), and the provider's scopes (create:directory_provisionings), then apply again.", err)
		return
	}
	saveAnswer(ctx, id, created, &resp.State, resp.Identity, &resp.Diagnostics)
}

func (r *directoryResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state directoryModel
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
	got, err := r.client.DirectoryProvisioning(ctx, id)
	if auth0api.IsNotFound(err) {
		tflog.Warn(ctx, "directory provisioning not found in Auth0, removing it from state", map[string]any{"connection_id": id})
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		diagnostics.AddAPIError(&resp.Diagnostics, directoryAttributes, "Unable to Read Directory Provisioning",
			fmt.Sprintf("Auth0 did not return the directory provisioning of connection %q.", id), directoryReadTodo, err)
		return
	}
	saveAnswer(ctx, id, got, &resp.State, nil, &resp.Diagnostics)
}

func (r *directoryResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, prior directoryModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &prior)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := plan.ConnectionID.ValueString()
	change, diags := changeOf(ctx, plan, &prior)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	updated, err := r.client.UpdateDirectoryProvisioning(ctx, id, change)
	if err != nil {
		diagnostics.AddAPIError(&resp.Diagnostics, directoryAttributes, "Unable to Update Directory Provisioning",
			fmt.Sprintf("Auth0 did not apply the change of the directory provisioning of connection %q.", id),
			"Check the values and the provider's scopes (update:directory_provisionings), then apply again.", err)
		return
	}
	saveAnswer(ctx, id, updated, &resp.State, resp.Identity, &resp.Diagnostics)
}

func (r *directoryResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state directoryModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := state.ConnectionID.ValueString()
	if err := r.client.DeleteDirectoryProvisioning(ctx, id); err != nil {
		diagnostics.AddAPIError(&resp.Diagnostics, nil, "Unable to Delete Directory Provisioning",
			fmt.Sprintf("Auth0 did not delete the directory provisioning of connection %q.", id),
			"Check the provider's scopes (delete:directory_provisionings), then destroy again.", err)
	}
}

// ImportState takes the connection id, as the official provider does
// (terraform import auth0_connection_directory.x con_…), or the identity.
func (r *directoryResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	resource.ImportStatePassthroughWithIdentity(ctx, path.Root("connection_id"), path.Root("connection_id"), req, resp)
}
