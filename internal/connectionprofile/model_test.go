package connectionprofile

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func set(values ...string) types.Set {
	elems := make([]attr.Value, len(values))
	for i, v := range values {
		elems[i] = types.StringValue(v)
	}
	return types.SetValueMust(types.StringType, elems)
}

func asJSON(t *testing.T, v any) any {
	t.Helper()
	raw, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var out any
	if err := json.Unmarshal(raw, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestRequestBody(t *testing.T) {
	plan := model{
		Name:                         types.StringValue("Test-Profile-TestAccConnectionProfile"),
		Organization:                 &organizationModel{ShowAsButton: types.StringValue("required"), AssignMembershipOnLogin: types.StringValue("optional")},
		ConnectionNamePrefixTemplate: types.StringValue("template1"),
		EnabledFeatures:              set("universal_logout", "scim"),
	}
	// The request of TestAccConnectionProfile.yaml #0.
	want := asJSON(t, json.RawMessage(`{"name":"Test-Profile-TestAccConnectionProfile","organization":{"show_as_button":"required","assign_membership_on_login":"optional"},"connection_name_prefix_template":"template1","enabled_features":["scim","universal_logout"],"connection_config":{}}`))
	if got := asJSON(t, requestBody(plan, nil)); !reflect.DeepEqual(got, want) {
		t.Errorf("create body %v, want the recorded %v", got, want)
	}

	// A PATCH resets what the configuration no longer sets, and sends
	// overrides by the API's strategy names.
	next := model{
		Name:              types.StringValue("p"),
		EnabledFeatures:   types.SetNull(types.StringType),
		StrategyOverrides: &strategyOverrides{GoogleApps: &overrideModel{EnabledFeatures: set("scim")}, Okta: &overrideModel{EnabledFeatures: types.SetNull(types.StringType)}},
	}
	want = asJSON(t, json.RawMessage(`{"name":"p","organization":null,"connection_name_prefix_template":null,"enabled_features":null,"connection_config":{},"strategy_overrides":{"google-apps":{"enabled_features":["scim"]},"okta":{}}}`))
	if got := asJSON(t, requestBody(next, &plan)); !reflect.DeepEqual(got, want) {
		t.Errorf("update body %v, want %v", got, want)
	}
}
