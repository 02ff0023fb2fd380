package connectionkeys

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/seedtf/terraform-provider-auth0/internal/auth0api"
)

func TestRotates(t *testing.T) {
	s, null, unknown := types.StringValue, types.StringNull(), types.StringUnknown()
	cases := []struct {
		name           string
		prior, planned types.String
		want           bool
	}{
		{"changed", s("2026-11"), s("2026-12"), true},
		{"unchanged", s("2026-11"), s("2026-11"), false},
		{"first value", null, s("2026-12"), false},
		{"removed", s("2026-11"), null, false},
		{"never set", null, null, false},
		{"unknown after a value", s("2026-11"), unknown, true},
		{"unknown first value", null, unknown, false},
	}
	for _, tc := range cases {
		if got := rotates(tc.prior, tc.planned); got != tc.want {
			t.Errorf("%s: rotates(%v, %v) = %v, want %v", tc.name, tc.prior, tc.planned, got, tc.want)
		}
	}
}

// keysValue keeps the API's order and turns left-out flags into false and
// left-out strings into null.
func TestKeysValue(t *testing.T) {
	list, diags := keysValue([]auth0api.ConnectionKey{
		{Kid: "k1", Algorithm: "RS256", Cert: "C1", Fingerprint: "F1", Thumbprint: "T1", Current: true, CurrentSince: "2026-01-28T03:55:45.978Z"},
		{Kid: "k2", Cert: "C2", Fingerprint: "F2", Thumbprint: "T2", Next: true},
	})
	if diags.HasError() {
		t.Fatal(diags)
	}
	items := list.Elements()
	if len(items) != 2 {
		t.Fatalf("%d keys", len(items))
	}
	first, ok := items[0].(types.Object)
	if !ok {
		t.Fatalf("item is %T", items[0])
	}
	second, ok := items[1].(types.Object)
	if !ok {
		t.Fatalf("item is %T", items[1])
	}
	a, b := first.Attributes(), second.Attributes()
	if !a["kid"].Equal(types.StringValue("k1")) || !a["current"].Equal(types.BoolValue(true)) || !a["next"].Equal(types.BoolValue(false)) ||
		!a["current_since"].Equal(types.StringValue("2026-01-28T03:55:45.978Z")) {
		t.Errorf("first key %v", a)
	}
	if !b["kid"].Equal(types.StringValue("k2")) || !b["algorithm"].IsNull() || !b["current_since"].IsNull() || !b["next"].Equal(types.BoolValue(true)) {
		t.Errorf("second key %v", b)
	}
	if got := currentAlgorithm([]auth0api.ConnectionKey{{Kid: "n", Algorithm: "ES256", Next: true}, {Kid: "c", Algorithm: "PS256", Current: true}}); got != "PS256" {
		t.Errorf("currentAlgorithm = %q", got)
	}
}
