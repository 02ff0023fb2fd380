package connectionprofile

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/seedtf/terraform-provider-auth0/internal/auth0api"
	"github.com/seedtf/terraform-provider-auth0/internal/diagnostics"
	"github.com/seedtf/terraform-provider-auth0/internal/providerdata"
)

var (
	_ datasource.DataSource                     = (*profileDataSource)(nil)
	_ datasource.DataSourceWithConfigure        = (*profileDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*profileDataSource)(nil)
)

// NewDataSource returns the auth0_connection_profile data source.
func NewDataSource() datasource.DataSource {
	return &profileDataSource{}
}

type profileDataSource struct {
	client *auth0api.Client
}

func (d *profileDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_connection_profile"
}

func (d *profileDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	computed := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: desc, Computed: true}
	}
	featureSet := func(desc string) schema.SetAttribute {
		return schema.SetAttribute{MarkdownDescription: desc, ElementType: types.StringType, Computed: true}
	}
	overrides := map[string]schema.Attribute{}
	for name, strategy := range overrideAttributes {
		overrides[name] = schema.SingleNestedAttribute{
			MarkdownDescription: fmt.Sprintf(overrideDescription, strategy), Computed: true,
			Attributes: map[string]schema.Attribute{"enabled_features": featureSet(overrideFeatureDescription)},
		}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: profileDescription + " Look one up by `id` or by `name` (exactly one of them).",
		Attributes: map[string]schema.Attribute{
			"id":   schema.StringAttribute{MarkdownDescription: idDescription, Optional: true, Computed: true},
			"name": schema.StringAttribute{MarkdownDescription: nameDescription + " When several share it, the first listed.", Optional: true, Computed: true},
			"organization": schema.SingleNestedAttribute{
				MarkdownDescription: organizationDescription, Computed: true,
				Attributes: map[string]schema.Attribute{
					"show_as_button":             computed(showAsButtonDescription),
					"assign_membership_on_login": computed(assignMembershipDescription),
				},
			},
			"connection_name_prefix_template": computed(prefixDescription),
			"enabled_features":                featureSet(featuresDescription),
			"strategy_overrides":              schema.SingleNestedAttribute{MarkdownDescription: overridesDescription, Computed: true, Attributes: overrides},
		},
	}
}

func (d *profileDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{datasourcevalidator.ExactlyOneOf(path.MatchRoot("id"), path.MatchRoot("name"))}
}

func (d *profileDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	data, err := providerdata.From(req.ProviderData)
	if err != nil {
		diagnostics.AddConfigureError(&resp.Diagnostics, err)
		return
	}
	if data == nil {
		return
	}
	d.client = data.Client
}

func (d *profileDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var config model
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	var (
		found *auth0api.ConnectionProfile
		err   error
		which string
	)
	if !config.ID.IsNull() {
		which = fmt.Sprintf("with id %q", config.ID.ValueString())
		found, err = d.client.ReadConnectionProfile(ctx, config.ID.ValueString())
		if auth0api.IsNotFound(err) {
			found, err = nil, nil
		}
	} else {
		which = fmt.Sprintf("named %q", config.Name.ValueString())
		found, err = d.client.FindConnectionProfileByName(ctx, config.Name.ValueString())
	}
	if err != nil {
		diagnostics.AddAPIError(&resp.Diagnostics, nil, "Unable to Read Connection Profile",
			fmt.Sprintf("Auth0 did not return the connection profile %s.", which),
			"Check the provider's credentials and scopes (read:connection_profiles), then try again.", err)
		return
	}
	if found == nil {
		resp.Diagnostics.AddError("Connection Profile Not Found",
			fmt.Sprintf("The tenant has no connection profile %s. Check the id or name, or create the profile first.", which))
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, fromAPI(found, nil))...)
}
