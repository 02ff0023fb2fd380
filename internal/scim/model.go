package scim

import (
	"context"
	"fmt"
	"net/url"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/seedtf/terraform-provider-auth0/internal/auth0api"
	"github.com/seedtf/terraform-provider-auth0/internal/diagnostics"
	"github.com/seedtf/terraform-provider-auth0/internal/providerdata"
)

// configurationModel is a SCIM configuration as the resource, the data
// source and the items of the listing show it.
type configurationModel struct {
	ConnectionID    types.String `tfsdk:"connection_id"`
	UserIDAttribute types.String `tfsdk:"user_id_attribute"`
	Mapping         types.List   `tfsdk:"mapping"`
	ConnectionName  types.String `tfsdk:"connection_name"`
	Strategy        types.String `tfsdk:"strategy"`
	TenantName      types.String `tfsdk:"tenant_name"`
	CreatedAt       types.String `tfsdk:"created_at"`
	UpdatedOn       types.String `tfsdk:"updated_on"`
	SCIMEndpointURL types.String `tfsdk:"scim_endpoint_url"`
}

// mappingModel is one entry of a mapping.
type mappingModel struct {
	Auth0 types.String `tfsdk:"auth0"`
	SCIM  types.String `tfsdk:"scim"`
}

var mappingAttrTypes = map[string]attr.Type{"auth0": types.StringType, "scim": types.StringType}

var mappingType = types.ObjectType{AttrTypes: mappingAttrTypes}

var configurationAttrTypes = map[string]attr.Type{
	"connection_id":     types.StringType,
	"user_id_attribute": types.StringType,
	"mapping":           types.ListType{ElemType: mappingType},
	"connection_name":   types.StringType,
	"strategy":          types.StringType,
	"tenant_name":       types.StringType,
	"created_at":        types.StringType,
	"updated_on":        types.StringType,
	"scim_endpoint_url": types.StringType,
}

// Descriptions shared by the resource and the data sources.
const (
	connectionIDDesc    = "The id of the connection (`con_…`)."
	userIDAttributeDesc = "The SCIM attribute Auth0 generates unique user ids from (Auth0's default: `externalId`)."
	mappingDesc         = "How SCIM attributes map to Auth0 user attributes, in order."
	mappingAuth0Desc    = "The field location in the Auth0 user profile, such as `email` or `app_metadata.title`."
	mappingSCIMDesc     = "The field location in the SCIM schema, such as `emails[primary eq true].value`."
	connectionNameDesc  = "The name of the connection."
	strategyDesc        = "The strategy of the connection."
	tenantNameDesc      = "The name of the tenant."
	createdAtDesc       = "When the SCIM configuration was created."
	updatedOnDesc       = "When the SCIM configuration was last changed."
	endpointURLDesc     = "The URL of the connection's SCIM endpoint, which the identity provider sends its SCIM requests to: " +
		"`https://<domain>/scim/v2/connections/<connection_id>`, built from the provider's `domain`."
)

// endpointURL is the connection's SCIM endpoint below the tenant's base URL.
func endpointURL(baseURL, connectionID string) string {
	return strings.TrimSuffix(baseURL, "/") + "/scim/v2/connections/" + url.PathEscape(connectionID)
}

// mappingToList turns the API's mapping into the Terraform list.
func mappingToList(mapping []auth0api.SCIMMapping) (types.List, diag.Diagnostics) {
	var diags diag.Diagnostics
	items := make([]attr.Value, 0, len(mapping))
	for _, m := range mapping {
		obj, d := types.ObjectValue(mappingAttrTypes, map[string]attr.Value{
			"auth0": types.StringValue(m.Auth0), "scim": types.StringValue(m.SCIM),
		})
		diags.Append(d...)
		items = append(items, obj)
	}
	list, d := types.ListValue(mappingType, items)
	diags.Append(d...)
	return list, diags
}

// mappingFromList turns a known Terraform list into the API's mapping.
func mappingFromList(ctx context.Context, list types.List) ([]auth0api.SCIMMapping, diag.Diagnostics) {
	var items []mappingModel
	diags := list.ElementsAs(ctx, &items, false)
	out := make([]auth0api.SCIMMapping, 0, len(items))
	for _, m := range items {
		out = append(out, auth0api.SCIMMapping{Auth0: m.Auth0.ValueString(), SCIM: m.SCIM.ValueString()})
	}
	return out, diags
}

// fromAPI is the model of a configuration Auth0 returned.
func fromAPI(conf *auth0api.SCIMConfiguration, connectionID, baseURL string) (configurationModel, diag.Diagnostics) {
	mapping, diags := mappingToList(conf.Mapping)
	if conf.ConnectionID != "" {
		connectionID = conf.ConnectionID
	}
	return configurationModel{
		ConnectionID:    types.StringValue(connectionID),
		UserIDAttribute: types.StringValue(conf.UserIDAttribute),
		Mapping:         mapping,
		ConnectionName:  types.StringValue(conf.ConnectionName),
		Strategy:        types.StringValue(conf.Strategy),
		TenantName:      types.StringValue(conf.TenantName),
		CreatedAt:       types.StringValue(conf.CreatedAt),
		UpdatedOn:       types.StringValue(conf.UpdatedOn),
		SCIMEndpointURL: types.StringValue(endpointURL(baseURL, connectionID)),
	}, diags
}

// configure returns the client the provider handed over; nil before the
// provider is configured.
func configure(data any, diags *diag.Diagnostics) *auth0api.Client {
	d, err := providerdata.From(data)
	if err != nil {
		diagnostics.AddConfigureError(diags, err)
		return nil
	}
	if d == nil {
		return nil
	}
	return d.Client
}

// scimAttributes are the attributes an API error about a configuration's
// body may point at.
var scimAttributes = diagnostics.Attributes{"user_id_attribute": true, "mapping": true, "scopes": true, "token_lifetime": true}

// readFailed reports a failed read of a connection's SCIM state.
func readFailed(diags *diag.Diagnostics, what, connectionID string, err error) {
	diagnostics.AddAPIError(diags, scimAttributes, "Unable to Read "+what,
		fmt.Sprintf("Auth0 did not return the %s of connection %q.", strings.ToLower(what), connectionID),
		"Check that the connection exists and supports SCIM, and the provider's scopes (read:scim_config, read:scim_token), then try again.", err)
}

var pathConnectionID = path.Root("connection_id")
