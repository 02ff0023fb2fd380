package connectionkeys

import (
	"context"
	"fmt"
	"net/http"

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
)

var (
	_ resource.Resource                = (*keysResource)(nil)
	_ resource.ResourceWithConfigure   = (*keysResource)(nil)
	_ resource.ResourceWithImportState = (*keysResource)(nil)
	_ resource.ResourceWithIdentity    = (*keysResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*keysResource)(nil)
)

// NewResource returns the auth0_connection_keys resource.
func NewResource() resource.Resource { return &keysResource{} }

type keysResource struct {
	client *auth0api.Client
}

type resourceModel struct {
	ConnectionID    types.String `tfsdk:"connection_id"`
	SigningAlg      types.String `tfsdk:"signing_alg"`
	RotationTrigger types.String `tfsdk:"rotation_trigger"`
	Keys            types.List   `tfsdk:"keys"`
}

type identityModel struct {
	ConnectionID types.String `tfsdk:"connection_id"`
}

func (r *keysResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_connection_keys"
}

func (r *keysResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The signing keys of an oidc or okta connection, which it uses for private key JWT client " +
			"authentication (`token_endpoint_auth_method = \"private_key_jwt\"`). Creating the resource provisions the " +
			"keys when the connection has none and adopts them, unchanged, when it has. The keys rotate only when " +
			"`rotation_trigger` changes, or when the `auth0_connection_keys_rotate` action is invoked; destroying the " +
			"resource leaves the keys in Auth0 (they go with their connection).",
		Attributes: map[string]schema.Attribute{
			"connection_id": schema.StringAttribute{
				MarkdownDescription: "The id of the connection (`con_…`), an oidc or okta connection. Changing it replaces the resource.",
				Required:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"signing_alg": schema.StringAttribute{
				MarkdownDescription: "The algorithm of the keys this resource makes: when it provisions them and at each rotation " +
					"it triggers. One of " + quotedList(signingAlgs) + ". Changing it alone rotates nothing: it applies from the " +
					"next rotation. When not set, the algorithm of the connection's current key.",
				Optional:      true,
				Computed:      true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
				Validators:    []validator.String{stringvalidator.OneOf(signingAlgs...)},
			},
			"rotation_trigger": schema.StringAttribute{
				MarkdownDescription: "Any string; changing it from one value to another rotates the keys once (the next " +
					"key becomes current, the current one previous, and a new next key is made). Nothing else rotates: " +
					"its first value (on create, or set after an import) is recorded without a rotation, and removing it " +
					"rotates nothing. A date such as `\"2026-12\"` reads well.",
				Optional: true,
			},
			"keys": schema.ListNestedAttribute{
				MarkdownDescription: keysDescription,
				Computed:            true,
				NestedObject:        schema.NestedAttributeObject{Attributes: resourceKeyAttributes()},
				PlanModifiers:       []planmodifier.List{keysUnlessRotated{}},
			},
		},
	}
}

func (r *keysResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identityschema.Schema{
		Attributes: map[string]identityschema.Attribute{
			"connection_id": identityschema.StringAttribute{
				Description:       "The id of the connection whose keys these are.",
				RequiredForImport: true,
			},
		},
	}
}

func (r *keysResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	if client := clientFrom(req.ProviderData, &resp.Diagnostics); client != nil {
		r.client = client
	}
}

// rotates reports whether a change of rotation_trigger from prior to
// planned rotates the keys: a change from one value to another does (to an
// unknown one, may). A first value (as on create, or after an import,
// which cannot know it) is recorded without a rotation; a removed one
// rotates nothing.
func rotates(prior, planned types.String) bool {
	if prior.IsNull() || planned.IsNull() {
		return false
	}
	return planned.IsUnknown() || !planned.Equal(prior)
}

// ModifyPlan warns when signing_alg changes without a rotation: nothing
// changes in Auth0 until the next one.
func (r *keysResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.State.Raw.IsNull() || req.Plan.Raw.IsNull() {
		return
	}
	var plan, state resourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if !plan.SigningAlg.IsUnknown() && !plan.SigningAlg.IsNull() && !plan.SigningAlg.Equal(state.SigningAlg) && !rotates(state.RotationTrigger, plan.RotationTrigger) {
		resp.Diagnostics.AddAttributeWarning(path.Root("signing_alg"), "Signing Algorithm Applies From the Next Rotation",
			fmt.Sprintf("signing_alg changes to %s without a rotation, so the keys of connection %s stay as they are; "+
				"change rotation_trigger (or invoke auth0_connection_keys_rotate) to make a key of the new algorithm.",
				plan.SigningAlg.ValueString(), state.ConnectionID.ValueString()))
	}
}

// keysUnlessRotated plans the keys as they are unless the plan rotates
// them or moves the resource to another connection, so that a plan that
// changes nothing in Auth0 shows no change of keys.
type keysUnlessRotated struct{}

func (keysUnlessRotated) Description(context.Context) string {
	return "The keys stay as they are unless rotation_trigger changes."
}

func (m keysUnlessRotated) MarkdownDescription(ctx context.Context) string { return m.Description(ctx) }

func (keysUnlessRotated) PlanModifyList(ctx context.Context, req planmodifier.ListRequest, resp *planmodifier.ListResponse) {
	if req.State.Raw.IsNull() || req.Plan.Raw.IsNull() || req.StateValue.IsNull() {
		return
	}
	var prior, planned resourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &prior)...)
	resp.Diagnostics.Append(req.Plan.Get(ctx, &planned)...)
	if resp.Diagnostics.HasError() || !planned.ConnectionID.Equal(prior.ConnectionID) || rotates(prior.RotationTrigger, planned.RotationTrigger) {
		return // another connection's keys (a replacement), or rotated ones
	}
	resp.PlanValue = req.StateValue
}

func (r *keysResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan, config resourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := plan.ConnectionID.ValueString()
	alg := config.SigningAlg.ValueString() // "" when not configured
	defer r.client.LockConnection(id)()

	keys, err := r.client.ConnectionKeys(ctx, id)
	if err != nil {
		addKeysError(&resp.Diagnostics, id, "Unable to Read Connection Keys",
			fmt.Sprintf("Auth0 did not return the signing keys of connection %q, so none were provisioned.", id),
			"Check the provider's credentials and scopes (read:connections_keys), then apply again.", err)
		return
	}
	if len(keys) == 0 {
		keys = r.provision(ctx, id, alg, &resp.Diagnostics)
		if resp.Diagnostics.HasError() {
			return
		}
	} else {
		tflog.Info(ctx, "the connection has signing keys; adopting them", map[string]any{"connection_id": id, "keys": len(keys)})
		if current := currentAlgorithm(keys); alg != "" && current != "" && current != alg {
			resp.Diagnostics.AddAttributeWarning(path.Root("signing_alg"), "Existing Keys Adopted",
				fmt.Sprintf("Connection %s already had signing keys, which were adopted unchanged: its current key is %s, not %s. "+
					"Change rotation_trigger to rotate to a key of the configured algorithm.", id, current, alg))
		}
	}
	r.setState(ctx, plan, keys, &resp.State, resp.Identity, &resp.Diagnostics)
}

// provision makes the first keys of a connection that has none. When the
// answer is lost or Auth0 says the keys exist (another run made them
// meanwhile), the keys that exist now are adopted.
func (r *keysResource) provision(ctx context.Context, id, alg string, diags *diag.Diagnostics) []auth0api.ConnectionKey {
	created, err := r.client.CreateConnectionKeys(ctx, id, alg)
	if err == nil && len(created) > 0 {
		return created
	}
	if err != nil && auth0api.IsStatus(err, http.StatusBadRequest) {
		addKeysError(diags, id, "Unable to Provision Connection Keys",
			fmt.Sprintf("Auth0 refused to provision signing keys for connection %q.", id),
			"Fix the configuration, then apply again.", err)
		return nil
	}
	keys, readErr := r.client.ConnectionKeys(ctx, id)
	if readErr == nil && len(keys) > 0 {
		return keys
	}
	if err == nil {
		err = readErr
	}
	if err == nil {
		err = fmt.Errorf("POST /connections/%s/keys succeeded but the connection lists no keys", id)
	}
	addKeysError(diags, id, "Unable to Provision Connection Keys",
		fmt.Sprintf("Auth0 did not provision signing keys for connection %q.", id),
		"Check the provider's scopes (create:connections_keys), then apply again.", err)
	return nil
}

// setState records the model with the keys read, and signing_alg from
// them when it is not known.
func (r *keysResource) setState(ctx context.Context, m resourceModel, keys []auth0api.ConnectionKey,
	state *tfsdk.State, identity *tfsdk.ResourceIdentity, diags *diag.Diagnostics) {
	list, d := keysValue(keys)
	diags.Append(d...)
	if diags.HasError() {
		return
	}
	m.Keys = list
	if m.SigningAlg.IsNull() || m.SigningAlg.IsUnknown() {
		m.SigningAlg = optionalString(currentAlgorithm(keys))
	}
	record(ctx, m, state, identity, diags)
}

// record stores the model as the state and the connection id as the
// resource's identity.
func record(ctx context.Context, m resourceModel, state *tfsdk.State, identity *tfsdk.ResourceIdentity, diags *diag.Diagnostics) {
	if m.RotationTrigger.IsUnknown() {
		m.RotationTrigger = types.StringNull()
	}
	diags.Append(state.Set(ctx, m)...)
	setIdentity(ctx, identity, m.ConnectionID, diags)
}

// setIdentity sets the identity, when Terraform asks for one.
func setIdentity(ctx context.Context, identity *tfsdk.ResourceIdentity, connectionID types.String, diags *diag.Diagnostics) {
	if identity != nil {
		diags.Append(identity.Set(ctx, identityModel{ConnectionID: connectionID})...)
	}
}

func (r *keysResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state resourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := state.ConnectionID.ValueString()
	keys, err := r.client.ConnectionKeys(ctx, id)
	if auth0api.IsNotFound(err) {
		tflog.Warn(ctx, "connection not found in Auth0, removing its keys from state", map[string]any{"connection_id": id})
		resp.State.RemoveResource(ctx)
		// The framework asks for an identity even so (Terraform before
		// 1.12 stores none to carry over).
		setIdentity(ctx, resp.Identity, state.ConnectionID, &resp.Diagnostics)
		return
	}
	if err != nil {
		addKeysError(&resp.Diagnostics, id, "Unable to Read Connection Keys",
			fmt.Sprintf("Auth0 did not return the signing keys of connection %q.", id),
			"Check the provider's credentials and scopes (read:connections_keys), then refresh again.", err)
		return
	}
	r.setState(ctx, state, keys, &resp.State, resp.Identity, &resp.Diagnostics)
}

func (r *keysResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state, config resourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if !rotates(state.RotationTrigger, plan.RotationTrigger) {
		// Nothing changes in Auth0: the keys stay as planned (as they are).
		plan.Keys = state.Keys
		record(ctx, plan, &resp.State, resp.Identity, &resp.Diagnostics)
		return
	}
	id := plan.ConnectionID.ValueString()
	defer r.client.LockConnection(id)()
	fresh, err := r.client.RotateConnectionKeys(ctx, id, config.SigningAlg.ValueString())
	if err != nil {
		addKeysError(&resp.Diagnostics, id, "Unable to Rotate Connection Keys",
			fmt.Sprintf("Auth0 did not rotate the signing keys of connection %q (rotation_trigger changed to %q).", id, plan.RotationTrigger.ValueString()),
			"Check the provider's scopes (create:connections_keys and update:connections_keys) and, when the answer was lost, "+
				"whether the keys rotated (terraform refresh) before applying again: each apply that changes rotation_trigger rotates once more.", err)
		return
	}
	tflog.Info(ctx, "rotated the connection's signing keys", map[string]any{"connection_id": id, "next_kid": fresh.Kid})
	keys, err := r.client.ConnectionKeys(ctx, id)
	if err != nil {
		addKeysError(&resp.Diagnostics, id, "Unable to Read Connection Keys",
			fmt.Sprintf("The signing keys of connection %q were rotated, but Auth0 did not return them afterwards.", id),
			"Run terraform refresh (or apply again without changing rotation_trigger) to read them.", err)
		return
	}
	r.setState(ctx, plan, keys, &resp.State, resp.Identity, &resp.Diagnostics)
}

// Delete forgets the keys: Auth0 has no call to remove them, and they go
// with their connection.
func (r *keysResource) Delete(ctx context.Context, req resource.DeleteRequest, _ *resource.DeleteResponse) {
	var state resourceModel
	if diags := req.State.Get(ctx, &state); !diags.HasError() {
		tflog.Info(ctx, "removing the connection's keys from state; they stay in Auth0", map[string]any{"connection_id": state.ConnectionID.ValueString()})
	}
}

// ImportState takes the connection id, as the import id or as the
// identity's connection_id; Read fills in the rest.
func (r *keysResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	resource.ImportStatePassthroughWithIdentity(ctx, path.Root("connection_id"), path.Root("connection_id"), req, resp)
}

func quotedList(values []string) string {
	out := ""
	for i, v := range values {
		if i > 0 {
			out += ", "
		}
		out += "`" + v + "`"
	}
	return out
}
