package connection

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// A connection's identity is its id: `import { identity = { id = "con_…" } }`
// on Terraform 1.12 and later, and what list blocks return.
type identityModel struct {
	ID types.String `tfsdk:"id"`
}

func (r *connectionResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identitySchema()
}

func identitySchema() identityschema.Schema {
	return identityschema.Schema{
		Attributes: map[string]identityschema.Attribute{
			"id": identityschema.StringAttribute{
				RequiredForImport: true,
				Description:       "The connection's id (`con_…`).",
			},
		},
	}
}

// setIdentity records the identity of the connection with this id. A
// create whose outcome is unknown has no id yet, and so no identity: the
// refresh that settles it sets one.
func setIdentity(ctx context.Context, identity *tfsdk.ResourceIdentity, id string) diag.Diagnostics {
	if identity == nil || id == "" || isPending(id) {
		return nil
	}
	return identity.Set(ctx, identityModel{ID: types.StringValue(id)})
}

// removeResource removes the connection with this id from state. Its
// identity is set all the same: the framework (v1.19) requires one after
// every Read without errors, and Terraform before 1.12 stores none that it
// could carry over.
func removeResource(ctx context.Context, resp *resource.ReadResponse, id string) {
	resp.State.RemoveResource(ctx)
	if resp.Identity != nil {
		resp.Diagnostics.Append(resp.Identity.Set(ctx, identityModel{ID: types.StringValue(id)})...)
	}
}
