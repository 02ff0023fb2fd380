package connectionkeys

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	datasourceschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	resourceschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/seedtf/terraform-provider-auth0/internal/auth0api"
	"github.com/seedtf/terraform-provider-auth0/internal/diagnostics"
	"github.com/seedtf/terraform-provider-auth0/internal/providerdata"
)

// signingAlgs are the algorithms POST /connections/{id}/keys and
// /keys/rotate accept (PostConnectionKeysAlgEnum,
// RotateConnectionKeysSigningAlgEnum of openapi-connections.json).
var signingAlgs = []string{"RS256", "RS384", "RS512", "PS256", "PS384", "ES256", "ES384"}

// keysAttributes are the attributes an API error may point at: the key
// bodies have one property, signing_alg.
var keysAttributes = diagnostics.Attributes{"signing_alg": true}

// keyField is one attribute of a key object, as GET /keys returns it.
type keyField struct {
	name, description string
	boolean           bool
}

// keyFields are the attributes of each object of keys, in the API's words
// (ConnectionKey of openapi-connections-described.json).
var keyFields = []keyField{
	{name: "kid", description: "The key id of the signing key."},
	{name: "algorithm", description: "The signing algorithm of the key, such as `RS256`."},
	{name: "cert", description: "The public certificate of the signing key, PEM."},
	{name: "pkcs", description: "The public certificate of the signing key in PKCS#7 format, PEM."},
	{name: "fingerprint", description: "The SHA-1 fingerprint of the certificate, colon-separated hex."},
	{name: "thumbprint", description: "The SHA-1 thumbprint of the certificate, hex."},
	{name: "key_use", description: "What the key is for: `signing` or `encryption`."},
	{name: "subject_dn", description: "The subject distinguished name of the certificate."},
	{name: "current", description: "Whether the key is the current key, the one Auth0 signs with.", boolean: true},
	{name: "next", description: "Whether the key is the next key, the one the next rotation makes current.", boolean: true},
	{name: "previous", description: "Whether the key is the previous key, current before the last rotation.", boolean: true},
	{name: "current_since", description: "When the key became the current key, as Auth0 reports it (on the current key only)."},
}

// keysDescription describes the computed keys attribute.
const keysDescription = "The connection's signing keys as Auth0 lists them: the current key, the previous one after a " +
	"rotation, and the next one. Read on every refresh: a rotation made outside Terraform shows here as new " +
	"values, not as a planned change."

// keyAttrTypes are the types of a key object's attributes.
func keyAttrTypes() map[string]attr.Type {
	types_ := make(map[string]attr.Type, len(keyFields))
	for _, f := range keyFields {
		if f.boolean {
			types_[f.name] = types.BoolType
		} else {
			types_[f.name] = types.StringType
		}
	}
	return types_
}

func keyObjectType() types.ObjectType { return types.ObjectType{AttrTypes: keyAttrTypes()} }

// resourceKeyAttributes are the key object's attributes in a resource
// schema.
func resourceKeyAttributes() map[string]resourceschema.Attribute {
	out := make(map[string]resourceschema.Attribute, len(keyFields))
	for _, f := range keyFields {
		if f.boolean {
			out[f.name] = resourceschema.BoolAttribute{MarkdownDescription: f.description, Computed: true}
		} else {
			out[f.name] = resourceschema.StringAttribute{MarkdownDescription: f.description, Computed: true}
		}
	}
	return out
}

// dataSourceKeyAttributes are the same in a data source schema.
func dataSourceKeyAttributes() map[string]datasourceschema.Attribute {
	out := make(map[string]datasourceschema.Attribute, len(keyFields))
	for _, f := range keyFields {
		if f.boolean {
			out[f.name] = datasourceschema.BoolAttribute{MarkdownDescription: f.description, Computed: true}
		} else {
			out[f.name] = datasourceschema.StringAttribute{MarkdownDescription: f.description, Computed: true}
		}
	}
	return out
}

// optionalString is s, null when the API left it out.
func optionalString(s string) types.String {
	if s == "" {
		return types.StringNull()
	}
	return types.StringValue(s)
}

// keysValue maps the API's keys to the keys attribute, in the API's order;
// flags the API leaves out are false.
func keysValue(keys []auth0api.ConnectionKey) (types.List, diag.Diagnostics) {
	var diags diag.Diagnostics
	items := make([]attr.Value, 0, len(keys))
	for _, k := range keys {
		obj, d := types.ObjectValue(keyAttrTypes(), map[string]attr.Value{
			"kid":           types.StringValue(k.Kid),
			"algorithm":     optionalString(k.Algorithm),
			"cert":          types.StringValue(k.Cert),
			"pkcs":          optionalString(k.PKCS),
			"fingerprint":   types.StringValue(k.Fingerprint),
			"thumbprint":    types.StringValue(k.Thumbprint),
			"key_use":       optionalString(k.KeyUse),
			"subject_dn":    optionalString(k.SubjectDN),
			"current":       types.BoolValue(k.Current),
			"next":          types.BoolValue(k.Next),
			"previous":      types.BoolValue(k.Previous),
			"current_since": optionalString(k.CurrentSince),
		})
		diags.Append(d...)
		items = append(items, obj)
	}
	list, d := types.ListValue(keyObjectType(), items)
	diags.Append(d...)
	return list, diags
}

// currentAlgorithm is the algorithm of the current key, "" when there is
// none.
func currentAlgorithm(keys []auth0api.ConnectionKey) string {
	for _, k := range keys {
		if k.Current {
			return k.Algorithm
		}
	}
	return ""
}

// addKeysError reports a failed keys request: a connection that does not
// exist, or one without keys (Auth0 keeps signing keys for oidc and okta
// connections only), gets its own wording.
func addKeysError(diags *diag.Diagnostics, id, summary, happened, todo string, err error) {
	switch {
	case auth0api.IsNotFound(err):
		summary = "Connection Not Found"
		happened = fmt.Sprintf("Connection %q does not exist in Auth0.", id)
		todo = "Check connection_id: it must be the id of an existing oidc or okta connection."
	case auth0api.IsStatus(err, http.StatusBadRequest) && !strings.Contains(err.Error(), "on property"):
		todo = "Auth0 keeps signing keys for oidc and okta connections only: check that connection_id names one."
	}
	diagnostics.AddAPIError(diags, keysAttributes, summary, happened, todo, err)
}

// clientFrom is the client the provider handed over; nil before the
// provider is configured, or when what it handed over is no client (then
// reported).
func clientFrom(data any, diags *diag.Diagnostics) *auth0api.Client {
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
