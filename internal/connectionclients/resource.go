// Package connectionclients implements the auth0_connection_clients
// resource: the authoritative set of applications enabled for a connection.
package connectionclients

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/seedtf/terraform-provider-auth0/internal/auth0api"
	"github.com/seedtf/terraform-provider-auth0/internal/diagnostics"
	"github.com/seedtf/terraform-provider-auth0/internal/providerdata"
)

var (
	_ resource.Resource                = (*connectionClientsResource)(nil)
	_ resource.ResourceWithConfigure   = (*connectionClientsResource)(nil)
	_ resource.ResourceWithImportState = (*connectionClientsResource)(nil)
	_ resource.ResourceWithIdentity    = (*connectionClientsResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*connectionClientsResource)(nil)
)

// NewResource returns the auth0_connection_clients resource.
func NewResource() resource.Resource {
	return &connectionClientsResource{}
}

type connectionClientsResource struct {
	client *auth0api.Client
}

type model struct {
	ConnectionID   types.String   `tfsdk:"connection_id"`
	EnabledClients types.Set      `tfsdk:"enabled_clients"`
	Timeouts       timeouts.Value `tfsdk:"timeouts"`
}

// defaultTimeout bounds each operation, with its retries, unless the
// timeouts block says otherwise.
const defaultTimeout = 10 * time.Minute

func (r *connectionClientsResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_connection_clients"
}

func (r *connectionClientsResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The applications (clients) enabled for a connection, as one authoritative set: applications " +
			"not in `enabled_clients` are disabled for the connection. Manage each connection's set with one resource only. " +
			"This replaces the deprecated `enabled_clients` attribute of `auth0_connection`.",
		Attributes: map[string]schema.Attribute{
			"connection_id": schema.StringAttribute{
				MarkdownDescription: "The id of the connection (`con_…`). Changing it moves the resource to another connection.",
				Required:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"enabled_clients": schema.SetAttribute{
				MarkdownDescription: "The client ids of the applications enabled for the connection; all others are disabled. " +
					"An empty set disables every application.",
				ElementType: types.StringType,
				Required:    true,
			},
			"timeouts": timeouts.AttributesAll(ctx),
		},
	}
}

// clientsAttributes are the attributes an API error may point at: a PATCH
// of /connections/{id}/clients names entries ([0].client_id), which are
// the enabled_clients.
var clientsAttributes = diagnostics.Attributes{"enabled_clients": true}

func (r *connectionClientsResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
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

// ModifyPlan warns, when the resource is to be created, about the
// applications already enabled that the apply will disable: the set is
// authoritative, and nothing should be erased silently.
func (r *connectionClientsResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if r.client == nil || !req.State.Raw.IsNull() || req.Plan.Raw.IsNull() {
		return
	}
	var plan model
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() || plan.ConnectionID.IsUnknown() || plan.EnabledClients.IsUnknown() {
		return
	}
	current, err := r.client.EnabledClients(ctx, plan.ConnectionID.ValueString())
	if auth0api.IsNotFound(err) {
		return // the connection is yet to be created
	}
	if err != nil {
		tflog.Warn(ctx, "could not list the clients enabled for the connection", map[string]any{"error": err.Error()})
		return
	}
	wanted, diags := setOf(ctx, plan.EnabledClients)
	resp.Diagnostics.Append(diags...)
	var disabled []string
	for _, id := range current {
		if !wanted[id] {
			disabled = append(disabled, id)
		}
	}
	if len(disabled) > 0 {
		slices.Sort(disabled)
		resp.Diagnostics.AddAttributeWarning(path.Root("enabled_clients"), "Applications Will Be Disabled",
			fmt.Sprintf("Connection %s has applications enabled that enabled_clients does not list; applying disables them: %s. "+
				"Add them to enabled_clients to keep them enabled.", plan.ConnectionID.ValueString(), strings.Join(disabled, ", ")))
	}
}

func (r *connectionClientsResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan model
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	r.applyPlan(ctx, plan, plan.Timeouts.Create, &resp.State, resp.Private, &resp.Diagnostics)
	if !resp.Diagnostics.HasError() {
		resp.Diagnostics.Append(setIdentity(ctx, resp.Identity, plan.ConnectionID)...)
	}
}

func (r *connectionClientsResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan model
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	r.applyPlan(ctx, plan, plan.Timeouts.Update, &resp.State, resp.Private, &resp.Diagnostics)
	if !resp.Diagnostics.HasError() {
		resp.Diagnostics.Append(setIdentity(ctx, resp.Identity, plan.ConnectionID)...)
	}
}

// applyPlan is Create and Update: apply within the operation's timeout,
// then record the plan as the state and as the set applied.
func (r *connectionClientsResource) applyPlan(ctx context.Context, plan model,
	timeoutOf func(context.Context, time.Duration) (time.Duration, diag.Diagnostics),
	state *tfsdk.State, private privateState, diags *diag.Diagnostics) {
	timeout, d := timeoutOf(ctx, defaultTimeout)
	diags.Append(d...)
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	if r.apply(ctx, plan, diags) {
		diags.Append(state.Set(ctx, plan)...)
		diags.Append(rememberApplied(ctx, private, plan)...)
	}
}

func (r *connectionClientsResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state model
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := state.ConnectionID.ValueString()
	timeout, diags := state.Timeouts.Read(ctx, defaultTimeout)
	resp.Diagnostics.Append(diags...)
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	enabled, err := r.client.EnabledClients(ctx, id)
	if auth0api.IsNotFound(err) {
		tflog.Warn(ctx, "connection not found in Auth0, removing its enabled clients from state", map[string]any{"connection_id": id})
		resp.State.RemoveResource(ctx)
		// The framework (v1.19) requires an identity after every Read
		// without errors, and Terraform before 1.12 stores none.
		resp.Diagnostics.Append(setIdentity(ctx, resp.Identity, state.ConnectionID)...)
		return
	}
	if err != nil {
		diagnostics.AddAPIError(&resp.Diagnostics, clientsAttributes, "Unable to Read Enabled Clients",
			fmt.Sprintf("Auth0 did not return the clients enabled for connection %q.", id),
			"Check the provider's credentials and scopes (read:connections), then refresh again.", err)
		return
	}
	set, diags := types.SetValueFrom(ctx, types.StringType, enabled)
	resp.Diagnostics.Append(diags...)
	state.EnabledClients = set
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
	resp.Diagnostics.Append(setIdentity(ctx, resp.Identity, state.ConnectionID)...)
}

func (r *connectionClientsResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state model
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	// A refresh may have brought clients enabled outside Terraform into
	// state; disable the set this resource last applied, when known.
	managed, diags := applied(ctx, req.Private)
	resp.Diagnostics.Append(diags...)
	if managed == nil {
		managed, diags = setOf(ctx, state.EnabledClients)
		resp.Diagnostics.Append(diags...)
	}
	id := state.ConnectionID.ValueString()
	timeout, diags := state.Timeouts.Delete(ctx, defaultTimeout)
	resp.Diagnostics.Append(diags...)
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	defer r.client.LockConnection(id)()
	// Disable exactly the clients this resource manages.
	changes := make([]auth0api.ClientStatus, 0, len(managed))
	for _, clientID := range sortedKeys(managed) {
		changes = append(changes, auth0api.ClientStatus{ClientID: clientID, Status: false})
	}
	err := r.client.UpdateEnabledClients(ctx, id, changes)
	if err != nil && !auth0api.IsNotFound(err) {
		diagnostics.AddAPIError(&resp.Diagnostics, clientsAttributes, "Unable to Disable Clients",
			fmt.Sprintf("Auth0 did not disable the clients of connection %q.", id), "Destroy again once the error is fixed.", err)
	}
}

func (r *connectionClientsResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	resource.ImportStatePassthroughWithIdentity(ctx, path.Root("connection_id"), path.Root("connection_id"), req, resp)
}

// apply makes the connection's enabled clients exactly the planned set,
// sending only the difference from what Auth0 holds now.
func (r *connectionClientsResource) apply(ctx context.Context, plan model, diags *diag.Diagnostics) bool {
	id := plan.ConnectionID.ValueString()
	wanted, d := setOf(ctx, plan.EnabledClients)
	diags.Append(d...)
	if diags.HasError() {
		return false
	}
	// Serialized per connection: two resources (or a replacement) changing
	// the same connection must not interleave their read and write.
	defer r.client.LockConnection(id)()
	current, err := r.client.EnabledClients(ctx, id)
	if err != nil {
		diagnostics.AddAPIError(diags, clientsAttributes, "Unable to Read Enabled Clients",
			fmt.Sprintf("Auth0 did not return the clients enabled for connection %q, so nothing was changed.", id),
			"Check the provider's credentials and scopes (read:connections), then apply again.", err)
		return false
	}
	changes := difference(current, wanted)
	if err := r.client.UpdateEnabledClients(ctx, id, changes); err != nil {
		diagnostics.AddAPIError(diags, clientsAttributes, "Unable to Update Enabled Clients",
			fmt.Sprintf("Auth0 did not apply the change of the clients enabled for connection %q.", id),
			"Check that every client id exists, then apply again.", err)
		return false
	}
	return true
}

// difference lists the changes that turn current into wanted: enables
// first, so a connection is never left with fewer clients than both sets.
func difference(current []string, wanted map[string]bool) []auth0api.ClientStatus {
	have := map[string]bool{}
	for _, id := range current {
		have[id] = true
	}
	var changes []auth0api.ClientStatus
	for _, id := range sortedKeys(wanted) {
		if !have[id] {
			changes = append(changes, auth0api.ClientStatus{ClientID: id, Status: true})
		}
	}
	for _, id := range sortedKeys(have) {
		if !wanted[id] {
			changes = append(changes, auth0api.ClientStatus{ClientID: id, Status: false})
		}
	}
	return changes
}
