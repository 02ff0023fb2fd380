package options

import (
	"context"
	"encoding/json"
	"maps"
	"math/big"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
)

// Project returns the server's options seen through the keys the user
// manages: the result has exactly the shape of managed (the value last
// applied or refreshed), recursively through objects and maps alike, so
// keys the server adds never show as a difference and a managed key changed
// on the server shows as drift. A managed key the server no longer has
// shows as null (drift, restored by the next apply), except the keys Auth0
// never returns or whose drift cannot be told (secrets, which it returns
// encrypted or not at all; the strategy's write-only options), which
// keep their last value.
func Project(strategy string, server map[string]any, managed types.Dynamic) types.Dynamic {
	if managed.IsNull() || managed.IsUnknown() || managed.IsUnderlyingValueNull() || managed.IsUnderlyingValueUnknown() {
		return managed
	}
	if server == nil {
		server = map[string]any{}
	}
	return types.DynamicValue(project(strategy, server, unwrap(managed), nil))
}

func project(strategy string, server any, managed attr.Value, path []string) attr.Value {
	if unreturned(strategy, path) {
		return managed
	}
	managedChildren, keyed := children(managed)
	if !keyed {
		return fromJSONAs(server, managed.Type(context.Background()))
	}
	serverObject, ok := server.(map[string]any)
	if !ok {
		if server == nil {
			return nullOf(managed.Type(context.Background()))
		}
		return FromJSON(server)
	}
	attrs := make(map[string]attr.Value, len(managedChildren))
	for k, child := range managedChildren {
		childPath := append(slices.Clone(path), k)
		serverChild, present := serverObject[k]
		switch {
		case present:
			attrs[k] = project(strategy, serverChild, unwrap(child), childPath)
		case unreturned(strategy, childPath):
			attrs[k] = child
		default:
			attrs[k] = nullOf(child.Type(context.Background()))
		}
	}
	if m, isMap := managed.(basetypes.MapValue); isMap {
		return mapOrObject(m.ElementType(context.Background()), attrs)
	}
	return objectOf(attrs)
}

// mapOrObject keeps a managed map a map of its element type (a key the
// server dropped is a null element, drift). Where the server holds a value of another type, the
// result is an object, which shows as a difference.
func mapOrObject(elemType attr.Type, attrs map[string]attr.Value) attr.Value {
	elems := make(map[string]attr.Value, len(attrs))
	for k, v := range attrs {
		if v.IsNull() {
			// A null element, written so or dropped by the server.
			elems[k] = nullOf(elemType)
			continue
		}
		if !v.Type(context.Background()).Equal(elemType) {
			return objectOf(attrs)
		}
		elems[k] = v
	}
	return types.MapValueMust(elemType, elems)
}

// Imported returns the server's full options as a Terraform value, for an
// import: every key but the secret ones, which stay on the server, and those
// Auth0 derives from others, which a configuration must not pin (editing
// what they derive from would never converge).
func Imported(strategy string, server map[string]any) types.Dynamic {
	if server == nil {
		return types.DynamicNull()
	}
	out := withoutSecrets(server, nil)
	for k := range out {
		if _, derived := derivedKey(strategy, k, server); derived {
			delete(out, k)
		}
	}
	return types.DynamicValue(FromJSON(out))
}

// WithoutSecrets returns the server's options but the secret keys, for the
// data sources.
func WithoutSecrets(server map[string]any) types.Dynamic {
	if server == nil {
		return types.DynamicNull()
	}
	return types.DynamicValue(FromJSON(withoutSecrets(server, nil)))
}

func withoutSecrets(m map[string]any, path []string) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		p := append(slices.Clone(path), k)
		if isSecret(p) {
			continue
		}
		if child, ok := v.(map[string]any); ok {
			v = withoutSecrets(child, p)
		}
		out[k] = v
	}
	return out
}

// Equivalent reports whether applying config would change nothing in
// Auth0, given prior, the options as last refreshed: every configured key
// holds its value already, and every key prior has that config lacks is
// one an update keeps (nothing is managed after an import, see Merge; and
// some keys Auth0 keeps when an update leaves them out). Terraform then
// keeps the prior value, so the plan shows no change it will not make.
// A config not wholly known is never equivalent.
func Equivalent(strategy string, prior, config attr.Value, imported bool) bool {
	p, err := ToJSON(prior)
	if err != nil {
		return false
	}
	c, err := ToJSON(config)
	if err != nil {
		return false
	}
	return equivalent(strategy, p, c, nil, imported)
}

func equivalent(strategy string, prior, config any, path []string, imported bool) bool {
	pm, pIsMap := prior.(map[string]any)
	cm, cIsMap := config.(map[string]any)
	if !pIsMap || !cIsMap {
		return jsonEqual(prior, config)
	}
	for k, cv := range cm {
		// A key written as null is a value to manage: Auth0 may hold
		// another one.
		pv, present := pm[k]
		if !present {
			return false
		}
		if !equivalent(strategy, pv, cv, append(slices.Clone(path), k), imported) {
			return false
		}
	}
	for k := range pm {
		if _, configured := cm[k]; configured {
			continue
		}
		if !imported && !kept(strategy, append(slices.Clone(path), k)) {
			return false
		}
	}
	return true
}

// RemovedButKept returns the keys (dotted) that a plan from prior to
// planned shows as removed although Auth0 keeps them: every key after an
// import (nothing was managed), and the keys Auth0 keeps when an update
// leaves them out.
func RemovedButKept(strategy string, prior, planned attr.Value, imported bool) []string {
	p, _ := ToJSON(prior)
	c, _ := ToJSON(planned)
	var out []string
	var walk func(p, c map[string]any, path []string)
	walk = func(p, c map[string]any, path []string) {
		for _, k := range sortedKeys(p) {
			childPath := append(slices.Clone(path), k)
			cv, configured := c[k]
			if !configured {
				if imported || kept(strategy, childPath) {
					out = append(out, strings.Join(childPath, "."))
				}
				continue
			}
			pm, pIsMap := p[k].(map[string]any)
			cm, cIsMap := cv.(map[string]any)
			if pIsMap && cIsMap {
				walk(pm, cm, childPath)
			}
		}
	}
	pm, _ := p.(map[string]any)
	cm, _ := c.(map[string]any)
	walk(pm, cm, nil)
	return out
}

// Merge builds the options object to PATCH, Auth0 replacing options
// wholesale on update: the server's current options, with what the plan
// changes from prior to planned and nothing more. A key planned as prior
// had it is left as the server holds it (so an apply without a refresh
// never restores a drift its plan did not show); a changed key is set; a
// key prior had and planned lacks is removed (of an object, the keys it
// managed: unmanaged keys inside stay). After an import nothing is
// managed yet (imported): prior then only tells which keys already hold
// their planned value, and nothing is removed. Every other key on the
// server survives.
func Merge(strategy string, server map[string]any, prior, planned attr.Value, imported bool) (map[string]any, error) {
	out := deepCopy(server)
	if out == nil {
		out = map[string]any{}
	}
	p, err := ToJSON(prior)
	if err != nil {
		return nil, err
	}
	c, err := ToJSON(planned)
	if err != nil {
		return nil, err
	}
	pm, _ := p.(map[string]any)
	cm, _ := c.(map[string]any)
	mergeInto(out, pm, cm, imported)
	return out, nil
}

func mergeInto(dst, prior, planned map[string]any, imported bool) {
	if !imported {
		for k, managed := range prior {
			if _, kept := planned[k]; !kept {
				removeManaged(dst, k, managed)
			}
		}
	}
	for _, k := range sortedKeys(planned) {
		pv, had := prior[k]
		cv := planned[k]
		if had && jsonEqual(pv, cv) {
			continue
		}
		if cm, isMap := cv.(map[string]any); isMap {
			pm, priorIsMap := pv.(map[string]any)
			if dm, serverIsMap := dst[k].(map[string]any); serverIsMap {
				mergeInto(dm, pm, cm, imported)
				continue
			}
			if priorIsMap {
				// The server lost an object the plan saw (an apply
				// without refresh): set only what the plan changes in it.
				fresh := map[string]any{}
				mergeInto(fresh, pm, cm, imported)
				if len(fresh) > 0 {
					dst[k] = fresh
				}
				continue
			}
		}
		dst[k] = deepCopyValue(cv)
	}
}

// removeManaged removes from dst[k] what managed manages: the whole value,
// or, for an object on both sides, just its managed keys (the object goes
// when nothing is left in it), so unmanaged keys inside survive.
func removeManaged(dst map[string]any, k string, managed any) {
	m, managedIsMap := managed.(map[string]any)
	d, serverIsMap := dst[k].(map[string]any)
	if !managedIsMap || !serverIsMap {
		delete(dst, k)
		return
	}
	for sk, sv := range m {
		removeManaged(d, sk, sv)
	}
	if len(d) == 0 {
		delete(dst, k)
	}
}

// Same reports whether two options objects are the same JSON, numbers by
// value: an update whose body is what Auth0 holds changes nothing.
func Same(a, b map[string]any) bool { return jsonEqual(a, b) }

// jsonEqual compares two JSON values, numbers by value.
func jsonEqual(a, b any) bool {
	switch a := a.(type) {
	case map[string]any:
		bm, ok := b.(map[string]any)
		if !ok || len(a) != len(bm) {
			return false
		}
		for k, av := range a {
			bv, ok := bm[k]
			if !ok || !jsonEqual(av, bv) {
				return false
			}
		}
		return true
	case []any:
		bs, ok := b.([]any)
		if !ok || len(a) != len(bs) {
			return false
		}
		for i := range a {
			if !jsonEqual(a[i], bs[i]) {
				return false
			}
		}
		return true
	case json.Number:
		bn, ok := b.(json.Number)
		if !ok {
			return false
		}
		x, _, errA := big.ParseFloat(string(a), 10, numberPrecision, big.ToNearestEven)
		y, _, errB := big.ParseFloat(string(bn), 10, numberPrecision, big.ToNearestEven)
		if errA != nil || errB != nil {
			return string(a) == string(bn)
		}
		return x.Cmp(y) == 0
	default:
		return a == b
	}
}

func prefixed(key string, err error) error {
	return &PathError{Path: key, Err: err}
}

// PathError names the options key a conversion failed at.
type PathError struct {
	Path string
	Err  error
}

func (e *PathError) Error() string {
	inner := e.Err
	path := e.Path
	for {
		pe, ok := inner.(*PathError)
		if !ok {
			break
		}
		if !strings.HasPrefix(pe.Path, "[") {
			path += "."
		}
		path += pe.Path
		inner = pe.Err
	}
	if !strings.HasPrefix(path, "[") {
		path = "." + path
	}
	return "options" + path + ": " + inner.Error()
}

func (e *PathError) Unwrap() error { return e.Err }

func deepCopy(m map[string]any) map[string]any {
	if m == nil {
		return nil
	}
	out := maps.Clone(m)
	for k, v := range out {
		out[k] = deepCopyValue(v)
	}
	return out
}

func deepCopyValue(v any) any {
	switch v := v.(type) {
	case map[string]any:
		return deepCopy(v)
	case []any:
		out := make([]any, len(v))
		for i := range v {
			out[i] = deepCopyValue(v[i])
		}
		return out
	default:
		return v
	}
}

// secretKeys are the options paths that hold credentials. "*" stands for any
// key at that level. Each is named as the API spells it; the evidence is the
// go-auth0 v1.49.0 type of the strategy's options (management/connection.go)
// and, where one exists, a recording of a real tenant in
// ../shared/auth0-api/recordings (which shows that Auth0 returns it).
var secretKeys = [][]string{
	// The OAuth2 client secret of the social, enterprise and OIDC strategies
	// (ConnectionOptionsGoogleOAuth2, …GitHub, …OIDC, …Okta, …AzureAD,
	// …GoogleApps, …; TestAccConnectionGoogleOAuth2.yaml,
	// TestAccConnectionTwitter.yaml, TestAccConnectionGoogleApps.yaml).
	{"client_secret"},
	// sms: the Twilio auth token (ConnectionOptionsSMS; TestAccConnectionSMS.yaml).
	{"twilio_token"},
	// oauth1: the consumer secret (ConnectionOptionsOAuth1).
	{"consumer_secret"},
	// sms with a custom gateway: the key signing its tokens
	// (ConnectionGatewayAuthentication; TestAccConnectionCustomSMS.yaml).
	{"gateway_authentication", "secret"},
	// samlp and pingfederate: the private key signing requests
	// (ConnectionOptionsSAMLSigningKey; TestAccConnectionSAML.yaml); cert is
	// the public half.
	{"signing_key", "key"},
	// pingfederate: the private key decrypting assertions
	// (ConnectionOptionsPingFederate.DecryptionKey, json "decryption_key").
	{"decryption_key", "key"},
	// samlp: the same key as go-auth0 and Auth0 spell it for samlp
	// (ConnectionOptionsSAML.DecryptionKey, json "decryptionKey", an object
	// {key, cert}; TestAccConnectionSAML.yaml sends it and reads it back).
	{"decryptionKey", "key"},
	// apple: the private key of the Sign in with Apple service
	// (ConnectionOptionsApple.ClientSecret, json "app_secret";
	// TestAccConnectionApple.yaml: Auth0 returns it on every GET).
	{"app_secret"},
	// google-apps: the Google Workspace admin's OAuth tokens, which read the
	// directory (ConnectionOptionsGoogleApps.AdminAccessToken and
	// AdminRefreshToken, json "admin_access_token", "admin_refresh_token").
	{"admin_access_token"},
	{"admin_refresh_token"},
	// auth0: the values custom database scripts read as configuration.
	{"configuration", "*"},
}

// isSecret reports whether an options path holds a credential.
func isSecret(path []string) bool {
	for _, secret := range allSecretKeys {
		if len(secret) != len(path) {
			continue
		}
		match := true
		for i := range secret {
			if secret[i] != "*" && secret[i] != path[i] {
				match = false
				break
			}
		}
		if match {
			return true
		}
	}
	return false
}

// SecretPath reports whether the dotted options path holds a credential.
func SecretPath(dotted string) bool {
	return isSecret(strings.Split(dotted, "."))
}

// Overlay deep-merges src into dst: objects are merged key by key, any other
// value of src replaces dst's.
func Overlay(dst, src map[string]any) {
	for k, v := range src {
		if srcChild, ok := v.(map[string]any); ok {
			if dstChild, ok := dst[k].(map[string]any); ok {
				Overlay(dstChild, srcChild)
				continue
			}
			v = deepCopy(srcChild)
		}
		dst[k] = deepCopyValue(v)
	}
}

// PlanResult is how the options of an existing connection are planned.
type PlanResult struct {
	// Value is the planned options.
	Value types.Dynamic
	// StopsManaging reports that options left the configuration: the plan
	// shows them becoming null in the state, and apply sends nothing.
	StopsManaging bool
	// RemovedButKept are the keys (dotted) the plan shows as removed that
	// apply leaves in Auth0 (see RemovedButKept).
	RemovedButKept []string
}

// Plan decides the planned options of an existing connection from the
// prior state's and the configuration's, so that the plan shows exactly
// what apply will do:
//   - left out, options stop being managed: null (after an import, where
//     nothing was managed, the prior value stays);
//   - written, and applying them would change nothing (Equivalent), the
//     prior value stays, so the plan shows no difference;
//   - written otherwise, the configuration is the plan.
//
// A configuration not wholly known is the plan as it is. At create, options
// left out are null, so a subset configured later only adds keys.
func Plan(strategy string, prior, config types.Dynamic, imported bool) PlanResult {
	switch {
	case config.IsUnknown():
		return PlanResult{Value: config}
	case config.IsNull():
		if imported || prior.IsNull() {
			return PlanResult{Value: prior}
		}
		return PlanResult{Value: types.DynamicNull(), StopsManaging: true}
	case Equivalent(strategy, prior, config, imported):
		return PlanResult{Value: prior}
	default:
		return PlanResult{Value: config, RemovedButKept: RemovedButKept(strategy, prior, config, imported)}
	}
}
