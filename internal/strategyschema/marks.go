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
	if err := applyOverlay(all, strict); err != nil {
		return err
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

// recorded are keys real tenants return (the recordings in
// shared/auth0-api/recordings and recordings-go-auth0) that the SDK does not
// type: known, so neither a configuration generated by an import nor one
// written by hand warns about them. "*" is every strategy that has typed
// keys. Their type is not checked.
var recorded = map[string][]string{
	"*":            {"strategy_version", "upstream_params"},
	"auth0":        {"custom_password_hash", "set_user_root_attributes", "attributes.username.identifier.default_method"},
	"okta":         {"schema_version"},
	"oidc":         {"schema_version", "domain"},
	"google-apps":  {"ext_profile", "basic_profile"},
	"samlp":        {"subject", "expires", "bindingMethod"},
	"pingfederate": {"subject", "expires"},
	"waad":         {"waad_common_endpoint", "domain"},
	"adfs":         {"api_enable_users"},
	"wordpress":    {"profile", "customHeaders", "tokenURL", "authorizationURL"},
	"line":         {"tokenURL", "authorizationURL"},
	"twitter":      {"tokenURL", "authorizationURL"},
	"sms":          {"authParams"},
	"oauth1":       {"consumer_key", "consumer_secret"},
}

// recordedSecrets are the recorded keys that hold credentials.
var recordedSecrets = map[string]bool{"consumer_secret": true}

// relaxation widens a type the SDK states more narrowly than what real
// tenants return, so that a configuration generated by an import plans.
type relaxation struct {
	strategy, path, why string
	apply               func(*Type)
}

var relaxations = []relaxation{
	{"email", "authParams", "TestAccConnectionEmail*.yaml return an object, the SDK says string",
		func(t *Type) { t.Kinds |= Object }},
	{"oauth1", "signatureMethod", "recordings return HMAC-SHA1, the SDK lists only RSA-SHA1",
		func(t *Type) { t.Enum = append(t.Enum, "HMAC-SHA1") }},
	{"samlp", "signatureAlgorithm", "recordings return an empty string",
		func(t *Type) { t.Enum = append(t.Enum, "") }},
	{"samlp", "digestAlgorithm", "recordings return an empty string",
		func(t *Type) { t.Enum = append(t.Enum, "") }},
}

// applyOverlay adds the recorded keys and applies the relaxations.
func applyOverlay(all []*Strategy, strict bool) error {
	for _, s := range all {
		if len(s.Options.Fields) == 0 {
			continue
		}
		for _, p := range append(append([]string(nil), recorded["*"]...), recorded[s.Name]...) {
			keys := strings.Split(p, ".")
			last := keys[len(keys)-1]
			var err error
			s.Options, err = edit(s.Options, keys[:len(keys)-1], func(t *Type) {
				if t.Field(last) != nil {
					return
				}
				t.Fields = append(t.Fields, &Field{Name: last, Type: &Type{}, Secret: recordedSecrets[last],
					Description: "Returned by Auth0, not typed by the SDK."})
				sort.Slice(t.Fields, func(i, j int) bool { return t.Fields[i].Name < t.Fields[j].Name })
			})
			if err != nil && strict {
				return fmt.Errorf("recorded key %s of %s: %w", p, s.Name, err)
			}
		}
	}
	for _, r := range relaxations {
		s := lookupIn(all, r.strategy)
		if s == nil {
			if strict {
				return fmt.Errorf("relaxation of %s: no such strategy", r.strategy)
			}
			continue
		}
		keys := strings.Split(r.path, ".")
		var err error
		s.Options, err = edit(s.Options, keys[:len(keys)-1], func(t *Type) {
			for i, f := range t.Fields {
				if f.Name == keys[len(keys)-1] {
					g := *f
					ft := *f.Type
					ft.Enum = append([]string(nil), ft.Enum...)
					r.apply(&ft)
					g.Type = &ft
					t.Fields[i] = &g
				}
			}
		})
		if err != nil && strict {
			return fmt.Errorf("relaxation %s %s: %w", r.strategy, r.path, err)
		}
	}
	return nil
}

func lookupIn(all []*Strategy, name string) *Strategy {
	for _, s := range all {
		if s.Name == name {
			return s
		}
	}
	return nil
}

// edit returns t with the object at path changed by fn, copying t and every
// type along the path (types are shared between strategies).
func edit(t *Type, path []string, fn func(*Type)) (*Type, error) {
	c := *t
	c.Fields = append([]*Field(nil), t.Fields...)
	if len(path) == 0 {
		fn(&c)
		return &c, nil
	}
	for i, f := range c.Fields {
		if f.Name == path[0] {
			sub, err := edit(f.Type, path[1:], fn)
			if err != nil {
				return nil, err
			}
			g := *f
			g.Type = sub
			c.Fields[i] = &g
			return &c, nil
		}
	}
	return nil, fmt.Errorf("no key %s", path[0])
}
