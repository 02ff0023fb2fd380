package connection

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/seedtf/terraform-provider-auth0/internal/auth0api"
)

type fakePrivate map[string][]byte

func (f fakePrivate) GetKey(_ context.Context, key string) ([]byte, diag.Diagnostics) {
	return f[key], nil
}

func (f fakePrivate) SetKey(_ context.Context, key string, value []byte) diag.Diagnostics {
	f[key] = value
	return nil
}

func TestRunSizeRoundTrip(t *testing.T) {
	ctx := context.Background()
	private := fakePrivate{}
	if got, diags := getRunSize(ctx, private); got != 0 || diags.HasError() {
		t.Errorf("no run size recorded: got %d %v, want 0", got, diags)
	}
	setRunSize(ctx, private, 734)
	if got, _ := getRunSize(ctx, private); got != 734 {
		t.Errorf("got %d, want 734", got)
	}
	// A hint that cannot be read is only a missed saving, never an error.
	for _, bad := range []string{`"734"`, `-1`, `{"n":1}`, `1e3`} {
		private[runSizeKey] = []byte(bad)
		if got, diags := getRunSize(ctx, private); got != auth0api.RunSize(0) || diags.HasError() {
			t.Errorf("run size %s: got %d %v, want 0 and no error", bad, got, diags)
		}
	}
}
