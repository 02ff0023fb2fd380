package connection

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/seedtf/terraform-provider-auth0/internal/auth0api"
)

// topLevelAttributes are the body properties that are also attributes, so
// an API error naming one can point at the configuration line.
var topLevelAttributes = map[string]bool{
	"name": true, "strategy": true, "display_name": true, "is_domain_connection": true,
	"show_as_button": true, "realms": true, "metadata": true, "authentication": true,
	"connected_accounts": true, "options": true,
}

// addAPIError reports a failed API call: what happened, what to do, then
// the original error with Auth0's status, errorCode and message. When Auth0
// names a property, the error is attached to that attribute. Credentials
// Auth0 refused get their own summary and say which setting to fix: no
// correction of the resource's configuration would help.
func addAPIError(diags *diag.Diagnostics, summary, happened, todo string, err error) {
	var credErr *auth0api.CredentialsError
	if errors.As(err, &credErr) {
		diags.AddError(credErr.Summary(), happened+" Auth0 refused the provider's credentials, so no request was made; "+
			"the other resources of this run fail the same way. "+credErr.Fix()+" Then apply again.\n\n"+err.Error())
		return
	}
	detail := happened + " " + todo + "\n\n" + err.Error()
	if p, ok := attributePath(err); ok {
		diags.AddAttributeError(p, summary, detail)
		return
	}
	diags.AddError(summary, detail)
}

// attributePath maps a property such as "options.validation.username" to
// its top-level attribute: Terraform shows the configuration of a
// top-level attribute, but not of a path inside a dynamic value. The
// message keeps the full property.
func attributePath(err error) (path.Path, bool) {
	var apiErr *auth0api.APIError
	if !errors.As(err, &apiErr) {
		return path.Empty(), false
	}
	property := apiErr.Property()
	parts := strings.Split(property, ".")
	if property == "" || !topLevelAttributes[parts[0]] {
		return path.Empty(), false
	}
	return path.Root(parts[0]), true
}

// addConflictError explains a 409 on create: a connection with this name
// exists already, and how to bring it under Terraform instead. The client
// adopts an existing connection only when its own create may have made it
// (the answer was lost); a connection found by a first 409 may be someone
// else's, even when it looks like the one an interrupted apply left, so
// taking it over is the user's call.
func addConflictError(ctx context.Context, client *auth0api.Client, diags *diag.Diagnostics, name string, err error) {
	existing, lookupErr := client.FindConnectionByName(ctx, name)
	if lookupErr != nil || existing == nil {
		diags.AddAttributeError(path.Root("name"), "Connection Already Exists",
			fmt.Sprintf("Auth0 already has a connection named %q (or one of its realms), so none was created. "+
				"Choose another name, or import the existing connection by its id: "+
				"terraform import auth0_connection.<resource name> <connection id>\n\n%s", name, err))
		return
	}
	diags.AddAttributeError(path.Root("name"), "Connection Already Exists",
		fmt.Sprintf("Auth0 already has a connection named %q with id %q, so none was created. "+
			"The provider does not adopt a connection it cannot prove it created: one made outside Terraform looks "+
			"just like one an interrupted apply left behind. If this one is meant to be managed here, import it:\n\n"+
			"  terraform import auth0_connection.<resource name> %s\n\n"+
			"or add an import block: import { to = auth0_connection.<resource name>  id = %q }\n\n%s",
			name, existing.ID, existing.ID, existing.ID, err))
}
