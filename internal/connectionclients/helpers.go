package connectionclients

import (
	"context"
	"encoding/json"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func setOf(ctx context.Context, s types.Set) (map[string]bool, diag.Diagnostics) {
	var ids []string
	diags := s.ElementsAs(ctx, &ids, false)
	out := make(map[string]bool, len(ids))
	for _, id := range ids {
		out[id] = true
	}
	return out, diags
}

func sortedKeys(m map[string]bool) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// appliedKey names the private state entry holding the set of clients this
// resource last applied.
const appliedKey = "applied_clients"

type privateState interface {
	GetKey(ctx context.Context, key string) ([]byte, diag.Diagnostics)
	SetKey(ctx context.Context, key string, value []byte) diag.Diagnostics
}

func rememberApplied(ctx context.Context, private privateState, plan model) diag.Diagnostics {
	set, diags := setOf(ctx, plan.EnabledClients)
	raw, err := json.Marshal(sortedKeys(set))
	if err != nil {
		diags.AddError("Unable to Record Applied Clients", err.Error())
		return diags
	}
	return append(diags, private.SetKey(ctx, appliedKey, raw)...)
}

// applied returns the set last applied, or nil when none was recorded (an
// imported resource).
func applied(ctx context.Context, private privateState) (map[string]bool, diag.Diagnostics) {
	raw, diags := private.GetKey(ctx, appliedKey)
	if diags.HasError() || len(raw) == 0 {
		return nil, diags
	}
	var ids []string
	if err := json.Unmarshal(raw, &ids); err != nil {
		return nil, diags
	}
	out := make(map[string]bool, len(ids))
	for _, id := range ids {
		out[id] = true
	}
	return out, diags
}
