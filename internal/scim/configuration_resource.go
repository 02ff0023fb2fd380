package scim

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
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
	_ resource.Resource                = (*configurationResource)(nil)
	_ resource.ResourceWithConfigure   = (*configurationResource)(nil)
	_ resource.ResourceWithImportState = (*configurationResource)(nil)
	_ resource.ResourceWithIdentity    = (*configurationResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*configurationResource)(nil)
)

// NewConfigurationResource returns the auth0_connection_scim_configuration
// resource.
func NewConfigurationResource() resource.Resource { return &configurationResource{} }

type configurationResource struct {
	client *auth0api.Client
}

// connectionIdentity is the identity of a resource that is one per
// connection.
type connectionIdentity struct {
	ConnectionID types.String `tfsdk:"connection_id"`
}

// identityConnectionID is the connection_id of the identities.
var identityConnectionID = identityschema.StringAttribute{RequiredForImport: true, Description: "The id of the connection."}

// connectionIDAttribute is the connection_id argument of a resource, which
// replaces it when changed.
func connectionIDAttribute(what string) schema.StringAttribute {
	return schema.StringAttribute{
		MarkdownDescription: connectionIDDesc + " Changing it replaces " + what + ".",
		Required:            true,
		PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
		Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
	}
}

func (r *configurationResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_connection_scim_configuration"
}

func (r *configurationResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identityschema.Schema{Attributes: map[string]identityschema.Attribute{
		"connection_id": identityConnectionID,
	}}
}

func (r *configurationResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	keep := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	resp.Schema = schema.Schema{
		MarkdownDescription: "The inbound SCIM configuration of an enterprise connection (such as `okta`, `waad`, `samlp`, `oidc`, " +
			"`adfs` or `pingfederate`): how the SCIM attributes an identity provider sends map to Auth0 users. " +
			"Destroying it disables SCIM for the connection and revokes its SCIM tokens.",
		Attributes: map[string]schema.Attribute{
			"connection_id": connectionIDAttribute("the configuration"),
			"user_id_attribute": schema.StringAttribute{
				MarkdownDescription: userIDAttributeDesc + " Left out, Auth0's value is kept.",
				Optional:            true,
				Computed:            true,
				PlanModifiers:       keep,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"mapping": schema.ListNestedAttribute{
				MarkdownDescription: mappingDesc + " Left out, the mapping Auth0 holds (its default mapping for the strategy, " +
					"see the `auth0_connection_scim_default_mapping` data source) is kept and shows no difference.",
				Optional:      true,
				Computed:      true,
				PlanModifiers: []planmodifier.List{listplanmodifier.UseStateForUnknown()},
				Validators:    []validator.List{listvalidator.SizeAtLeast(1)},
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"auth0": schema.StringAttribute{MarkdownDescription: mappingAuth0Desc, Required: true},
					"scim":  schema.StringAttribute{MarkdownDescription: mappingSCIMDesc, Required: true},
				}},
			},
			"connection_name":   schema.StringAttribute{MarkdownDescription: connectionNameDesc, Computed: true},
			"strategy":          schema.StringAttribute{MarkdownDescription: strategyDesc, Computed: true, PlanModifiers: keep},
			"tenant_name":       schema.StringAttribute{MarkdownDescription: tenantNameDesc, Computed: true, PlanModifiers: keep},
			"created_at":        schema.StringAttribute{MarkdownDescription: createdAtDesc, Computed: true, PlanModifiers: keep},
			"updated_on":        schema.StringAttribute{MarkdownDescription: updatedOnDesc, Computed: true},
			"scim_endpoint_url": schema.StringAttribute{MarkdownDescription: endpointURLDesc, Computed: true, PlanModifiers: keep},
		},
	}
}

func (r *configurationResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = configure(req.ProviderData, &resp.Diagnostics)
}

// ModifyPlan keeps the state when nothing configurable changes. Terraform
// proposes a null mapping when the configuration leaves it out, which the
// framework takes for a change and would mark connection_name and
// updated_on unknown for, a difference on every plan.
func (r *configurationResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.State.Raw.IsNull() || req.Plan.Raw.IsNull() {
		return
	}
	var plan, state configurationModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if plan.ConnectionID.Equal(state.ConnectionID) && plan.UserIDAttribute.Equal(state.UserIDAttribute) && plan.Mapping.Equal(state.Mapping) {
		resp.Diagnostics.Append(resp.Plan.Set(ctx, state)...)
	}
}

func (r *configurationResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan configurationModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := plan.ConnectionID.ValueString()
	var body auth0api.SCIMConfigurationRequest
	if !plan.UserIDAttribute.IsUnknown() && !plan.UserIDAttribute.IsNull() {
		body.UserIDAttribute = plan.UserIDAttribute.ValueStringPointer()
	}
	if !plan.Mapping.IsUnknown() && !plan.Mapping.IsNull() {
		mapping, diags := mappingFromList(ctx, plan.Mapping)
		resp.Diagnostics.Append(diags...)
		body.Mapping = mapping
	}
	conf, err := r.client.CreateSCIMConfiguration(ctx, id, body)
	if err != nil {
		diagnostics.AddAPIError(&resp.Diagnostics, scimAttributes, "Unable to Create SCIM Configuration",
			fmt.Sprintf("Auth0 did not create the SCIM configuration of connection %q.", id),
			"Check that the connection exists, that its strategy supports SCIM and that it has no SCIM configuration yet "+
				"(import an existing one), then apply again.", err)
		return
	}
	r.setState(ctx, conf, id, &resp.State, resp.Identity, &resp.Diagnostics)
}

func (r *configurationResource) setState(ctx context.Context, conf *auth0api.SCIMConfiguration, id string, state *tfsdk.State, identity *tfsdk.ResourceIdentity, diags *diag.Diagnostics) {
	model, d := fromAPI(conf, id, r.client.BaseURL())
	diags.Append(d...)
	diags.Append(state.Set(ctx, model)...)
	if identity != nil {
		diags.Append(identity.Set(ctx, connectionIdentity{ConnectionID: model.ConnectionID})...)
	}
}

func (r *configurationResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state configurationModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := state.ConnectionID.ValueString()
	conf, err := r.client.ReadSCIMConfiguration(ctx, id)
	if auth0api.IsNotFound(err) {
		tflog.Warn(ctx, "SCIM configuration not found in Auth0, removing it from state", map[string]any{"connection_id": id})
		// The framework wants an identity after every read, even one that
		// removes the resource.
		if resp.Identity != nil {
			resp.Diagnostics.Append(resp.Identity.Set(ctx, connectionIdentity{ConnectionID: state.ConnectionID})...)
		}
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		readFailed(&resp.Diagnostics, "SCIM Configuration", id, err)
		return
	}
	r.setState(ctx, conf, id, &resp.State, resp.Identity, &resp.Diagnostics)
}

// Update sends both properties, as the API requires: those left out of
// the configuration keep the values in state.
func (r *configurationResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan configurationModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := plan.ConnectionID.ValueString()
	mapping, diags := mappingFromList(ctx, plan.Mapping)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	conf, err := r.client.UpdateSCIMConfiguration(ctx, id, plan.UserIDAttribute.ValueString(), mapping)
	if err != nil {
		diagnostics.AddAPIError(&resp.Diagnostics, scimAttributes, "Unable to Update SCIM Configuration",
			fmt.Sprintf("Auth0 did not update the SCIM configuration of connection %q.", id),
			"Check user_id_attribute and mapping, then apply again.", err)
		return
	}
	r.setState(ctx, conf, id, &resp.State, resp.Identity, &resp.Diagnostics)
}

func (r *configurationResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state configurationModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := state.ConnectionID.ValueString()
	if err := r.client.DeleteSCIMConfiguration(ctx, id); err != nil && !auth0api.IsNotFound(err) {
		diagnostics.AddAPIError(&resp.Diagnostics, scimAttributes, "Unable to Delete SCIM Configuration",
			fmt.Sprintf("Auth0 did not delete the SCIM configuration of connection %q.", id), "Destroy again once the error is fixed.", err)
	}
}

// ImportState takes the connection id, or the identity's connection_id.
func (r *configurationResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	resource.ImportStatePassthroughWithIdentity(ctx, path.Root("connection_id"), path.Root("connection_id"), req, resp)
}
