package options

import (
	"slices"
	"sort"
	"strings"

	"github.com/seedtf/terraform-provider-auth0/internal/strategyschema"
)

// What Auth0 does with particular option keys of a strategy, as the
// recordings of a live tenant show (../shared/auth0-api/recordings). These
// tables are the one place the options rules learn it from.

// derivation is a set of options Auth0 computes from others after every
// write, overwriting what a request sent.
type derivation struct {
	// keys are the top-level options Auth0 computes.
	keys []string
	// from are the options to set instead, named in the diagnostic.
	from []string
	// when names an option the derivation needs: without it on the
	// server, the keys are the user's own. "" means always.
	when string
	// accepted means a value the request sends is kept: the keys are
	// derived only when left out, so configuring them is no mistake (import
	// still leaves them out, or the derivation would stop).
	accepted bool
}

// socialScope: social strategies derive `scope` from their permission
// booleans (TestAccConnectionGitHub.yaml, TestAccConnectionFacebook.yaml,
// TestAccConnectionLinkedin.yaml, TestAccConnectionGoogleOAuth2.yaml and
// TestAccConnectionApple.yaml send booleans and get back the matching scope,
// whatever scope the request carried).
func socialScope(from ...string) derivation {
	return derivation{keys: []string{"scope"}, from: from}
}

var derivedByStrategy = map[string][]derivation{
	"google-oauth2":        {socialScope("email", "profile", "gmail", "youtube", "calendar", "contacts", "drive")},
	"google-apps":          {socialScope("email", "profile")},
	"facebook":             {socialScope("email", "public_profile", "user_friends", "user_birthday", "user_photos")},
	"apple":                {socialScope("name", "email")},
	"linkedin":             {socialScope("email", "profile", "basic_profile")},
	"github":               {socialScope("email", "read_user", "follow", "public_repo", "repo", "gist", "admin_org")},
	"windowslive":          {socialScope("graph_user", "signin", "emails", "offline_access")},
	"salesforce-community": {socialScope("profile")},
	"line":                 {socialScope("email", "profile")},
	// samlp reads cert, expires, subject and thumbprints from signingCert
	// (TestAccConnectionSAML.yaml); with a metadataUrl it reads the
	// endpoints, binding and certificate from the document and keeps them
	// on later writes.
	"samlp": {
		{keys: []string{"cert", "expires", "subject", "thumbprints"}, from: []string{"signingCert"}},
		{keys: []string{"signInEndpoint", "signOutEndpoint", "bindingMethod", "signingCert"}, from: []string{"metadataUrl"}, when: "metadataUrl", accepted: true},
	},
	// pingfederate stores signingCert as cert, with what it reads from it
	// (TestAccConnectionPingFederate.yaml).
	"pingfederate": {{keys: []string{"cert", "expires", "subject", "thumbprints"}, from: []string{"signingCert"}}},
	// oidc and okta keep the discovery document they fetch as oidc_metadata
	// unless the request sends one (TestAccConnectionOIDC.yaml,
	// TestAccConnectionOkta.yaml).
	"oidc": {{keys: []string{"oidc_metadata"}, from: []string{"discovery_url"}, when: "discovery_url", accepted: true}},
	"okta": {{keys: []string{"oidc_metadata"}, from: []string{"domain"}, when: "domain", accepted: true}},
	// waad fetches the thumbprints of Microsoft's signing keys
	// (TestAccConnectionAzureAD.yaml).
	"waad": {{keys: []string{"thumbprints"}, from: []string{"tenant_domain"}}},
}

// unreturnedByStrategy are options Auth0 takes but never returns: a
// managed key among them keeps its last value, as a secret does.
var unreturnedByStrategy = map[string][]string{
	// The metadata document is read, not stored (TestAccConnectionSAML.yaml).
	"samlp": {"metadataXml"},
	// Stored as cert (TestAccConnectionPingFederate.yaml).
	"pingfederate": {"signingCert"},
}

// keptByStrategy are options an update that leaves them out does not
// remove: Auth0 keeps the stored value (TestAccConnection.yaml and
// TestAccConnectionPasswordAuthenticationBehaviors.yaml PATCH options
// without them and get them back unchanged).
var keptByStrategy = map[string][]string{
	"auth0":       {"brute_force_protection", "authentication_methods", "passkey_options"},
	"google-apps": {"map_user_id_to_id"},
}

// derivedKey reports whether the top-level key of a strategy's options is
// computed by Auth0 given the other options (server or configured).
func derivedKey(strategy, key string, opts map[string]any) (derivation, bool) {
	for _, d := range derivedByStrategy[strategy] {
		if d.when != "" {
			if v, ok := opts[d.when]; !ok || v == nil || v == "" {
				continue
			}
		}
		for _, k := range d.keys {
			if k == key {
				return d, true
			}
		}
	}
	return derivation{}, false
}

// unreturned reports whether Auth0 never returns the options path.
func unreturned(strategy string, path []string) bool {
	return isSecret(path) || listedTopLevel(unreturnedByStrategy[strategy], path)
}

// kept reports whether an update without the options path keeps it.
func kept(strategy string, path []string) bool {
	return listedTopLevel(keptByStrategy[strategy], path)
}

// listedTopLevel reports whether path is one of the top-level keys.
func listedTopLevel(keys, path []string) bool {
	return len(path) == 1 && slices.Contains(keys, path[0])
}

// Violation is a rule an options value breaks, at a key path such as
// []string{"scope"} or []string{"signing_key", "key"}.
type Violation struct {
	Path    []string
	Message string
}

// Dotted is the violation's path as options.a.b.
func (v Violation) Dotted() string { return "options." + strings.Join(v.Path, ".") }

// ConfiguredDerived returns the derived keys a configuration sets that
// Auth0 would overwrite, each with what to set instead.
func ConfiguredDerived(strategy string, config map[string]any) []Violation {
	var out []Violation
	for _, k := range sortedKeys(config) {
		// Null too: Auth0 fills the key, so null would never hold.
		d, ok := derivedKey(strategy, k, config)
		if !ok || d.accepted {
			continue
		}
		out = append(out, Violation{
			Path: []string{k},
			Message: "is computed by Auth0 for " + strategy + " connections from other options (" + quoteList(d.from) +
				"), and any value sent is overwritten: leave it out and set those instead",
		})
	}
	return out
}

func quoteList(keys []string) string {
	q := make([]string, len(keys))
	for i, k := range keys {
		q[i] = "options." + k
	}
	sort.Strings(q)
	if len(q) == 1 {
		return q[0]
	}
	return strings.Join(q[:len(q)-1], ", ") + " or " + q[len(q)-1]
}

// allSecretKeys are the secret paths: those of secretKeys and every path the
// per-strategy table (internal/strategyschema) marks secret in any strategy.
// A secret of one strategy is a credential under the same path of another.
var allSecretKeys = func() [][]string {
	out := slices.Clone(secretKeys)
	seen := map[string]bool{}
	for _, k := range secretKeys {
		seen[strings.Join(k, ".")] = true
	}
	for _, p := range TableSecrets() {
		if !seen[p] {
			seen[p] = true
			out = append(out, strings.Split(p, "."))
		}
	}
	return out
}()

// TableSecrets returns the dotted option paths the per-strategy table marks
// secret, in any strategy, sorted.
func TableSecrets() []string {
	seen := map[string]bool{}
	var walk func(t *strategyschema.Type, prefix string, depth int)
	walk = func(t *strategyschema.Type, prefix string, depth int) {
		if t == nil || depth > 8 {
			return
		}
		for _, f := range t.Fields {
			if f.Secret {
				seen[prefix+f.Name] = true
			}
			walk(f.Type, prefix+f.Name+".", depth+1)
		}
	}
	for _, s := range strategyschema.All() {
		walk(s.Options, "", 0)
	}
	out := make([]string, 0, len(seen))
	for p := range seen {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}
