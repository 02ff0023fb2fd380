package scim

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/seedtf/terraform-provider-auth0/internal/auth0api"
	"github.com/seedtf/terraform-provider-auth0/internal/diagnostics"
)

var (
	_ resource.Resource                = (*tokenResource)(nil)
	_ resource.ResourceWithConfigure   = (*tokenResource)(nil)
	_ resource.ResourceWithImportState = (*tokenResource)(nil)
	_ resource.ResourceWithIdentity    = (*tokenResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*tokenResource)(nil)
)

// tokenScopes are the scopes a SCIM token may carry: the SCIM operations on
// users. The API's documents list none; the recordings show the first four
// (TestAccSCIMToken.yaml, go-auth0's TestConnectionManager_CreateSCIMToken.yaml).
var tokenScopes = []string{"get:users", "post:users", "put:users", "patch:users", "delete:users"}

// minTokenLifetime is the smallest token_lifetime Auth0 accepts: the
// described API document says "Must be greater than 900".
const minTokenLifetime = 901

// importSeparator separates the connection id and the token id of an
// import id.
const importSeparator = "::"

// NewTokenResource returns the auth0_connection_scim_token resource.
func NewTokenResource() resource.Resource { return &tokenResource{now: time.Now} }

type tokenResource struct {
	client *auth0api.Client
	now    func() time.Time
}

type tokenModel struct {
	ConnectionID  types.String `tfsdk:"connection_id"`
	Scopes        types.Set    `tfsdk:"scopes"`
	TokenLifetime types.Int64  `tfsdk:"token_lifetime"`
	TokenID       types.String `tfsdk:"token_id"`
	Token         types.String `tfsdk:"token"`
	CreatedAt     types.String `tfsdk:"created_at"`
	ValidUntil    types.String `tfsdk:"valid_until"`
}

type tokenIdentity struct {
	ConnectionID types.String `tfsdk:"connection_id"`
	TokenID      types.String `tfsdk:"token_id"`
}

func (r *tokenResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_connection_scim_token"
}

func (r *tokenResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identityschema.Schema{Attributes: map[string]identityschema.Attribute{
		"connection_id": identityConnectionID,
		"token_id":      identityschema.StringAttribute{RequiredForImport: true, Description: "The id of the token (`tok_…`)."},
	}}
}

func (r *tokenResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	keep := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	resp.Schema = schema.Schema{
		MarkdownDescription: "A SCIM token of a connection, which an identity provider authenticates its SCIM requests with. " +
			"The connection needs an `auth0_connection_scim_configuration`; Auth0 allows two tokens per connection.\n\n" +
			"~> Auth0 shows a token's value once, when it is created, so `token` lives in the Terraform state: " +
			"protect the state as you would the token. Any change replaces the token (a new value), and destroying revokes it. " +
			"A token whose `valid_until` has passed is planned for replacement, with a warning.",
		Attributes: map[string]schema.Attribute{
			"connection_id": connectionIDAttribute("the token"),
			"scopes": schema.SetAttribute{
				MarkdownDescription: "What the token may do: any of `" + strings.Join(tokenScopes, "`, `") + "`. Changing them replaces the token.",
				ElementType:         types.StringType,
				Required:            true,
				PlanModifiers:       []planmodifier.Set{setplanmodifier.RequiresReplace()},
				Validators: []validator.Set{
					setvalidator.SizeAtLeast(1),
					setvalidator.ValueStringsAre(stringvalidator.OneOf(tokenScopes...)),
				},
			},
			"token_lifetime": schema.Int64Attribute{
				MarkdownDescription: "How long the token is valid, in seconds (more than 900). Left out, the token does not expire. " +
					"Changing it replaces the token.",
				Optional:      true,
				PlanModifiers: []planmodifier.Int64{int64planmodifier.RequiresReplace()},
				Validators:    []validator.Int64{int64validator.AtLeast(minTokenLifetime)},
			},
			"token_id": schema.StringAttribute{MarkdownDescription: "The id of the token (`tok_…`).", Computed: true, PlanModifiers: keep},
			"token": schema.StringAttribute{
				MarkdownDescription: "The token's value. Auth0 shows it only when the token is created; an imported token has none (null).",
				Computed:            true,
				Sensitive:           true,
				PlanModifiers:       keep,
			},
			"created_at":  schema.StringAttribute{MarkdownDescription: "When the token was created.", Computed: true, PlanModifiers: keep},
			"valid_until": schema.StringAttribute{MarkdownDescription: "When the token expires; null when it does not.", Computed: true, PlanModifiers: keep},
		},
	}
}

func (r *tokenResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = configure(req.ProviderData, &resp.Diagnostics)
}

// expired reports whether valid_until (RFC 3339) is at or before now.
func expired(validUntil types.String, now time.Time) bool {
	if validUntil.IsNull() || validUntil.IsUnknown() {
		return false
	}
	t, err := time.Parse(time.RFC3339, validUntil.ValueString())
	return err == nil && !t.After(now)
}

// ModifyPlan plans the replacement of a token whose valid_until has
// passed, rather than keep a token in state that no longer works.
func (r *tokenResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.State.Raw.IsNull() || req.Plan.Raw.IsNull() {
		return
	}
	var state tokenModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() || !expired(state.ValidUntil, r.now()) {
		return
	}
	for _, name := range []string{"token_id", "token", "created_at", "valid_until"} {
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root(name), types.StringUnknown())...)
	}
	resp.RequiresReplace.Append(path.Root("valid_until"))
	resp.Diagnostics.AddAttributeWarning(path.Root("valid_until"), "SCIM Token Expired",
		fmt.Sprintf("SCIM token %s of connection %s expired at %s, so the identity provider can no longer use it. "+
			"Applying replaces it with a new token (a new value): hand the new token to the identity provider afterwards.",
			state.TokenID.ValueString(), state.ConnectionID.ValueString(), state.ValidUntil.ValueString()))
}

func (r *tokenResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan tokenModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := plan.ConnectionID.ValueString()
	body := auth0api.SCIMTokenRequest{}
	resp.Diagnostics.Append(plan.Scopes.ElementsAs(ctx, &body.Scopes, false)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if !plan.TokenLifetime.IsNull() {
		body.TokenLifetime = plan.TokenLifetime.ValueInt64Pointer()
	}
	tok, err := r.client.CreateSCIMToken(ctx, id, body)
	if err != nil {
		diagnostics.AddAPIError(&resp.Diagnostics, scimAttributes, "Unable to Create SCIM Token",
			fmt.Sprintf("Auth0 did not create a SCIM token for connection %q.", id),
			"Check that the connection has a SCIM configuration (auth0_connection_scim_configuration) and fewer than two tokens, then apply again.", err)
		return
	}
	plan.TokenID = types.StringValue(tok.TokenID)
	plan.Token = types.StringValue(tok.Token)
	resp.Diagnostics.Append(setTokenFields(ctx, &plan, tok)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
	setTokenIdentity(ctx, plan, resp.Identity, &resp.Diagnostics)
}

func setTokenIdentity(ctx context.Context, m tokenModel, identity *tfsdk.ResourceIdentity, diags *diag.Diagnostics) {
	if identity == nil || m.TokenID.IsNull() {
		return
	}
	diags.Append(identity.Set(ctx, tokenIdentity{ConnectionID: m.ConnectionID, TokenID: m.TokenID})...)
}

// setTokenFields copies what the API shows of a token into the model:
// the token's value only at creation, never from a listing.
func setTokenFields(ctx context.Context, m *tokenModel, tok *auth0api.SCIMToken) diag.Diagnostics {
	var diags diag.Diagnostics
	m.CreatedAt = types.StringValue(tok.CreatedAt)
	m.ValidUntil = types.StringNull()
	if tok.ValidUntil != "" {
		m.ValidUntil = types.StringValue(tok.ValidUntil)
	}
	if len(tok.Scopes) > 0 {
		m.Scopes, diags = types.SetValueFrom(ctx, types.StringType, tok.Scopes)
	}
	if m.TokenLifetime.IsNull() {
		m.TokenLifetime = lifetimeOf(tok)
	}
	return diags
}

// lifetimeOf derives an imported token's token_lifetime from its
// timestamps (Auth0 does not return it); null when the token does not
// expire.
func lifetimeOf(tok *auth0api.SCIMToken) types.Int64 {
	created, err1 := time.Parse(time.RFC3339, tok.CreatedAt)
	until, err2 := time.Parse(time.RFC3339, tok.ValidUntil)
	if tok.ValidUntil == "" || err1 != nil || err2 != nil {
		return types.Int64Null()
	}
	return types.Int64Value(int64(until.Sub(created).Round(time.Second) / time.Second))
}

// Read finds the token in the connection's list; a token that is gone (or
// a connection or configuration that is) leaves the state.
func (r *tokenResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state tokenModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id, tokenID := state.ConnectionID.ValueString(), state.TokenID.ValueString()
	tokens, err := r.client.SCIMTokens(ctx, id)
	// The framework wants an identity after every read, even one that
	// removes the resource.
	setTokenIdentity(ctx, state, resp.Identity, &resp.Diagnostics)
	if auth0api.IsNotFound(err) {
		tflog.Warn(ctx, "SCIM configuration not found in Auth0, removing its token from state", map[string]any{"connection_id": id, "token_id": tokenID})
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		readFailed(&resp.Diagnostics, "SCIM Tokens", id, err)
		return
	}
	for i := range tokens {
		if tokens[i].TokenID == tokenID {
			resp.Diagnostics.Append(setTokenFields(ctx, &state, &tokens[i])...)
			resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
			setTokenIdentity(ctx, state, resp.Identity, &resp.Diagnostics)
			return
		}
	}
	tflog.Warn(ctx, "SCIM token not found in Auth0, removing it from state", map[string]any{"connection_id": id, "token_id": tokenID})
	resp.State.RemoveResource(ctx)
}

// Update is never called: every configurable attribute replaces the token.
func (r *tokenResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	resp.Diagnostics.AddError("Unexpected SCIM Token Update",
		"A SCIM token cannot be changed, only replaced, so Terraform should never plan an update. Please report this issue to the provider developers.")
}

func (r *tokenResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state tokenModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id, tokenID := state.ConnectionID.ValueString(), state.TokenID.ValueString()
	if err := r.client.DeleteSCIMToken(ctx, id, tokenID); err != nil && !auth0api.IsNotFound(err) {
		diagnostics.AddAPIError(&resp.Diagnostics, scimAttributes, "Unable to Revoke SCIM Token",
			fmt.Sprintf("Auth0 did not revoke SCIM token %q of connection %q.", tokenID, id), "Destroy again once the error is fixed.", err)
	}
}

// ImportState takes "<connection_id>::<token_id>", or the identity. The
// token's value cannot be imported: it stays null.
func (r *tokenResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	var ident tokenIdentity
	if req.ID == "" && req.Identity != nil {
		resp.Diagnostics.Append(req.Identity.Get(ctx, &ident)...)
	} else {
		conn, tok, ok := strings.Cut(req.ID, importSeparator)
		if !ok || conn == "" || tok == "" || strings.Contains(tok, importSeparator) {
			resp.Diagnostics.AddError("Invalid Import ID",
				fmt.Sprintf("The import id %q is not <connection_id>::<token_id>, such as con_0123456789abcdef::tok_0123456789abcdef. "+
					"Use the connection's id and the token's token_id.", req.ID))
			return
		}
		ident = tokenIdentity{ConnectionID: types.StringValue(conn), TokenID: types.StringValue(tok)}
	}
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("connection_id"), ident.ConnectionID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("token_id"), ident.TokenID)...)
	if resp.Identity != nil {
		resp.Diagnostics.Append(resp.Identity.Set(ctx, ident)...)
	}
}
