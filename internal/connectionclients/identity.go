package connectionclients

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// The identity of a connection's set of enabled clients is the connection:
// `import { identity = { connection_id = "con_…" } }` on Terraform 1.12
// and later, and what list blocks return.
type identityModel struct {
	ConnectionID types.String `tfsdk:"connection_id"`
}

func (r *connectionClientsResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identityschema.Schema{
		Attributes: map[string]identityschema.Attribute{
			"connection_id": identityschema.StringAttribute{
				RequiredForImport: true,
				Description:       "The id of the connection (`con_…`).",
			},
		},
	}
}

func setIdentity(ctx context.Context, identity *tfsdk.ResourceIdentity, connectionID types.String) diag.Diagnostics {
	if identity == nil || connectionID.IsNull() || connectionID.IsUnknown() {
		return nil
	}
	return identity.Set(ctx, identityModel{ConnectionID: connectionID})
}
