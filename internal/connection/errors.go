package connection

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/seedtf/terraform-provider-auth0/internal/auth0api"
	"github.com/seedtf/terraform-provider-auth0/internal/diagnostics"
)

// connectionAttributes are the body properties that are also attributes,
// so an API error naming one can point at the configuration line.
var connectionAttributes = diagnostics.Attributes{
	"name": true, "strategy": true, "display_name": true, "is_domain_connection": true,
	"show_as_button": true, "realms": true, "metadata": true, "authentication": true,
	"connected_accounts": true, "options": true,
}

// addConflictError explains a 409 on create: a connection with this name
// exists already, and how to bring it under Terraform instead. The client
// adopts an existing connection only when its own create may have made it
// (the answer was lost); a connection found by a first 409 may be someone
// else's, even when it looks like the one an interrupted apply left, so
// taking it over is the user's call. Terraform does not tell a provider the
// address of the resource it works on, so the commands name it ADDRESS and
// point at the "with" line Terraform prints under the error, which holds it.
func addConflictError(ctx context.Context, client *auth0api.Client, diags *diag.Diagnostics, name string, err error) {
	const address = "where ADDRESS is this resource's address, which Terraform prints above this message on the line " +
		"\"with auth0_connection.…,\" (for example auth0_connection.users, auth0_connection.users[\"eu\"] " +
		"or module.idp.auth0_connection.users; quote it in a shell when it has brackets)."
	existing, lookupErr := client.FindConnectionByName(ctx, name)
	if lookupErr != nil || existing == nil {
		diags.AddAttributeError(path.Root("name"), "Connection Already Exists",
			fmt.Sprintf("Auth0 already has a connection named %q (or one of its realms), so none was created. "+
				"Choose another name, or import the existing connection by its id:\n\n"+
				"  terraform import ADDRESS <connection id>\n\n"+
				"%s\n\n%s", name, address, err))
		return
	}
	diags.AddAttributeError(path.Root("name"), "Connection Already Exists",
		fmt.Sprintf("Auth0 already has a connection named %q with id %q, so none was created. "+
			"The provider does not adopt a connection it cannot prove it created: one made outside Terraform looks "+
			"just like one an interrupted apply left behind. If this one is meant to be managed here, import it:\n\n"+
			"  terraform import ADDRESS %s\n\n"+
			"or add an import block next to the resource:\n\n"+
			"  import {\n    to = ADDRESS\n    id = %q\n  }\n\n"+
			"%s\n\n%s",
			name, existing.ID, existing.ID, existing.ID, address, err))
}
