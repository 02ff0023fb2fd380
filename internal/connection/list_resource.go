package connection

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/seedtf/terraform-provider-auth0/internal/auth0api"
	"github.com/seedtf/terraform-provider-auth0/internal/diagnostics"
	"github.com/seedtf/terraform-provider-auth0/internal/fwutil"
	"github.com/seedtf/terraform-provider-auth0/internal/providerdata"
)

var (
	_ list.ListResource              = (*connectionListResource)(nil)
	_ list.ListResourceWithConfigure = (*connectionListResource)(nil)
)

// NewListResource returns the auth0_connection list resource: `list` blocks
// in *.tfquery.hcl files and `terraform query` (Terraform 1.14 and later).
func NewListResource() list.ListResource {
	return &connectionListResource{}
}

type connectionListResource struct {
	client *auth0api.Client
}

func (r *connectionListResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_connection"
}

func (r *connectionListResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = listschema.Schema{
		MarkdownDescription: "Finds the tenant's connections, optionally of some strategies or of one name, reading them " +
			"in pages of 100. With `include_resource = true` (implied by `terraform query -generate-config-out`), each " +
			"result holds the connection as an import would read it: every option but the secrets and the keys Auth0 " +
			"derives, so that the generated configuration plans empty.",
		Attributes: fwutil.ConnectionFilterAttributes(stringvalidator.OneOf(Strategies...)),
	}
}

func (r *connectionListResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	data, err := providerdata.From(req.ProviderData)
	if err != nil {
		diagnostics.AddConfigureError(&resp.Diagnostics, err)
		return
	}
	if data == nil {
		return
	}
	r.client = data.Client
}

func (r *connectionListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	filter, diags := fwutil.ConnectionFilter(ctx, req)
	if diags.HasError() {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	stream.Results = func(push func(list.ListResult) bool) {
		out := fwutil.NewResults(req, push)
		err := r.client.ListConnections(ctx, filter, func(c *auth0api.Connection) bool {
			return out.Push(listResult(ctx, req, c))
		})
		if err != nil {
			var diags diag.Diagnostics
			diagnostics.AddAPIError(&diags, nil, "Unable to List Connections", "Auth0 did not list the connections.",
				"Check the provider's credentials and scopes (read:connections), then run the query again.", err)
			out.Fail(list.ListResult{Diagnostics: diags})
		}
	}
}

// listResult is one connection found: its identity and, when asked for,
// the state an import of it reads.
func listResult(ctx context.Context, req list.ListRequest, c *auth0api.Connection) list.ListResult {
	result := req.NewListResult(ctx)
	name := c.ID
	if c.Name != nil {
		name = *c.Name
	}
	result.DisplayName = name
	result.Diagnostics.Append(result.Identity.Set(ctx, identityModel{ID: types.StringValue(c.ID)})...)
	if !req.IncludeResource {
		return result
	}
	// An import starts from a state that holds nothing but the id.
	var prior connectionModel
	result.Diagnostics.Append(fwutil.EmptyResource(ctx, req, &prior)...)
	prior.ID = types.StringValue(c.ID)
	m, diags := fromAPI(ctx, c, prior, importedOptions)
	result.Diagnostics.Append(diags...)
	if result.Diagnostics.HasError() {
		return result
	}
	result.Diagnostics.Append(result.Resource.Set(ctx, m)...)
	return result
}
