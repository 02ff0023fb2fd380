package connection

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/seedtf/terraform-provider-auth0/internal/auth0api"
)

// A create whose POST went out but whose outcome could not be learned
// (Ctrl-C, or the lookup after a lost answer failing too) may have made the
// connection. Rather than forget it (an orphan the next apply would meet as
// a 409), Create records it in the state under a pending id, with the
// error, so Terraform keeps it as tainted. The next refresh settles it:
// the connection it provably created is adopted (the client's adoption
// rule) and, tainted, replaced by that apply; when there is none, the
// record goes and the apply creates the connection.

// pendingIDPrefix starts the id of a create not settled yet.
const pendingIDPrefix = "pending-create:"

func pendingID(name string) string { return pendingIDPrefix + name }

// pendingState is the state recorded for an unresolved create: the plan,
// with what it left unknown null.
func pendingState(ctx context.Context, plan connectionModel) (connectionModel, diag.Diagnostics) {
	id := pendingID(plan.Name.ValueString())
	server, diags := fromAPI(ctx, &auth0api.Connection{ID: id, Name: plan.Name.ValueStringPointer(), Strategy: plan.Strategy.ValueStringPointer()}, plan, managedOptions)
	return afterApply(plan, server), diags
}

// settlePending reads the connection an unresolved create may have made:
// nil when it made none that is provably its own.
func (r *connectionResource) settlePending(ctx context.Context, state connectionModel) (*auth0api.Connection, error) {
	body, diags := createBody(ctx, state, types.DynamicNull())
	if diags.HasError() {
		return nil, fmt.Errorf("rebuilding the create request: %v", diags)
	}
	found, err := r.client.FindCreated(ctx, body)
	if err != nil {
		return nil, err
	}
	fields := map[string]any{"name": state.Name.ValueString()}
	if found == nil {
		tflog.Info(ctx, "an interrupted create made no connection of its own; it will be created", fields)
		return nil, nil
	}
	fields["id"] = found.ID
	tflog.Info(ctx, "an interrupted create made this connection; adopting it", fields)
	return found, nil
}

func isPending(id string) bool { return strings.HasPrefix(id, pendingIDPrefix) }
