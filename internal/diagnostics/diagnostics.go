// Package diagnostics turns what went wrong into Terraform diagnostics, the
// same way for every resource and data source: a Title Case summary; a
// detail that says what happened, what to do, and then the original error.
package diagnostics

import (
	"errors"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/seedtf/terraform-provider-auth0/internal/auth0api"
)

// Attributes are the top-level attributes of a resource that are also
// properties of the API's body, so an API error naming one can point at the
// configuration line.
type Attributes map[string]bool

// AddAPIError reports a failed API call: what happened, what to do, then
// the original error with Auth0's status, errorCode and message. When Auth0
// names a property that is one of attrs, the error is attached to that
// attribute (Terraform shows the configuration of a top-level attribute,
// not of a path inside a dynamic value; the message keeps the full
// property). Credentials Auth0 refused get their own summary and say which
// setting to fix: no correction of the configuration would help.
func AddAPIError(diags *diag.Diagnostics, attrs Attributes, summary, happened, todo string, err error) {
	var credErr *auth0api.CredentialsError
	if errors.As(err, &credErr) {
		diags.AddError(credErr.Summary(), happened+" Auth0 refused the provider's credentials, so no request was made; "+
			"the other resources of this run fail the same way. "+credErr.Fix()+" Then try again.\n\n"+err.Error())
		return
	}
	detail := happened + " " + todo + "\n\n" + err.Error()
	if p, ok := attributePath(attrs, err); ok {
		diags.AddAttributeError(p, summary, detail)
		return
	}
	diags.AddError(summary, detail)
}

// attributePath maps a property such as "options.validation.username" to
// its top-level attribute.
func attributePath(attrs Attributes, err error) (path.Path, bool) {
	var apiErr *auth0api.APIError
	if !errors.As(err, &apiErr) {
		return path.Empty(), false
	}
	property := apiErr.Property()
	top := strings.Split(property, ".")[0]
	if property == "" || !attrs[top] {
		return path.Empty(), false
	}
	return path.Root(top), true
}

// AddConfigureError reports provider data of an unexpected type: a bug.
func AddConfigureError(diags *diag.Diagnostics, err error) {
	diags.AddError("Unexpected Configure Type",
		fmt.Sprintf("The provider handed over data this resource cannot use. Please report this issue to the provider developers.\n\n%s", err))
}
