package connection

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/seedtf/terraform-provider-auth0/internal/refresh"
)

type fakePrivate map[string][]byte

func (f fakePrivate) GetKey(_ context.Context, key string) ([]byte, diag.Diagnostics) {
	return f[key], nil
}

func (f fakePrivate) SetKey(_ context.Context, key string, value []byte) diag.Diagnostics {
	f[key] = value
	return nil
}

func TestRefreshHintRoundTrip(t *testing.T) {
	ctx := context.Background()
	private := fakePrivate{}
	if got, diags := getRefreshHint(ctx, private); got != (refresh.Hint{}) || diags.HasError() {
		t.Errorf("no hint kept: got %+v %v, want zero", got, diags)
	}
	hint := refresh.Hint{Size: 734, Epoch: 690}
	setRefreshHint(ctx, private, refresh.Hint{}, hint)
	if got, _ := getRefreshHint(ctx, private); got != hint {
		t.Errorf("got %+v, want %+v", got, hint)
	}
	// An unchanged hint is not written again: the state stays byte for byte.
	private[refreshHintKey] = []byte(`{"epoch":690, "size":734}`)
	setRefreshHint(ctx, private, hint, hint)
	if got := string(private[refreshHintKey]); got != `{"epoch":690, "size":734}` {
		t.Errorf("an unchanged hint was written again: %s", got)
	}
	// A hint that cannot be read is only a missed saving, never an error.
	for _, bad := range []string{`"734"`, `{"size":-1}`, `[1]`, `{"size":"x"}`} {
		private[refreshHintKey] = []byte(bad)
		if got, diags := getRefreshHint(ctx, private); got != (refresh.Hint{}) || diags.HasError() {
			t.Errorf("hint %s: got %+v %v, want zero and no error", bad, got, diags)
		}
	}
}
