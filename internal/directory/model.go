package directory

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/seedtf/terraform-provider-auth0/internal/auth0api"
	"github.com/seedtf/terraform-provider-auth0/internal/diagnostics"
	"github.com/seedtf/terraform-provider-auth0/internal/providerdata"
)

// The synchronize_groups values the API accepts (SynchronizeGroupsEnum).
var synchronizeGroupsValues = []string{"off", "all", "selected"}

// mappingModel is one item of mapping.
type mappingModel struct {
	Auth0 types.String `tfsdk:"auth0"`
	IdP   types.String `tfsdk:"idp"`
}

var mappingType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"auth0": types.StringType,
	"idp":   types.StringType,
}}

// provisioningFields are what Auth0 answers about a provisioning besides
// its connection's id, as the resource and the data sources show them.
type provisioningFields struct {
	Mapping                   types.List   `tfsdk:"mapping"`
	SynchronizeAutomatically  types.Bool   `tfsdk:"synchronize_automatically"`
	SynchronizeGroups         types.String `tfsdk:"synchronize_groups"`
	ConnectionName            types.String `tfsdk:"connection_name"`
	Strategy                  types.String `tfsdk:"strategy"`
	CreatedAt                 types.String `tfsdk:"created_at"`
	UpdatedAt                 types.String `tfsdk:"updated_at"`
	LastSynchronizationAt     types.String `tfsdk:"last_synchronization_at"`
	LastSynchronizationStatus types.String `tfsdk:"last_synchronization_status"`
	LastSynchronizationError  types.String `tfsdk:"last_synchronization_error"`
}

// provisioningModel is one provisioning with its connection's id: the
// data source's model and the items of the tenant listing.
type provisioningModel struct {
	ID           types.String `tfsdk:"id"`
	ConnectionID types.String `tfsdk:"connection_id"`
	provisioningFields
}

var provisioningType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"id":                          types.StringType,
	"connection_id":               types.StringType,
	"mapping":                     types.ListType{ElemType: mappingType},
	"synchronize_automatically":   types.BoolType,
	"synchronize_groups":          types.StringType,
	"connection_name":             types.StringType,
	"strategy":                    types.StringType,
	"created_at":                  types.StringType,
	"updated_at":                  types.StringType,
	"last_synchronization_at":     types.StringType,
	"last_synchronization_status": types.StringType,
	"last_synchronization_error":  types.StringType,
}}

// provisioningFromAPI is an answer as the state of connectionID's provisioning.
func provisioningFromAPI(connectionID string, p *auth0api.DirectoryProvisioning) (provisioningModel, diag.Diagnostics) {
	fields, diags := fieldsFromAPI(p)
	return provisioningModel{ID: types.StringValue(connectionID), ConnectionID: types.StringValue(connectionID), provisioningFields: fields}, diags
}

// fieldsFromAPI maps an answer to the Terraform values; empty optional
// strings are null.
func fieldsFromAPI(p *auth0api.DirectoryProvisioning) (provisioningFields, diag.Diagnostics) {
	mapping, diags := mappingFromAPI(p.Mapping)
	return provisioningFields{
		Mapping:                   mapping,
		SynchronizeAutomatically:  types.BoolValue(p.SynchronizeAutomatically),
		SynchronizeGroups:         optionalString(p.SynchronizeGroups),
		ConnectionName:            types.StringValue(p.ConnectionName),
		Strategy:                  types.StringValue(p.Strategy),
		CreatedAt:                 types.StringValue(p.CreatedAt),
		UpdatedAt:                 types.StringValue(p.UpdatedAt),
		LastSynchronizationAt:     optionalString(p.LastSynchronizationAt),
		LastSynchronizationStatus: optionalString(p.LastSynchronizationStatus),
		LastSynchronizationError:  optionalString(p.LastSynchronizationError),
	}, diags
}

func mappingFromAPI(items []auth0api.DirectoryMapping) (types.List, diag.Diagnostics) {
	values := make([]attr.Value, 0, len(items))
	var diags diag.Diagnostics
	for _, m := range items {
		obj, d := types.ObjectValue(mappingType.AttrTypes, map[string]attr.Value{
			"auth0": types.StringValue(m.Auth0),
			"idp":   types.StringValue(m.IdP),
		})
		diags.Append(d...)
		values = append(values, obj)
	}
	list, d := types.ListValue(mappingType, values)
	diags.Append(d...)
	return list, diags
}

func mappingToAPI(ctx context.Context, list types.List) ([]auth0api.DirectoryMapping, diag.Diagnostics) {
	var items []mappingModel
	diags := list.ElementsAs(ctx, &items, false)
	out := make([]auth0api.DirectoryMapping, 0, len(items))
	for _, m := range items {
		out = append(out, auth0api.DirectoryMapping{Auth0: m.Auth0.ValueString(), IdP: m.IdP.ValueString()})
	}
	return out, diags
}

func optionalString(s string) types.String {
	if s == "" {
		return types.StringNull()
	}
	return types.StringValue(s)
}

// Descriptions shared by the resource and the data sources.
const (
	connectionIDDesc     = "The id of the Google Workspace (`google-apps`) connection (`con_…`)."
	mappingDesc          = "How Google Workspace user attributes (`idp`) map to Auth0 user attributes (`auth0`), in order."
	syncAutoDesc         = "Whether Auth0 synchronizes the directory on its own schedule."
	syncGroupsDesc       = "Which Google Workspace groups are synchronized: `off`, `all`, or `selected` (those of `auth0_connection_directory_synchronized_groups`)."
	connectionNameDesc   = "The name of the connection."
	strategyDesc         = "The strategy of the connection (`google-apps`)."
	createdAtDesc        = "When the provisioning was created (RFC 3339)."
	updatedAtDesc        = "When the provisioning was last changed (RFC 3339)."
	lastSyncAtDesc       = "When the directory was last synchronized (RFC 3339), if ever."
	lastSyncStatusDesc   = "The status of the last synchronization, if any."
	lastSyncErrorDesc    = "The error of the last synchronization, if it failed."
	auth0AttributeDesc   = "The Auth0 user attribute, such as `email` or `app_metadata.external_id`."
	idpAttributeDesc     = "The Google Workspace user attribute, such as `primaryEmail`."
	groupIDsDesc         = "The ids of the Google Workspace groups synchronized (letters and digits, at most 32)."
	directoryReadTodo    = "Check the connection id, the provider's credentials and scopes (read:directory_provisionings), then try again."
	directoryNotFoundFix = "Create the provisioning (auth0_connection_directory) first, or check the connection id."
)

// idDesc is the id every resource and data source of the package has, as
// the official provider's do, so that configurations referring to it move
// over unchanged.
const idDesc = "The id of the connection, the same as `connection_id` (the official provider's `id`)."

// computedFields are the data sources' attributes of provisioningFields,
// with id.
func computedFields() map[string]dsschema.Attribute {
	return map[string]dsschema.Attribute{
		"id": dsschema.StringAttribute{MarkdownDescription: idDesc, Computed: true},
		"mapping": dsschema.ListNestedAttribute{
			MarkdownDescription: mappingDesc,
			Computed:            true,
			NestedObject: dsschema.NestedAttributeObject{Attributes: map[string]dsschema.Attribute{
				"auth0": dsschema.StringAttribute{MarkdownDescription: auth0AttributeDesc, Computed: true},
				"idp":   dsschema.StringAttribute{MarkdownDescription: idpAttributeDesc, Computed: true},
			}},
		},
		"synchronize_automatically":   dsschema.BoolAttribute{MarkdownDescription: syncAutoDesc, Computed: true},
		"synchronize_groups":          dsschema.StringAttribute{MarkdownDescription: syncGroupsDesc, Computed: true},
		"connection_name":             dsschema.StringAttribute{MarkdownDescription: connectionNameDesc, Computed: true},
		"strategy":                    dsschema.StringAttribute{MarkdownDescription: strategyDesc, Computed: true},
		"created_at":                  dsschema.StringAttribute{MarkdownDescription: createdAtDesc, Computed: true},
		"updated_at":                  dsschema.StringAttribute{MarkdownDescription: updatedAtDesc, Computed: true},
		"last_synchronization_at":     dsschema.StringAttribute{MarkdownDescription: lastSyncAtDesc, Computed: true},
		"last_synchronization_status": dsschema.StringAttribute{MarkdownDescription: lastSyncStatusDesc, Computed: true},
		"last_synchronization_error":  dsschema.StringAttribute{MarkdownDescription: lastSyncErrorDesc, Computed: true},
	}
}

// clientOf returns the client the provider configured: nil before it is.
func clientOf(providerData any, diags *diag.Diagnostics) *auth0api.Client {
	data, err := providerdata.From(providerData)
	if err != nil {
		diagnostics.AddConfigureError(diags, err)
		return nil
	}
	if data == nil {
		return nil
	}
	return data.Client
}

// configureResource and configureDataSource set the client of each kind.
func configureResource(req resource.ConfigureRequest, resp *resource.ConfigureResponse, client **auth0api.Client) {
	if c := clientOf(req.ProviderData, &resp.Diagnostics); c != nil {
		*client = c
	}
}

func configureDataSource(req datasource.ConfigureRequest, resp *datasource.ConfigureResponse, client **auth0api.Client) {
	if c := clientOf(req.ProviderData, &resp.Diagnostics); c != nil {
		*client = c
	}
}

// notFoundDetail words a 404 of a read by a data source.
func notFoundDetail(what, connectionID string) string {
	return fmt.Sprintf("Auth0 has no %s for connection %q.", what, connectionID)
}
