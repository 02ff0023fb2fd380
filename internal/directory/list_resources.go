package directory

import (
	"context"
	"fmt"

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
	_ list.ListResource              = (*directoryListResource)(nil)
	_ list.ListResourceWithConfigure = (*directoryListResource)(nil)
	_ list.ListResource              = (*synchronizedGroupsListResource)(nil)
	_ list.ListResourceWithConfigure = (*synchronizedGroupsListResource)(nil)
)

// NewDirectoryListResource returns the auth0_connection_directory list
// resource: every directory provisioning of the tenant, for `terraform query`.
func NewDirectoryListResource() list.ListResource { return &directoryListResource{} }

// NewSynchronizedGroupsListResource returns the
// auth0_connection_directory_synchronized_groups list resource: the
// synchronized groups of every directory provisioning of the tenant. A
// provisioning without groups is listed too: Auth0 answers its groups 200
// {"groups":[]} (TestAccDirectorySynchronizedGroups.yaml #5), so its import
// succeeds with an empty group_ids.
func NewSynchronizedGroupsListResource() list.ListResource { return &synchronizedGroupsListResource{} }

// listBase is what both list resources share: the client, and the tenant's
// provisionings read whole.
type listBase struct {
	client *auth0api.Client
}

func (b *listBase) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	configureResource(req, resp, &b.client)
}

// provisionings lists the tenant's provisionings; on an error it pushes
// the diagnostics and returns false.
func (b *listBase) provisionings(ctx context.Context, push func(list.ListResult) bool) ([]auth0api.DirectoryProvisioning, bool) {
	all, err := b.client.ListDirectoryProvisionings(ctx)
	if err != nil {
		var diags diag.Diagnostics
		diagnostics.AddAPIError(&diags, nil, "Unable to List Directory Provisionings",
			"Auth0 did not list the tenant's directory provisionings.",
			"Check the provider's credentials and scopes (read:directory_provisionings), then run the query again.", err)
		push(list.ListResult{Diagnostics: diags})
		return nil, false
	}
	return all, true
}

// newResult is a result for connection p with its identity, as the
// resources' Read sets it.
func newResult(ctx context.Context, req list.ListRequest, p *auth0api.DirectoryProvisioning) list.ListResult {
	result := req.NewListResult(ctx)
	result.DisplayName = p.ConnectionID
	if p.ConnectionName != "" {
		result.DisplayName = p.ConnectionName
	}
	setIdentity(ctx, result.Identity, p.ConnectionID, &result.Diagnostics)
	return result
}

type directoryListResource struct{ listBase }

func (r *directoryListResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_connection_directory"
}

func (r *directoryListResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = listschema.Schema{
		MarkdownDescription: "Finds every Google Workspace directory provisioning of the tenant, reading the checkpoint " +
			"pages of `/connections-directory-provisionings`: one `auth0_connection_directory` each, as an import reads it.",
	}
}

func (r *directoryListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	stream.Results = func(push func(list.ListResult) bool) {
		all, ok := r.provisionings(ctx, push)
		if !ok {
			return
		}
		for i := range all {
			if req.Limit > 0 && int64(i) >= req.Limit {
				return
			}
			result := newResult(ctx, req, &all[i])
			if req.IncludeResource {
				// An import sets connection_id and Read maps the answer
				// (provisioningFromAPI sets every attribute); the listing's
				// items are the same objects as GET …/directory-provisioning
				// answers (DirectoryProvisioning of openapi-connections.json).
				m, diags := provisioningFromAPI(all[i].ConnectionID, &all[i])
				result.Diagnostics.Append(diags...)
				if !result.Diagnostics.HasError() {
					result.Diagnostics.Append(result.Resource.Set(ctx, m)...)
				}
			}
			if !push(result) {
				return
			}
		}
	}
}

type synchronizedGroupsListResource struct{ listBase }

func (r *synchronizedGroupsListResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_connection_directory_synchronized_groups"
}

func (r *synchronizedGroupsListResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = listschema.Schema{
		MarkdownDescription: "Finds the synchronized groups of every Google Workspace directory provisioning of the " +
			"tenant: one `auth0_connection_directory_synchronized_groups` each, also for a provisioning that " +
			"synchronizes no group (its import reads an empty `group_ids`). It reads the groups of every provisioning " +
			"listed, one listing per provisioning.",
	}
}

func (r *synchronizedGroupsListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	stream.Results = func(push func(list.ListResult) bool) {
		all, ok := r.provisionings(ctx, push)
		if !ok {
			return
		}
		var pushed int64
		for i := range all {
			if req.Limit > 0 && pushed >= req.Limit {
				return
			}
			p := &all[i]
			result := newResult(ctx, req, p)
			if req.IncludeResource {
				groups, err := r.client.SynchronizedGroups(ctx, p.ConnectionID, "")
				if auth0api.IsNotFound(err) {
					continue // deleted since it was listed: an import would find nothing
				}
				if err != nil {
					var diags diag.Diagnostics
					diagnostics.AddAPIError(&diags, nil, "Unable to Read Synchronized Groups",
						fmt.Sprintf("Auth0 did not return the synchronized groups of connection %q.", p.ConnectionID),
						"Check the provider's credentials and scopes (read:directory_provisionings), then run the query again.", err)
					push(list.ListResult{Diagnostics: diags})
					return
				}
				result.Diagnostics.Append(importedGroups(ctx, req, p.ConnectionID, groups, &result)...)
			}
			pushed++
			if !push(result) {
				return
			}
		}
	}
}

// importedGroups sets the result's resource to what an import of
// connectionID reads: the id attributes and the groups, as Read sets them.
func importedGroups(ctx context.Context, req list.ListRequest, connectionID string,
	groups []auth0api.SynchronizedGroup, result *list.ListResult) diag.Diagnostics {
	var m synchronizedGroupsModel
	diags := fwutil.EmptyResource(ctx, req, &m)
	m.ConnectionID = types.StringValue(connectionID)
	m.ID = m.ConnectionID
	set, d := types.SetValueFrom(ctx, types.StringType, groupIDs(groups))
	diags.Append(d...)
	m.GroupIDs = set
	if !diags.HasError() {
		diags.Append(result.Resource.Set(ctx, m)...)
	}
	return diags
}
