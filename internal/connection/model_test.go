package connection

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/seedtf/terraform-provider-auth0/internal/auth0api"
)

// An answer without enabled_clients (GET of a non-database connection on a
// current tenant) keeps what the state knows; one with it sets it.
func TestFromAPIEnabledClientsLeftOut(t *testing.T) {
	name, strategy := "c", "google-oauth2"
	known := types.SetValueMust(types.StringType, []attr.Value{types.StringValue("app1")})
	prior := connectionModel{EnabledClients: known, Options: types.DynamicNull()}
	m, diags := fromAPI(t.Context(), &auth0api.Connection{ID: "con_1", Name: &name, Strategy: &strategy}, prior, managedOptions)
	if diags.HasError() || !m.EnabledClients.Equal(known) {
		t.Errorf("enabled_clients left out of the answer gave %s, want %s", m.EnabledClients, known)
	}
	none := []string{}
	m, _ = fromAPI(t.Context(), &auth0api.Connection{ID: "con_1", Name: &name, Strategy: &strategy, EnabledClients: &none}, prior, managedOptions)
	if len(m.EnabledClients.Elements()) != 0 {
		t.Errorf("an answer with enabled_clients [] gave %s", m.EnabledClients)
	}
	m, _ = fromAPI(t.Context(), &auth0api.Connection{ID: "con_1", Name: &name, Strategy: &strategy}, connectionModel{Options: types.DynamicNull()}, allOptions)
	if m.EnabledClients.IsNull() || len(m.EnabledClients.Elements()) != 0 {
		t.Errorf("with nothing known, enabled_clients = %s, want []", m.EnabledClients)
	}
}
