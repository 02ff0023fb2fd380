package scim

import (
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/seedtf/terraform-provider-auth0/internal/auth0api"
)

func TestExpired(t *testing.T) {
	now := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		validUntil types.String
		want       bool
	}{
		{types.StringNull(), false},
		{types.StringUnknown(), false},
		{types.StringValue("not a time"), false},
		{types.StringValue("2026-12-01T11:59:59.999Z"), true},
		{types.StringValue("2026-12-01T12:00:00.000Z"), true},
		{types.StringValue("2026-12-01T12:00:00.001Z"), false},
	} {
		if got := expired(c.validUntil, now); got != c.want {
			t.Errorf("expired(%s) = %v, want %v", c.validUntil, got, c.want)
		}
	}
}

func TestLifetimeOf(t *testing.T) {
	if got := lifetimeOf(&auth0api.SCIMToken{CreatedAt: "2026-12-01T12:00:00.123Z", ValidUntil: "2026-12-01T13:00:00.123Z"}); !got.Equal(types.Int64Value(3600)) {
		t.Errorf("lifetime = %s, want 3600", got)
	}
	if got := lifetimeOf(&auth0api.SCIMToken{CreatedAt: "2026-12-01T12:00:00.123Z"}); !got.IsNull() {
		t.Errorf("lifetime of a token without valid_until = %s, want null", got)
	}
}

func TestEndpointURL(t *testing.T) {
	if got := endpointURL("https://acme.eu.auth0.com", "con_abc"); got != "https://acme.eu.auth0.com/scim/v2/connections/con_abc" {
		t.Errorf("endpointURL = %q", got)
	}
}
