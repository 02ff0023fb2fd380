package connectionkeys

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/action/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/seedtf/terraform-provider-auth0/internal/auth0api"
)

var (
	_ action.Action              = (*rotateAction)(nil)
	_ action.ActionWithConfigure = (*rotateAction)(nil)
)

// NewRotateAction returns the auth0_connection_keys_rotate action.
func NewRotateAction() action.Action { return &rotateAction{} }

type rotateAction struct {
	client *auth0api.Client
}

type rotateModel struct {
	ConnectionID types.String `tfsdk:"connection_id"`
	SigningAlg   types.String `tfsdk:"signing_alg"`
}

func (a *rotateAction) Metadata(_ context.Context, req action.MetadataRequest, resp *action.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_connection_keys_rotate"
}

func (a *rotateAction) Schema(_ context.Context, _ action.SchemaRequest, resp *action.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Rotates the signing keys of an oidc or okta connection once per invocation: the next key " +
			"becomes current, the current one previous, and a new next key is made. Invoke it with " +
			"`terraform apply -invoke=action.auth0_connection_keys_rotate.<name>`, or from an `action_trigger` in a " +
			"resource's `lifecycle`. Needs Terraform 1.14 or later. An `auth0_connection_keys` resource of the same " +
			"connection reads the new keys at its next refresh.",
		Attributes: map[string]schema.Attribute{
			"connection_id": schema.StringAttribute{
				MarkdownDescription: "The id of the connection (`con_…`), an oidc or okta connection.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"signing_alg": schema.StringAttribute{
				MarkdownDescription: "The algorithm of the new next key, one of " + quotedList(signingAlgs) + ". " +
					"When not set, Auth0 chooses (the algorithm of the connection's keys).",
				Optional:   true,
				Validators: []validator.String{stringvalidator.OneOf(signingAlgs...)},
			},
		},
	}
}

func (a *rotateAction) Configure(_ context.Context, req action.ConfigureRequest, resp *action.ConfigureResponse) {
	if client := clientFrom(req.ProviderData, &resp.Diagnostics); client != nil {
		a.client = client
	}
}

func (a *rotateAction) Invoke(ctx context.Context, req action.InvokeRequest, resp *action.InvokeResponse) {
	var m rotateModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := m.ConnectionID.ValueString()
	if a.client == nil {
		resp.Diagnostics.AddError("Provider Not Configured",
			"The auth0 provider handed this action no client, so the keys of connection "+id+" were not rotated. "+
				"Please report this issue to the provider developers.")
		return
	}
	defer a.client.LockConnection(id)()
	fresh, err := a.client.RotateConnectionKeys(ctx, id, m.SigningAlg.ValueString())
	if err != nil {
		addKeysError(&resp.Diagnostics, id, "Unable to Rotate Connection Keys",
			fmt.Sprintf("Auth0 did not rotate the signing keys of connection %q.", id),
			"Check the provider's scopes (create:connections_keys and update:connections_keys) and, when the answer was lost, "+
				"whether the keys rotated before invoking the action again: each invocation rotates once more.", err)
		return
	}
	tflog.Info(ctx, "rotated the connection's signing keys", map[string]any{"connection_id": id, "next_kid": fresh.Kid})
	if resp.SendProgress != nil {
		resp.SendProgress(action.InvokeProgressEvent{
			Message: fmt.Sprintf("Rotated the signing keys of connection %s; the new next key is %s.", id, fresh.Kid),
		})
	}
}
