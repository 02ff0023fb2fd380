package connectionkeys

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/seedtf/terraform-provider-auth0/internal/auth0api"
	"github.com/seedtf/terraform-provider-auth0/internal/diagnostics"
	"github.com/seedtf/terraform-provider-auth0/internal/fwutil"
)

var (
	_ list.ListResource              = (*keysListResource)(nil)
	_ list.ListResourceWithConfigure = (*keysListResource)(nil)
)

// keyStrategies are the strategies whose connections have signing keys
// (Auth0 answers 400 to GET /keys of any other).
var keyStrategies = []string{"oidc", "okta"}

// NewListResource returns the auth0_connection_keys list resource: the
// keys of every oidc and okta connection that has some, for `terraform query`.
func NewListResource() list.ListResource { return &keysListResource{} }

type keysListResource struct {
	client *auth0api.Client
}

func (r *keysListResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_connection_keys"
}

func (r *keysListResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = listschema.Schema{
		MarkdownDescription: "Finds the signing keys of every `oidc` and `okta` connection of the tenant that has keys: " +
			"one `auth0_connection_keys` each, as an import reads it (`rotation_trigger` left out). It reads the keys of " +
			"every such connection, one call per connection.",
	}
}

func (r *keysListResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	if client := clientFrom(req.ProviderData, &resp.Diagnostics); client != nil {
		r.client = client
	}
}

func (r *keysListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	stream.Results = func(push func(list.ListResult) bool) {
		out := fwutil.NewResults(req, push)
		var failed diag.Diagnostics
		err := r.client.ListConnections(ctx, auth0api.ListFilter{Strategies: keyStrategies}, func(c *auth0api.Connection) bool {
			keys, err := r.client.ConnectionKeys(ctx, c.ID)
			if auth0api.IsNotFound(err) {
				return true // deleted since it was listed
			}
			if err != nil {
				addKeysError(&failed, c.ID, "Unable to Read Connection Keys",
					"Auth0 did not return the signing keys of connection "+c.ID+".",
					"Check the provider's credentials and scopes (read:connections_keys), then run the query again.", err)
				return false
			}
			if len(keys) == 0 {
				return true // no keys yet: nothing to manage
			}
			return out.Push(keysResult(ctx, req, c, keys))
		})
		if err != nil {
			diagnostics.AddAPIError(&failed, nil, "Unable to List Connections", "Auth0 did not list the oidc and okta connections.",
				"Check the provider's credentials and scopes (read:connections), then run the query again.", err)
		}
		if failed.HasError() {
			out.Fail(list.ListResult{Diagnostics: failed})
		}
	}
}

// keysResult is one connection's keys: the identity Read sets and, when
// asked for, the state an import reads. An import sets connection_id only,
// so Read takes signing_alg from the current key and rotation_trigger stays
// null.
func keysResult(ctx context.Context, req list.ListRequest, c *auth0api.Connection, keys []auth0api.ConnectionKey) list.ListResult {
	result := req.NewListResult(ctx)
	result.DisplayName = c.ID
	if c.Name != nil {
		result.DisplayName = *c.Name
	}
	id := types.StringValue(c.ID)
	setIdentity(ctx, result.Identity, id, &result.Diagnostics)
	if !req.IncludeResource {
		return result
	}
	var m resourceModel
	result.Diagnostics.Append(fwutil.EmptyResource(ctx, req, &m)...)
	m.ConnectionID = id
	list, diags := keysValue(keys)
	result.Diagnostics.Append(diags...)
	m.Keys = list
	m.SigningAlg = optionalString(currentAlgorithm(keys))
	if !result.Diagnostics.HasError() {
		result.Diagnostics.Append(result.Resource.Set(ctx, m)...)
	}
	return result
}
