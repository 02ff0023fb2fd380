package strategyschema

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
)

// What the SDK does not say, reviewed by hand: each strategy's family, the
// keys that hold credentials, and the keys Auth0 computes.

// secretPaths are the option key paths (dotted, from the options object)
// that hold credentials, in every strategy that has them. Each was reviewed
// by hand against the SDK's description (and the recordings of a real
// tenant, where one exists).
var secretPaths = map[string]string{
	"client_secret":                 "the OAuth client secret (45 strategies)",
	"app_secret":                    "apple: the private key (PEM) of the Sign in with Apple service",
	"admin_access_token":            "google-apps: the Workspace admin's access token, which reads the directory",
	"admin_refresh_token":           "google-apps: the Workspace admin's refresh token",
	"twilio_token":                  "sms: the Twilio auth token",
	"gateway_authentication.secret": "sms with a custom gateway: the key signing its tokens",
	"signing_key.key":               "samlp: the private key signing requests (cert is the public half)",
	"decryptionKey.key":             "samlp and pingfederate: the private key decrypting assertions",
}

// secretLooking matches key names that might hold a credential. Every key
// it matches must be in secretPaths or notSecretPaths, so that a new SDK
// release with a new credential key fails to generate until it is reviewed.
var secretLooking = regexp.MustCompile(`(?i)secret|token|password|private|passphrase|(^|[._])key$|credential`)

// notSecretPaths are keys secretLooking matches that hold no credential.
var notSecretPaths = map[string]string{
	"admin_access_token_expiresin":                                   "an expiry time",
	"ext_access_token":                                               "a boolean: whether to store the token",
	"ext_refresh_token":                                              "a boolean: whether to store the token",
	"gateway_authentication.secret_base64_encoded":                   "a boolean",
	"global_token_revocation_jwt_iss":                                "an issuer",
	"global_token_revocation_jwt_sub":                                "a subject",
	"id_token_session_expiry_supported":                              "a boolean",
	"id_token_signed_response_algs":                                  "algorithm names",
	"oidc_metadata.id_token_encryption_alg_values_supported":         "discovery metadata",
	"oidc_metadata.id_token_encryption_enc_values_supported":         "discovery metadata",
	"oidc_metadata.id_token_signing_alg_values_supported":            "discovery metadata",
	"oidc_metadata.token_endpoint":                                   "a URL",
	"oidc_metadata.token_endpoint_auth_methods_supported":            "discovery metadata",
	"oidc_metadata.token_endpoint_auth_signing_alg_values_supported": "discovery metadata",
	"token_endpoint":                                                 "a URL",
	"token_endpoint_auth_method":                                     "a method name",
	"token_endpoint_auth_signing_alg":                                "an algorithm name",
	"token_endpoint_jwtca_aud_format":                                "a format name",
	"tokenURL":                                                       "a URL",
	"accessTokenURL":                                                 "a URL",
	"requestTokenURL":                                                "a URL",
	"authentication_methods.password":                                "settings of password sign-in",
	"customScripts.change_password":                                  "a script",
	"disable_self_service_change_password":                           "a boolean",
	"admin_public_key":                                               "github: a boolean scope",
	"read_public_key":                                                "github: a boolean scope",
	"write_public_key":                                               "github: a boolean scope",
	"signing_key":                                                    "samlp: the key pair; its key is the secret",
	"passwordPolicy":                                                 "a policy name",
	"password_complexity_options":                                    "policy settings",
	"password_dictionary":                                            "policy settings",
	"password_history":                                               "policy settings",
	"password_no_personal_info":                                      "policy settings",
	"password_options":                                               "policy settings",
}

// derivedKeys are the top-level options Auth0 computes per strategy; they
// are the keys of derivedByStrategy in internal/options/strategy.go (a test
// there keeps the two equal), where the evidence is.
var derivedKeys = map[string][]string{
	"google-oauth2":        {"scope"},
	"google-apps":          {"scope"},
	"facebook":             {"scope"},
	"apple":                {"scope"},
	"linkedin":             {"scope"},
	"github":               {"scope"},
	"windowslive":          {"scope"},
	"salesforce-community": {"scope"},
	"line":                 {"scope"},
	"samlp":                {"cert", "expires", "subject", "thumbprints", "signInEndpoint", "signOutEndpoint", "bindingMethod", "signingCert"},
	"pingfederate":         {"cert", "expires", "subject", "thumbprints"},
	"oidc":                 {"oidc_metadata"},
	"okta":                 {"oidc_metadata"},
	"waad":                 {"thumbprints"},
}

var families = map[string][]string{
	"database":     {"auth0"},
	"passwordless": {"sms", "email"},
	"enterprise": {"ad", "adfs", "auth0-oidc", "custom", "google-apps", "ip", "office365", "oidc", "okta",
		"pingfederate", "samlp", "sharepoint", "waad"},
}

// applyMarks sets the families and the secret and derived marks. Types
// shared between strategies are copied before a strategy's own mark.
func applyMarks(all []*Strategy, strict bool) error {
	famOf := map[string]string{}
	for fam, names := range families {
		for _, n := range names {
			famOf[n] = fam
		}
	}
	found := map[string]bool{}
	var unreviewed []string
	for _, s := range all {
		s.Family = famOf[s.Name]
		if s.Family == "" {
			s.Family = "social"
		}
		s.Options = markSecrets(s.Options, "", found, &unreviewed, 0)
		if keys := derivedKeys[s.Name]; len(keys) > 0 {
			s.Derived = append([]string(nil), keys...)
			sort.Strings(s.Derived)
			opts := *s.Options
			opts.Fields = append([]*Field(nil), opts.Fields...)
			for i, f := range opts.Fields {
				for _, k := range keys {
					if f.Name == k {
						g := *f
						g.Derived = true
						opts.Fields[i] = &g
					}
				}
			}
			s.Options = &opts
		}
	}
	if !strict {
		return nil
	}
	for p := range secretPaths {
		if !found[p] {
			return fmt.Errorf("secret path %s is in no strategy: review secretPaths", p)
		}
	}
	if len(unreviewed) > 0 {
		sort.Strings(unreviewed)
		return fmt.Errorf("keys that look like credentials are neither in secretPaths nor notSecretPaths: %s",
			strings.Join(unreviewed, ", "))
	}
	return nil
}

// markSecrets returns t with the secretPaths under prefix marked, copying
// only what changes.
func markSecrets(t *Type, prefix string, found map[string]bool, unreviewed *[]string, depth int) *Type {
	if t == nil || len(t.Fields) == 0 || depth > 8 {
		return t
	}
	var fields []*Field
	for i, f := range t.Fields {
		p := prefix + f.Name
		g := f
		_, secret := secretPaths[p]
		if secret {
			found[p] = true
		} else if _, ok := notSecretPaths[p]; !ok && secretLooking.MatchString(f.Name) {
			*unreviewed = append(*unreviewed, p)
		}
		sub := markSecrets(f.Type, p+".", found, unreviewed, depth+1)
		if (secret && !f.Secret) || sub != f.Type {
			c := *f
			c.Secret = c.Secret || secret
			c.Type = sub
			g = &c
		}
		if g != f && fields == nil {
			fields = append([]*Field(nil), t.Fields...)
		}
		if fields != nil {
			fields[i] = g
		}
	}
	if fields == nil {
		return t
	}
	c := *t
	c.Fields = fields
	return &c
}
