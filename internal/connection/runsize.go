package connection

import (
	"context"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/seedtf/terraform-provider-auth0/internal/auth0api"
)

// runSizeKey is the private state key of a connection's run size (see
// auth0api.RunSize): a hint for the next refresh, never part of a plan.
const runSizeKey = "run_size"

// privateState is what ReadRequest.Private and the responses' Private offer.
type privateState interface {
	GetKey(ctx context.Context, key string) ([]byte, diag.Diagnostics)
	SetKey(ctx context.Context, key string, value []byte) diag.Diagnostics
}

// getRunSize returns the run size the connection recorded, 0 when there is
// none (an import, state from an earlier provider version) or it is not a
// number: a hint that cannot be read is only a missed saving.
func getRunSize(ctx context.Context, private privateState) (auth0api.RunSize, diag.Diagnostics) {
	raw, diags := private.GetKey(ctx, runSizeKey)
	if diags.HasError() || len(raw) == 0 {
		return 0, diags
	}
	n, err := strconv.ParseInt(string(raw), 10, 64)
	if err != nil || n < 0 {
		tflog.Debug(ctx, "ignoring an unreadable run size in private state", map[string]any{"value": string(raw)})
		return 0, nil
	}
	return auth0api.RunSize(n), nil
}

func setRunSize(ctx context.Context, private privateState, size auth0api.RunSize) diag.Diagnostics {
	return private.SetKey(ctx, runSizeKey, []byte(strconv.FormatInt(int64(size), 10)))
}
