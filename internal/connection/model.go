package connection

import (
	"context"
	"encoding/json"
	"errors"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/seedtf/terraform-provider-auth0/internal/auth0api"
	"github.com/seedtf/terraform-provider-auth0/internal/options"
)

// connectionModel is the Terraform state and plan of auth0_connection.
type connectionModel struct {
	ID                 types.String  `tfsdk:"id"`
	Name               types.String  `tfsdk:"name"`
	Strategy           types.String  `tfsdk:"strategy"`
	DisplayName        types.String  `tfsdk:"display_name"`
	IsDomainConnection types.Bool    `tfsdk:"is_domain_connection"`
	ShowAsButton       types.Bool    `tfsdk:"show_as_button"`
	Realms             types.List    `tfsdk:"realms"`
	Metadata           types.Map     `tfsdk:"metadata"`
	Authentication     types.Object  `tfsdk:"authentication"`
	ConnectedAccounts  types.Object  `tfsdk:"connected_accounts"`
	EnabledClients     types.Set     `tfsdk:"enabled_clients"`
	Options            types.Dynamic `tfsdk:"options"`
	// SensitiveOptions is write-only: always null in plan and state.
	SensitiveOptions        types.Dynamic  `tfsdk:"sensitive_options"`
	SensitiveOptionsVersion types.String   `tfsdk:"sensitive_options_version"`
	Timeouts                timeouts.Value `tfsdk:"timeouts"`
}

var (
	authenticationAttrTypes = map[string]attr.Type{
		"active": types.BoolType,
	}
	connectedAccountsAttrTypes = map[string]attr.Type{
		"active":           types.BoolType,
		"cross_app_access": types.BoolType,
	}
)

// usable reports whether a plan value is to be sent: known and not null.
func usable(v attr.Value) bool { return !v.IsNull() && !v.IsUnknown() }

// createBody builds the POST body from the plan, every value it knows, with
// the write-only secrets (which only the configuration holds) merged into
// the options.
func createBody(ctx context.Context, plan connectionModel, secrets types.Dynamic) (*auth0api.Connection, diag.Diagnostics) {
	var diags diag.Diagnostics
	body := &auth0api.Connection{
		Name:     plan.Name.ValueStringPointer(),
		Strategy: plan.Strategy.ValueStringPointer(),
	}
	setTopLevel(ctx, body, plan, nil, &diags)
	opts, err := options.CreateOptions(plan.Options, secrets)
	if err != nil {
		diags.Append(optionsError(err))
		return body, diags
	}
	if opts != nil {
		raw, err := json.Marshal(opts)
		if err != nil {
			diags.AddAttributeError(optionsPath, "Invalid Options", err.Error())
		}
		body.Options = raw
	}
	return body, diags
}

// optionsError attaches an options error to the attribute it is about.
func optionsError(err error) diag.Diagnostic {
	var secretsErr *options.SecretsError
	if errors.As(err, &secretsErr) {
		return diag.NewAttributeErrorDiagnostic(sensitiveOptionsPath, "Invalid Sensitive Options", err.Error())
	}
	return diag.NewAttributeErrorDiagnostic(optionsPath, "Invalid Options", err.Error())
}

// setTopLevel copies the top-level attributes the plan knows into body;
// with a prior state, only those that differ from it (but for the two the
// API resets when left out), so an update sends what changed.
func setTopLevel(ctx context.Context, body *auth0api.Connection, plan connectionModel, prior *connectionModel, diags *diag.Diagnostics) {
	changed := func(planned, old attr.Value) bool {
		return usable(planned) && (prior == nil || !planned.Equal(old))
	}
	var old connectionModel
	if prior != nil {
		old = *prior
	}
	// A PATCH without display_name resets it to the name, and one without
	// realms may reset them to [name]: send both whenever they are known.
	if usable(plan.DisplayName) {
		body.DisplayName = plan.DisplayName.ValueStringPointer()
	}
	if changed(plan.IsDomainConnection, old.IsDomainConnection) {
		body.IsDomainConnection = plan.IsDomainConnection.ValueBoolPointer()
	}
	if changed(plan.ShowAsButton, old.ShowAsButton) {
		body.ShowAsButton = plan.ShowAsButton.ValueBoolPointer()
	}
	if usable(plan.Realms) {
		realms := []string{}
		diags.Append(plan.Realms.ElementsAs(ctx, &realms, false)...)
		body.Realms = &realms
	}
	if changed(plan.Metadata, old.Metadata) {
		metadata := map[string]string{}
		diags.Append(plan.Metadata.ElementsAs(ctx, &metadata, false)...)
		body.Metadata = &metadata
	}
	if changed(plan.Authentication, old.Authentication) {
		attrs := plan.Authentication.Attributes()
		body.Authentication = &auth0api.Authentication{Active: boolAttr(attrs["active"])}
	}
	if changed(plan.ConnectedAccounts, old.ConnectedAccounts) {
		attrs := plan.ConnectedAccounts.Attributes()
		ca := &auth0api.ConnectedAccounts{Active: boolAttr(attrs["active"])}
		if v, ok := attrs["cross_app_access"].(types.Bool); ok && usable(v) {
			ca.CrossAppAccess = v.ValueBoolPointer()
		}
		body.ConnectedAccounts = ca
	}
}

// topLevelChanged reports whether the plan changes an attribute the API
// holds, options apart.
func topLevelChanged(plan, state connectionModel) bool {
	for _, pair := range [][2]attr.Value{
		{plan.DisplayName, state.DisplayName}, {plan.IsDomainConnection, state.IsDomainConnection},
		{plan.ShowAsButton, state.ShowAsButton}, {plan.Realms, state.Realms}, {plan.Metadata, state.Metadata},
		{plan.Authentication, state.Authentication}, {plan.ConnectedAccounts, state.ConnectedAccounts},
	} {
		if !pair[0].IsUnknown() && !pair[0].Equal(pair[1]) {
			return true
		}
	}
	return false
}

func boolAttr(v attr.Value) bool {
	b, ok := v.(types.Bool)
	return ok && b.ValueBool()
}

// optionsView says how fromAPI shows a connection's options.
type optionsView int

const (
	// managedOptions projects them onto the keys prior manages (null
	// when options are not managed).
	managedOptions optionsView = iota
	// importedOptions holds the set an import reads: all but the secret and
	// derived keys, so a generated configuration is complete and converges.
	importedOptions
	// allOptions holds every key but the secret ones, for data sources.
	allOptions
)

// fromAPI maps an API connection to the model, its options as view says
// (the rules are the options package's).
func fromAPI(ctx context.Context, conn *auth0api.Connection, prior connectionModel, view optionsView) (connectionModel, diag.Diagnostics) {
	var diags diag.Diagnostics
	m := connectionModel{
		ID:                 types.StringValue(conn.ID),
		Name:               types.StringPointerValue(conn.Name),
		Strategy:           types.StringPointerValue(conn.Strategy),
		DisplayName:        types.StringPointerValue(conn.DisplayName),
		IsDomainConnection: types.BoolPointerValue(conn.IsDomainConnection),
		ShowAsButton:       types.BoolPointerValue(conn.ShowAsButton),
		Realms:             types.ListNull(types.StringType),
		Metadata:           types.MapNull(types.StringType),
		Authentication:     types.ObjectNull(authenticationAttrTypes),
		ConnectedAccounts:  types.ObjectNull(connectedAccountsAttrTypes),
		// Secrets are write-only; their version is ours, not the API's.
		SensitiveOptions:        types.DynamicNull(),
		SensitiveOptionsVersion: prior.SensitiveOptionsVersion,
		Timeouts:                prior.Timeouts,
	}
	var d diag.Diagnostics
	if conn.Realms != nil {
		m.Realms, d = types.ListValueFrom(ctx, types.StringType, *conn.Realms)
		diags.Append(d...)
	}
	switch {
	case conn.Metadata != nil:
		m.Metadata, d = types.MapValueFrom(ctx, types.StringType, *conn.Metadata)
		diags.Append(d...)
	case usable(prior.Metadata) && len(prior.Metadata.Elements()) == 0:
		// The API may leave out metadata it holds none of: that is `{}`.
		m.Metadata = prior.Metadata
	}
	if conn.Authentication != nil {
		m.Authentication = types.ObjectValueMust(authenticationAttrTypes, map[string]attr.Value{
			"active": types.BoolValue(conn.Authentication.Active),
		})
	}
	if conn.ConnectedAccounts != nil {
		m.ConnectedAccounts = types.ObjectValueMust(connectedAccountsAttrTypes, map[string]attr.Value{
			"active":           types.BoolValue(conn.ConnectedAccounts.Active),
			"cross_app_access": types.BoolPointerValue(conn.ConnectedAccounts.CrossAppAccess),
		})
	}
	switch {
	case conn.EnabledClients != nil:
		m.EnabledClients, d = types.SetValueFrom(ctx, types.StringType, *conn.EnabledClients)
		diags.Append(d...)
	case usable(prior.EnabledClients):
		// Left out of the answer (see auth0api.Connection): what the state
		// knows stands, rather than an empty set that a listing would
		// contradict on the next refresh.
		m.EnabledClients = prior.EnabledClients
	default:
		m.EnabledClients = types.SetValueMust(types.StringType, nil)
	}

	serverOptions, err := options.Decode(conn.Options)
	if err != nil {
		diags.AddAttributeError(optionsPath, "Unreadable Options From Auth0",
			"The Management API returned options that are not a JSON object. Please report this issue to the provider developers.\n\n"+err.Error())
		return m, diags
	}
	strategy := m.Strategy.ValueString()
	switch {
	case view == importedOptions:
		m.Options = options.Imported(strategy, serverOptions)
	case view == allOptions:
		m.Options = options.WithoutSecrets(serverOptions)
	case prior.Options.IsUnknown():
		m.Options = types.DynamicNull()
	default:
		m.Options = options.Project(strategy, serverOptions, prior.Options)
	}
	return m, diags
}

// afterApply is the state after a create or update: the plan, with what it
// left unknown filled from the API's answer. Keeping the planned values is
// what Terraform requires; a server that changed one shows on next refresh.
func afterApply(plan, fromServer connectionModel) connectionModel {
	out := plan
	out.ID = fromServer.ID
	out.DisplayName = pick(plan.DisplayName, fromServer.DisplayName)
	out.IsDomainConnection = pick(plan.IsDomainConnection, fromServer.IsDomainConnection)
	out.ShowAsButton = pick(plan.ShowAsButton, fromServer.ShowAsButton)
	out.Realms = pick(plan.Realms, fromServer.Realms)
	out.Metadata = pick(plan.Metadata, fromServer.Metadata)
	out.Authentication = pick(plan.Authentication, fromServer.Authentication)
	out.ConnectedAccounts = pick(plan.ConnectedAccounts, fromServer.ConnectedAccounts)
	out.ConnectedAccounts = fillUnknownAttrs(out.ConnectedAccounts, fromServer.ConnectedAccounts)
	// A change made by another resource in this run shows on next refresh.
	out.EnabledClients = pick(plan.EnabledClients, fromServer.EnabledClients)
	if plan.Options.IsUnknown() {
		out.Options = types.DynamicNull()
	}
	return out
}

// pick returns the planned value unless the plan left it unknown.
func pick[T attr.Value](planned, server T) T {
	if planned.IsUnknown() {
		return server
	}
	return planned
}

// fillUnknownAttrs resolves unknown attributes of a planned object (a
// computed nested attribute the user left out) from the server's object.
func fillUnknownAttrs(planned, server types.Object) types.Object {
	if !usable(planned) {
		return planned
	}
	attrs := planned.Attributes()
	serverAttrs := server.Attributes()
	for k, v := range attrs {
		if v.IsUnknown() {
			if sv, ok := serverAttrs[k]; ok {
				attrs[k] = sv
			} else {
				attrs[k] = types.BoolNull()
			}
		}
	}
	return types.ObjectValueMust(planned.AttributeTypes(context.Background()), attrs)
}

// updatedOptions builds the options of a PATCH from the server's current
// ones (the rules are options.UpdateOptions'): what the plan changes when
// sendOptions, the write-only secrets when resendSecrets. unchanged reports
// that they are what Auth0 holds already.
func updatedOptions(strategy string, current json.RawMessage, prior, planned types.Dynamic, imported, sendOptions bool, secrets types.Dynamic, resendSecrets bool) (raw json.RawMessage, unchanged bool, err error) {
	server, err := options.Decode(current)
	if err != nil {
		return nil, false, err
	}
	if !resendSecrets {
		secrets = types.DynamicNull()
	}
	merged, err := options.UpdateOptions(strategy, server, prior, planned, imported, sendOptions, secrets)
	if err != nil {
		return nil, false, err
	}
	raw, err = json.Marshal(merged)
	return raw, !resendSecrets && options.Same(server, merged), err
}
