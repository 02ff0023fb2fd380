package connectionprofile

import (
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/seedtf/terraform-provider-auth0/internal/auth0api"
)

// model is the state of a profile, for the resource and the data source.
type model struct {
	ID                           types.String       `tfsdk:"id"`
	Name                         types.String       `tfsdk:"name"`
	Organization                 *organizationModel `tfsdk:"organization"`
	ConnectionNamePrefixTemplate types.String       `tfsdk:"connection_name_prefix_template"`
	EnabledFeatures              types.Set          `tfsdk:"enabled_features"`
	StrategyOverrides            *strategyOverrides `tfsdk:"strategy_overrides"`
}

type organizationModel struct {
	ShowAsButton            types.String `tfsdk:"show_as_button"`
	AssignMembershipOnLogin types.String `tfsdk:"assign_membership_on_login"`
}

type overrideModel struct {
	EnabledFeatures types.Set `tfsdk:"enabled_features"`
}

// strategyOverrides has an attribute per strategy a profile may override;
// google_apps is the API's "google-apps".
type strategyOverrides struct {
	AD           *overrideModel `tfsdk:"ad"`
	ADFS         *overrideModel `tfsdk:"adfs"`
	GoogleApps   *overrideModel `tfsdk:"google_apps"`
	OIDC         *overrideModel `tfsdk:"oidc"`
	Okta         *overrideModel `tfsdk:"okta"`
	PingFederate *overrideModel `tfsdk:"pingfederate"`
	SAMLP        *overrideModel `tfsdk:"samlp"`
	WAAD         *overrideModel `tfsdk:"waad"`
}

// overrides pairs each strategy of the API with its field of the model.
func (s *strategyOverrides) overrides() map[string]**overrideModel {
	return map[string]**overrideModel{
		"ad": &s.AD, "adfs": &s.ADFS, "google-apps": &s.GoogleApps, "oidc": &s.OIDC,
		"okta": &s.Okta, "pingfederate": &s.PingFederate, "samlp": &s.SAMLP, "waad": &s.WAAD,
	}
}

// Values the API accepts (its published types; the recordings show
// required/optional and both features).
var (
	organizationSettings = []string{"none", "optional", "required"}
	features             = []string{"scim", "universal_logout"}
)

// fromAPI maps a profile as the API answers it to the state. An empty
// enabled_features stays null when prior (the state or plan it replaces)
// has it null: for Auth0 the two mean the same.
func fromAPI(p *auth0api.ConnectionProfile, prior *model) model {
	m := model{
		ID:                           types.StringValue(p.ID),
		Name:                         types.StringValue(p.Name),
		ConnectionNamePrefixTemplate: types.StringPointerValue(p.ConnectionNamePrefixTemplate),
		EnabledFeatures:              featureSet(p.EnabledFeatures, prior != nil && prior.EnabledFeatures.IsNull()),
	}
	if p.Organization != nil {
		m.Organization = &organizationModel{
			ShowAsButton:            types.StringPointerValue(p.Organization.ShowAsButton),
			AssignMembershipOnLogin: types.StringPointerValue(p.Organization.AssignMembershipOnLogin),
		}
	}
	if p.StrategyOverrides != nil {
		m.StrategyOverrides = &strategyOverrides{}
		var priorOverrides map[string]**overrideModel
		if prior != nil && prior.StrategyOverrides != nil {
			priorOverrides = prior.StrategyOverrides.overrides()
		}
		for strategy, field := range m.StrategyOverrides.overrides() {
			o, ok := p.StrategyOverrides[strategy]
			if !ok {
				continue
			}
			nullIfEmpty := true
			if before, ok := priorOverrides[strategy]; ok && *before != nil {
				nullIfEmpty = (*before).EnabledFeatures.IsNull()
			}
			var list []string
			if o.EnabledFeatures != nil {
				list = *o.EnabledFeatures
			}
			*field = &overrideModel{EnabledFeatures: featureSet(list, nullIfEmpty)}
		}
	}
	return m
}

func featureSet(list []string, nullIfEmpty bool) types.Set {
	if list == nil || (len(list) == 0 && nullIfEmpty) {
		return types.SetNull(types.StringType)
	}
	elems := make([]attr.Value, len(list))
	for i, f := range list {
		elems[i] = types.StringValue(f)
	}
	return types.SetValueMust(types.StringType, elems)
}

func featureList(s types.Set) *[]string {
	if s.IsNull() || s.IsUnknown() {
		return nil
	}
	out := make([]string, 0, len(s.Elements()))
	for _, e := range s.Elements() {
		if v, ok := e.(types.String); ok {
			out = append(out, v.ValueString())
		}
	}
	slices.Sort(out)
	return &out
}

// requestBody is the POST or PATCH body of the plan: the whole profile, as
// the official provider sends it in the recordings. A setting prior (the
// state; nil on create) has and the plan drops is sent as null.
func requestBody(plan model, prior *model) auth0api.ProfileBody {
	body := auth0api.ProfileBody{
		Name:                         plan.Name.ValueString(),
		ConnectionNamePrefixTemplate: plan.ConnectionNamePrefixTemplate.ValueStringPointer(),
		EnabledFeatures:              featureList(plan.EnabledFeatures),
	}
	if o := plan.Organization; o != nil {
		body.Organization = &auth0api.ProfileOrganization{
			ShowAsButton:            o.ShowAsButton.ValueStringPointer(),
			AssignMembershipOnLogin: o.AssignMembershipOnLogin.ValueStringPointer(),
		}
	}
	if s := plan.StrategyOverrides; s != nil {
		body.StrategyOverrides = map[string]auth0api.ProfileStrategyOverride{}
		for strategy, field := range s.overrides() {
			if *field == nil {
				continue
			}
			body.StrategyOverrides[strategy] = auth0api.ProfileStrategyOverride{EnabledFeatures: featureList((*field).EnabledFeatures)}
		}
	}
	if prior == nil {
		return body
	}
	dropped := map[string]bool{
		"organization":                    prior.Organization != nil && plan.Organization == nil,
		"connection_name_prefix_template": !prior.ConnectionNamePrefixTemplate.IsNull() && plan.ConnectionNamePrefixTemplate.IsNull(),
		"enabled_features":                !prior.EnabledFeatures.IsNull() && plan.EnabledFeatures.IsNull(),
		"strategy_overrides":              prior.StrategyOverrides != nil && plan.StrategyOverrides == nil,
	}
	for _, key := range []string{"organization", "connection_name_prefix_template", "enabled_features", "strategy_overrides"} {
		if dropped[key] {
			body.Null = append(body.Null, key)
		}
	}
	return body
}
