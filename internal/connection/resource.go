// Package connection implements the auth0_connection resource.
package connection

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/seedtf/terraform-provider-auth0/internal/auth0api"
	"github.com/seedtf/terraform-provider-auth0/internal/diagnostics"
	"github.com/seedtf/terraform-provider-auth0/internal/providerdata"
	"github.com/seedtf/terraform-provider-auth0/internal/refresh"
)

var (
	_ resource.Resource                = (*connectionResource)(nil)
	_ resource.ResourceWithConfigure   = (*connectionResource)(nil)
	_ resource.ResourceWithImportState = (*connectionResource)(nil)
	_ resource.ResourceWithIdentity    = (*connectionResource)(nil)
)

// NewResource returns the auth0_connection resource.
func NewResource() resource.Resource {
	return &connectionResource{}
}

type connectionResource struct {
	client *auth0api.Client
	reads  *refresh.Reader
}

func (r *connectionResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_connection"
}

func (r *connectionResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	data, err := providerdata.From(req.ProviderData)
	if err != nil {
		diagnostics.AddConfigureError(&resp.Diagnostics, err)
		return
	}
	if data == nil {
		return
	}
	r.client, r.reads = data.Client, data.Refresh
}

func (r *connectionResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan, config connectionModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, diags := withTimeout(ctx, plan.Timeouts.Create, defaultCreateTimeout)
	resp.Diagnostics.Append(diags...)
	defer cancel()
	body, diags := createBody(ctx, plan, config.SensitiveOptions)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}

	created, err := r.client.CreateConnection(ctx, body)
	var unresolved *auth0api.UnresolvedCreateError
	if errors.As(err, &unresolved) {
		pending, diags := pendingState(ctx, plan)
		resp.Diagnostics.Append(diags...)
		resp.Diagnostics.Append(resp.State.Set(ctx, pending)...)
		resp.Diagnostics.AddError("Connection Create Unresolved",
			fmt.Sprintf("The request to create the connection %q went out, but whether Auth0 made it could not be learned. "+
				"Terraform keeps a record of it: the next apply looks the connection up, adopts and replaces it if this "+
				"create made it, or creates it otherwise, so no connection is left behind.\n\n%s", plan.Name.ValueString(), err))
		return
	}
	if auth0api.IsStatus(err, 409) {
		addConflictError(ctx, r.client, &resp.Diagnostics, plan.Name.ValueString(), err)
		return
	}
	if err != nil {
		diagnostics.AddAPIError(&resp.Diagnostics, connectionAttributes, "Unable to Create Connection",
			fmt.Sprintf("Auth0 did not create the connection %q.", plan.Name.ValueString()),
			"Correct the configuration as the error says, then apply again.", err)
		return
	}
	// The POST answer is the whole object: no read-back needed.
	server, diags := fromAPI(ctx, created, plan, managedOptions)
	resp.Diagnostics.Append(diags...)
	resp.Diagnostics.Append(resp.State.Set(ctx, afterApply(plan, server))...)
	resp.Diagnostics.Append(setIdentity(ctx, resp.Identity, created.ID)...)
	resp.Diagnostics.Append(setRefreshHint(ctx, resp.Private, refresh.Hint{}, r.reads.Created())...)
}

func (r *connectionResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state connectionModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, diags := withTimeout(ctx, state.Timeouts.Read, defaultReadTimeout)
	resp.Diagnostics.Append(diags...)
	defer cancel()
	// A refresh of many connections is served from one listing; the hints
	// kept in state tell early whether it will pay.
	hint, diags := getRefreshHint(ctx, req.Private)
	resp.Diagnostics.Append(diags...)
	var conn *auth0api.Connection
	var nextHint refresh.Hint
	var err error
	if isPending(state.ID.ValueString()) {
		conn, err = r.settlePending(ctx, state)
		if err == nil && conn == nil {
			removeResource(ctx, resp, state.ID.ValueString())
			return
		}
	} else {
		conn, nextHint, err = r.reads.Read(ctx, state.ID.ValueString(), hint)
	}
	if auth0api.IsNotFound(err) {
		tflog.Warn(ctx, "connection not found in Auth0, removing it from state", map[string]any{"id": state.ID.ValueString()})
		removeResource(ctx, resp, state.ID.ValueString())
		return
	}
	if err != nil {
		diagnostics.AddAPIError(&resp.Diagnostics, connectionAttributes, "Unable to Read Connection",
			fmt.Sprintf("Auth0 did not return the connection %q.", state.ID.ValueString()),
			"Check the provider's credentials and scopes (read:connections), then refresh again.", err)
		return
	}
	// After an import the state holds the server's full options, so that a
	// generated configuration is complete, until a configuration's
	// options are applied.
	imported, diags := optionsImported(ctx, req.Private)
	resp.Diagnostics.Append(diags...)
	view := managedOptions
	if imported || state.Strategy.IsNull() {
		view = importedOptions
	}
	newState, diags := fromAPI(ctx, conn, state, view)
	resp.Diagnostics.Append(diags...)
	resp.Diagnostics.Append(resp.State.Set(ctx, newState)...)
	resp.Diagnostics.Append(setIdentity(ctx, resp.Identity, conn.ID)...)
	resp.Diagnostics.Append(setRefreshHint(ctx, resp.Private, hint, nextHint)...)
}

func (r *connectionResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state, config connectionModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := state.ID.ValueString()
	ctx, cancel, diags := withTimeout(ctx, plan.Timeouts.Update, defaultUpdateTimeout)
	resp.Diagnostics.Append(diags...)
	defer cancel()
	resp.Diagnostics.Append(setIdentity(ctx, resp.Identity, id)...)

	imported, diags := optionsImported(ctx, req.Private)
	resp.Diagnostics.Append(diags...)
	sendOptions := !config.Options.IsNull() && !plan.Options.Equal(state.Options)
	// Write-only secrets cannot be compared with what was sent before: they
	// are sent again when, and only when, their version changes.
	resendSecrets := usable(config.SensitiveOptions) && !plan.SensitiveOptionsVersion.Equal(state.SensitiveOptionsVersion)
	if !sendOptions && !resendSecrets && !topLevelChanged(plan, state) {
		// Only the state changes (options no longer managed, a new
		// sensitive_options_version without secrets, timeouts): apply
		// sends nothing, as the plan showed nothing for Auth0.
		resp.Diagnostics.Append(resp.State.Set(ctx, afterApply(plan, state))...)
		return
	}
	patch := &auth0api.Connection{}
	setTopLevel(ctx, patch, plan, &state, &resp.Diagnostics)
	if sendOptions || resendSecrets {
		// Auth0 replaces options wholesale: start from what the server
		// holds now so that keys this configuration does not manage survive.
		current, err := r.client.ReadConnection(ctx, id)
		if err != nil {
			diagnostics.AddAPIError(&resp.Diagnostics, connectionAttributes, "Unable to Update Connection",
				fmt.Sprintf("Reading the current options of connection %q failed, so nothing was changed.", id),
				"Apply again once Auth0 answers.", err)
			return
		}
		raw, unchanged, err := updatedOptions(state.Strategy.ValueString(), current.Options, state.Options, plan.Options, imported, sendOptions, config.SensitiveOptions, resendSecrets)
		if err != nil {
			resp.Diagnostics.AddAttributeError(optionsPath, "Unable to Build Options Update",
				"The options to send could not be built, so nothing was changed.\n\n"+err.Error())
			return
		}
		if unchanged && !topLevelChanged(plan, state) {
			// Auth0 holds these options already (keys newly managed at
			// the values they have): only the state changes.
			resp.Diagnostics.Append(resp.State.Set(ctx, afterApply(plan, state))...)
			resp.Diagnostics.Append(setOptionsImported(ctx, resp.Private, false)...)
			return
		}
		patch.Options = raw
	}
	if resp.Diagnostics.HasError() {
		return
	}

	updated, err := r.client.UpdateConnection(ctx, id, patch)
	if auth0api.IsNotFound(err) {
		resp.Diagnostics.AddError("Connection Deleted Outside Terraform",
			fmt.Sprintf("The connection %q no longer exists in Auth0. Run terraform apply again to create it anew.\n\n%s", id, err))
		return
	}
	if err != nil {
		diagnostics.AddAPIError(&resp.Diagnostics, connectionAttributes, "Unable to Update Connection",
			fmt.Sprintf("Auth0 did not update the connection %q; it is unchanged.", id),
			"Correct the configuration as the error says, then apply again.", err)
		return
	}
	server, diags := fromAPI(ctx, updated, plan, managedOptions)
	resp.Diagnostics.Append(diags...)
	resp.Diagnostics.Append(resp.State.Set(ctx, afterApply(plan, server))...)
	if sendOptions {
		// The state now holds the configuration's keys: they are managed.
		resp.Diagnostics.Append(setOptionsImported(ctx, resp.Private, false)...)
	}
}

func (r *connectionResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state connectionModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, diags := withTimeout(ctx, state.Timeouts.Delete, defaultDeleteTimeout)
	resp.Diagnostics.Append(diags...)
	defer cancel()
	id := state.ID.ValueString()
	if isPending(id) {
		// Destroyed before a refresh settled it: delete what it made.
		found, err := r.settlePending(ctx, state)
		if err != nil || found == nil {
			if err != nil {
				diagnostics.AddAPIError(&resp.Diagnostics, connectionAttributes, "Unable to Delete Connection",
					fmt.Sprintf("Whether the interrupted create of %q made a connection could not be learned.", state.Name.ValueString()),
					"Destroy again once Auth0 answers.", err)
			}
			return
		}
		id = found.ID
	}
	if err := r.client.DeleteConnection(ctx, id); err != nil {
		diagnostics.AddAPIError(&resp.Diagnostics, connectionAttributes, "Unable to Delete Connection",
			fmt.Sprintf("Auth0 did not delete the connection %q.", state.ID.ValueString()),
			"Check the provider's scopes (delete:connections), then destroy again.", err)
	}
}

// Default operation timeouts: long enough for many retries under a tight
// rate limit, bounded so that a dead API is reported.
const (
	defaultCreateTimeout = 20 * time.Minute
	defaultReadTimeout   = 5 * time.Minute
	defaultUpdateTimeout = 20 * time.Minute
	defaultDeleteTimeout = 10 * time.Minute
)

// withTimeout bounds an operation, with its retries, by the resource's
// timeouts block (or the default).
func withTimeout(ctx context.Context, get func(context.Context, time.Duration) (time.Duration, diag.Diagnostics), def time.Duration) (context.Context, context.CancelFunc, diag.Diagnostics) {
	d, diags := get(ctx, def)
	ctx, cancel := context.WithTimeout(ctx, d)
	return ctx, cancel, diags
}

func (r *connectionResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	resource.ImportStatePassthroughWithIdentity(ctx, path.Root("id"), path.Root("id"), req, resp)
	resp.Diagnostics.Append(setOptionsImported(ctx, resp.Private, true)...)
}
