package connectionclient

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"

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
	_ resource.Resource                = (*connectionClientResource)(nil)
	_ resource.ResourceWithConfigure   = (*connectionClientResource)(nil)
	_ resource.ResourceWithImportState = (*connectionClientResource)(nil)
	_ resource.ResourceWithIdentity    = (*connectionClientResource)(nil)
)

// NewResource returns the auth0_connection_client resource.
func NewResource() resource.Resource {
	return &connectionClientResource{}
}

type connectionClientResource struct {
	client *auth0api.Client
}

type model struct {
	ID           types.String `tfsdk:"id"`
	ConnectionID types.String `tfsdk:"connection_id"`
	ClientID     types.String `tfsdk:"client_id"`
	Name         types.String `tfsdk:"name"`
	Strategy     types.String `tfsdk:"strategy"`
}

type identityModel struct {
	ConnectionID types.String `tfsdk:"connection_id"`
	ClientID     types.String `tfsdk:"client_id"`
}

// importSeparator joins the connection and client ids of the resource's id
// and of the import id: "con_…::<client_id>", the official provider's
// format (its TestAccConnectionClient.yaml imports the pair; ids contain no
// ":" since connection ids are con_ and alphanumerics and client ids
// alphanumerics).
const importSeparator = "::"

func joinID(connectionID, clientID string) string { return connectionID + importSeparator + clientID }

// splitID parses an import id.
func splitID(id string) (connectionID, clientID string, ok bool) {
	connectionID, clientID, found := strings.Cut(id, importSeparator)
	if !found || !connectionIDPattern.MatchString(connectionID) || clientID == "" || strings.Contains(clientID, importSeparator) {
		return "", "", false
	}
	return connectionID, clientID, true
}

var connectionIDPattern = regexp.MustCompile(`^con_[A-Za-z0-9]+$`)

func (r *connectionClientResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_connection_client"
}

func (r *connectionClientResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	replace := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	known := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	resp.Schema = schema.Schema{
		MarkdownDescription: "One application (client) enabled on one connection, for a module that owns an application and " +
			"only needs it enabled on a shared connection. Destroying it disables that application only.\n\n" +
			"Do not manage the same connection with `auth0_connection_client` and `auth0_connection_clients`: the latter is " +
			"the authoritative set, and disables every application it does not list. Both resources change a connection's " +
			"applications one at a time inside the provider, but two configurations that disagree keep undoing each other.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "`<connection_id>::<client_id>`.",
				Computed:            true,
				PlanModifiers:       known,
			},
			"connection_id": schema.StringAttribute{
				MarkdownDescription: "The id of the connection (`con_…`). Changing it replaces the resource.",
				Required:            true,
				PlanModifiers:       replace,
				Validators: []validator.String{stringvalidator.RegexMatches(connectionIDPattern,
					"must be a connection id: con_ followed by letters and digits")},
			},
			"client_id": schema.StringAttribute{
				MarkdownDescription: "The client id of the application to enable. Changing it replaces the resource.",
				Required:            true,
				PlanModifiers:       replace,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"name": schema.StringAttribute{
				MarkdownDescription: "The name of the connection.",
				Computed:            true,
				PlanModifiers:       known,
			},
			"strategy": schema.StringAttribute{
				MarkdownDescription: "The strategy of the connection.",
				Computed:            true,
				PlanModifiers:       known,
			},
		},
	}
}

func (r *connectionClientResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identityschema.Schema{
		Attributes: map[string]identityschema.Attribute{
			"connection_id": identityschema.StringAttribute{RequiredForImport: true, Description: "The id of the connection."},
			"client_id":     identityschema.StringAttribute{RequiredForImport: true, Description: "The client id of the application."},
		},
	}
}

// clientAttributes are the attributes an API error may point at.
var clientAttributes = diagnostics.Attributes{"client_id": true}

func (r *connectionClientResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
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

func (r *connectionClientResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan model
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	connectionID, clientID := plan.ConnectionID.ValueString(), plan.ClientID.ValueString()
	err := r.setStatus(ctx, connectionID, clientID, true)
	if err != nil {
		diagnostics.AddAPIError(&resp.Diagnostics, clientAttributes, "Unable to Enable Client",
			fmt.Sprintf("Auth0 did not enable application %q on connection %q.", clientID, connectionID),
			"Check that the connection and the application exist, then apply again.", err)
		return
	}
	conn, err := r.client.ReadConnection(ctx, connectionID)
	if err != nil {
		diagnostics.AddAPIError(&resp.Diagnostics, clientAttributes, "Unable to Read Connection",
			fmt.Sprintf("Application %q was enabled on connection %q, but Auth0 did not return the connection.", clientID, connectionID),
			"Refresh or apply again; the application stays enabled.", err)
		return
	}
	setConnection(&plan, conn)
	r.save(ctx, plan, &resp.State, resp.Identity, &resp.Diagnostics)
}

// setStatus enables or disables the application with one PATCH entry,
// under the connection's lock, which auth0_connection_clients takes too:
// the provider sends one change of a connection's applications at a time,
// and never between that resource's read and write.
func (r *connectionClientResource) setStatus(ctx context.Context, connectionID, clientID string, enabled bool) error {
	defer r.client.LockConnection(connectionID)()
	return r.client.UpdateEnabledClients(ctx, connectionID, []auth0api.ClientStatus{{ClientID: clientID, Status: enabled}})
}

func (r *connectionClientResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state model
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	connectionID, clientID := state.ConnectionID.ValueString(), state.ClientID.ValueString()
	// The identity first: the framework wants one after every Read without
	// an error, also one that removes the resource (and Terraform before
	// 1.12 keeps none to start from).
	if resp.Identity != nil {
		resp.Diagnostics.Append(resp.Identity.Set(ctx, identityModel{ConnectionID: state.ConnectionID, ClientID: state.ClientID})...)
	}
	enabled, err := r.client.EnabledClients(ctx, connectionID)
	if err == nil && !slices.Contains(enabled, clientID) {
		tflog.Warn(ctx, "application no longer enabled on the connection, removing it from state",
			map[string]any{"connection_id": connectionID, "client_id": clientID})
		resp.State.RemoveResource(ctx)
		return
	}
	// A connection's name and strategy never change (PATCH refuses both):
	// the connection is read only when the state lacks them (an import).
	var conn *auth0api.Connection
	if err == nil && (state.Name.IsNull() || state.Strategy.IsNull()) {
		conn, err = r.client.ReadConnection(ctx, connectionID)
	}
	if auth0api.IsNotFound(err) {
		tflog.Warn(ctx, "connection not found in Auth0, removing its enabled application from state",
			map[string]any{"connection_id": connectionID})
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		diagnostics.AddAPIError(&resp.Diagnostics, clientAttributes, "Unable to Read Enabled Client",
			fmt.Sprintf("Auth0 did not say whether application %q is enabled on connection %q.", clientID, connectionID),
			"Check the provider's credentials and scopes (read:connections), then refresh again.", err)
		return
	}
	if conn != nil {
		setConnection(&state, conn)
	}
	r.save(ctx, state, &resp.State, resp.Identity, &resp.Diagnostics)
}

// Update is never called with a change: every configurable attribute
// forces a replacement. It keeps the state as planned.
func (r *connectionClientResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan model
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	r.save(ctx, plan, &resp.State, resp.Identity, &resp.Diagnostics)
}

func (r *connectionClientResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state model
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	connectionID, clientID := state.ConnectionID.ValueString(), state.ClientID.ValueString()
	err := r.setStatus(ctx, connectionID, clientID, false)
	if err != nil && !auth0api.IsNotFound(err) {
		diagnostics.AddAPIError(&resp.Diagnostics, clientAttributes, "Unable to Disable Client",
			fmt.Sprintf("Auth0 did not disable application %q on connection %q.", clientID, connectionID),
			"Destroy again once the error is fixed.", err)
	}
}

func (r *connectionClientResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	var connectionID, clientID string
	if req.ID != "" {
		var ok bool
		if connectionID, clientID, ok = splitID(req.ID); !ok {
			resp.Diagnostics.AddError("Invalid Import ID",
				fmt.Sprintf("The import id %q is not <connection_id>::<client_id>. Import with the connection's id and the "+
					"application's client id separated by \"::\", such as con_0123456789abcdef::AbCdEf0123456789AbCdEf0123456789.", req.ID))
			return
		}
	} else {
		var identity identityModel
		resp.Diagnostics.Append(req.Identity.Get(ctx, &identity)...)
		if resp.Diagnostics.HasError() {
			return
		}
		connectionID, clientID = identity.ConnectionID.ValueString(), identity.ClientID.ValueString()
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("connection_id"), connectionID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("client_id"), clientID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), joinID(connectionID, clientID))...)
	if resp.Identity != nil {
		resp.Diagnostics.Append(resp.Identity.Set(ctx, identityModel{
			ConnectionID: types.StringValue(connectionID), ClientID: types.StringValue(clientID),
		})...)
	}
}

// setConnection copies what the resource shows of its connection.
func setConnection(m *model, conn *auth0api.Connection) {
	m.ID = types.StringValue(joinID(m.ConnectionID.ValueString(), m.ClientID.ValueString()))
	m.Name = types.StringPointerValue(conn.Name)
	m.Strategy = types.StringPointerValue(conn.Strategy)
}

func (r *connectionClientResource) save(ctx context.Context, m model, state *tfsdk.State, identity *tfsdk.ResourceIdentity, diags *diag.Diagnostics) {
	diags.Append(state.Set(ctx, m)...)
	if identity != nil {
		diags.Append(identity.Set(ctx, identityModel{ConnectionID: m.ConnectionID, ClientID: m.ClientID})...)
	}
}
