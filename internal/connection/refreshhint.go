package connection

import (
	"context"
	"encoding/json"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/seedtf/terraform-provider-auth0/internal/refresh"
)

// refreshHintKey is the private state key of a connection's refresh hint
// (see refresh.Hint): never part of a plan.
const refreshHintKey = "refresh_hint"

// privateState is what the requests' and responses' Private offer.
type privateState interface {
	GetKey(ctx context.Context, key string) ([]byte, diag.Diagnostics)
	SetKey(ctx context.Context, key string, value []byte) diag.Diagnostics
}

// getRefreshHint returns the hint the connection keeps, zero when there is
// none (an import, state of an earlier provider version) or it cannot be
// read: a missing hint is only a missed saving.
func getRefreshHint(ctx context.Context, private privateState) (refresh.Hint, diag.Diagnostics) {
	raw, diags := private.GetKey(ctx, refreshHintKey)
	var hint refresh.Hint
	if diags.HasError() || len(raw) == 0 {
		return hint, diags
	}
	if err := json.Unmarshal(raw, &hint); err != nil || hint.Size < 0 {
		tflog.Debug(ctx, "ignoring an unreadable refresh hint in private state", map[string]any{"value": string(raw)})
		return refresh.Hint{}, nil
	}
	return hint, nil
}

// setRefreshHint keeps hint, writing private state only when it changes: a
// run with no changes must leave the state file as it was.
func setRefreshHint(ctx context.Context, private privateState, old, hint refresh.Hint) diag.Diagnostics {
	if hint == old {
		return nil
	}
	raw, err := json.Marshal(hint)
	if err != nil {
		var diags diag.Diagnostics
		diags.AddError("Unable to Encode Refresh Hint", err.Error())
		return diags
	}
	return private.SetKey(ctx, refreshHintKey, raw)
}
