package connectionprofile

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/seedtf/terraform-provider-auth0/internal/auth0api"
	"github.com/seedtf/terraform-provider-auth0/internal/diagnostics"
	"github.com/seedtf/terraform-provider-auth0/internal/providerdata"
)

var (
	_ resource.Resource                = (*profileResource)(nil)
	_ resource.ResourceWithConfigure   = (*profileResource)(nil)
	_ resource.ResourceWithImportState = (*profileResource)(nil)
	_ resource.ResourceWithIdentity    = (*profileResource)(nil)
)

// NewResource returns the auth0_connection_profile resource.
func NewResource() resource.Resource {
	return &profileResource{}
}

type profileResource struct {
	client *auth0api.Client
}

type identityModel struct {
	ID types.String `tfsdk:"id"`
}

// Descriptions shared by the resource and the data source.
const (
	profileDescription = "A connection profile: the settings Auth0 writes to each connection made from it (by Self-Service " +
		"Enterprise Configuration or Okta Express Configuration, say), with overrides per strategy. The profile's " +
		"`connection_config` is always sent empty (`{}`): the API defines no setting in it yet."
	idDescription           = "The id of the profile (`cop_…`)."
	nameDescription         = "The name of the profile."
	organizationDescription = "How connections made from the profile take part in organizations."
	showAsButtonDescription = "Whether organizations show the connection as a button on the login page: `none`, " +
		"`optional` or `required`."
	assignMembershipDescription = "Whether a user logging in through the connection becomes a member of the organization: " +
		"`none`, `optional` or `required`."
	prefixDescription          = "The template of the names of connections made from the profile."
	featuresDescription        = "The features enabled on connections made from the profile: `scim`, `universal_logout`."
	overridesDescription       = "Settings that replace the profile's for connections of one strategy."
	overrideDescription        = "The override for %s connections."
	overrideFeatureDescription = "The features enabled on such connections: `scim`, `universal_logout`."
)

// overrideAttributes names the strategies of strategy_overrides.
var overrideAttributes = map[string]string{
	"ad": "Active Directory (`ad`)", "adfs": "ADFS (`adfs`)", "google_apps": "Google Workspace (`google-apps`)",
	"oidc": "OpenID Connect (`oidc`)", "okta": "Okta (`okta`)", "pingfederate": "PingFederate (`pingfederate`)",
	"samlp": "SAML (`samlp`)", "waad": "Microsoft Entra ID (`waad`)",
}

func featureValidators() []validator.Set {
	return []validator.Set{setvalidator.ValueStringsAre(stringvalidator.OneOf(features...))}
}

func (r *profileResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_connection_profile"
}

func (r *profileResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	setting := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{
			MarkdownDescription: desc, Optional: true,
			Validators: []validator.String{stringvalidator.OneOf(organizationSettings...)},
		}
	}
	overrides := map[string]schema.Attribute{}
	for name, strategy := range overrideAttributes {
		overrides[name] = schema.SingleNestedAttribute{
			MarkdownDescription: fmt.Sprintf(overrideDescription, strategy),
			Optional:            true,
			Attributes: map[string]schema.Attribute{
				"enabled_features": schema.SetAttribute{
					MarkdownDescription: overrideFeatureDescription, ElementType: types.StringType, Optional: true,
					Validators: featureValidators(),
				},
			},
		}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: profileDescription,
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: idDescription, Computed: true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"name": schema.StringAttribute{
				MarkdownDescription: nameDescription, Required: true,
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"organization": schema.SingleNestedAttribute{
				MarkdownDescription: organizationDescription, Optional: true,
				Attributes: map[string]schema.Attribute{
					"show_as_button":             setting(showAsButtonDescription),
					"assign_membership_on_login": setting(assignMembershipDescription),
				},
			},
			"connection_name_prefix_template": schema.StringAttribute{MarkdownDescription: prefixDescription, Optional: true},
			"enabled_features": schema.SetAttribute{
				MarkdownDescription: featuresDescription, ElementType: types.StringType, Optional: true,
				Validators: featureValidators(),
			},
			"strategy_overrides": schema.SingleNestedAttribute{
				MarkdownDescription: overridesDescription, Optional: true, Attributes: overrides,
			},
		},
	}
}

func (r *profileResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identityschema.Schema{
		Attributes: map[string]identityschema.Attribute{
			"id": identityschema.StringAttribute{RequiredForImport: true, Description: "The id of the profile (cop_…)."},
		},
	}
}

// profileAttributes are the attributes an API error may point at.
var profileAttributes = diagnostics.Attributes{
	"name": true, "organization": true, "connection_name_prefix_template": true, "enabled_features": true, "strategy_overrides": true,
}

func (r *profileResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	data, err := providerdata.From(req.ProviderData)
	if err != nil {
		diagnostics.AddConfigureError(&resp.Diagnostics, err)
		return
	}
	if data == nil {
		return
	}
	r.client = data.Client
}

func (r *profileResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan model
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	created, err := r.client.CreateConnectionProfile(ctx, requestBody(plan, nil))
	if err != nil {
		diagnostics.AddAPIError(&resp.Diagnostics, profileAttributes, "Unable to Create Connection Profile",
			fmt.Sprintf("Auth0 did not create connection profile %q.", plan.Name.ValueString()),
			"Fix the configuration Auth0 names, then apply again.", err)
		return
	}
	save(ctx, fromAPI(created, &plan), &resp.State, resp.Identity, &resp.Diagnostics)
}

func (r *profileResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state model
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := state.ID.ValueString()
	// The framework wants an identity after every Read without an error,
	// also one that removes the resource.
	setIdentity(ctx, id, resp.Identity, &resp.Diagnostics)
	got, err := r.client.ReadConnectionProfile(ctx, id)
	if auth0api.IsNotFound(err) {
		tflog.Warn(ctx, "connection profile not found in Auth0, removing it from state", map[string]any{"id": id})
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		diagnostics.AddAPIError(&resp.Diagnostics, profileAttributes, "Unable to Read Connection Profile",
			fmt.Sprintf("Auth0 did not return connection profile %q.", id),
			"Check the provider's credentials and scopes (read:connection_profiles), then refresh again.", err)
		return
	}
	save(ctx, fromAPI(got, &state), &resp.State, resp.Identity, &resp.Diagnostics)
}

func (r *profileResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state model
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := state.ID.ValueString()
	updated, err := r.client.UpdateConnectionProfile(ctx, id, requestBody(plan, &state))
	if err != nil {
		diagnostics.AddAPIError(&resp.Diagnostics, profileAttributes, "Unable to Update Connection Profile",
			fmt.Sprintf("Auth0 did not update connection profile %q.", id),
			"Fix the configuration Auth0 names, then apply again.", err)
		return
	}
	save(ctx, fromAPI(updated, &plan), &resp.State, resp.Identity, &resp.Diagnostics)
}

func (r *profileResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state model
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := state.ID.ValueString()
	if err := r.client.DeleteConnectionProfile(ctx, id); err != nil {
		diagnostics.AddAPIError(&resp.Diagnostics, profileAttributes, "Unable to Delete Connection Profile",
			fmt.Sprintf("Auth0 did not delete connection profile %q.", id), "Destroy again once the error is fixed.", err)
	}
}

func (r *profileResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	resource.ImportStatePassthroughWithIdentity(ctx, path.Root("id"), path.Root("id"), req, resp)
}

func setIdentity(ctx context.Context, id string, identity *tfsdk.ResourceIdentity, diags *diag.Diagnostics) {
	if identity != nil {
		diags.Append(identity.Set(ctx, identityModel{ID: types.StringValue(id)})...)
	}
}

func save(ctx context.Context, m model, state *tfsdk.State, identity *tfsdk.ResourceIdentity, diags *diag.Diagnostics) {
	diags.Append(state.Set(ctx, m)...)
	setIdentity(ctx, m.ID.ValueString(), identity, diags)
}
