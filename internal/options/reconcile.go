package options

import (
	"context"
	"maps"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
)

// Project returns the server's options seen through the keys the user
// manages: the result has exactly the shape of managed (the value last
// applied or refreshed), so keys the server adds never show as a difference,
// a managed key changed on the server shows as drift, and a managed key the
// server does not return keeps its last value. Secret keys keep their last
// value too: the server returns them encrypted or not at all.
func Project(server map[string]any, managed types.Dynamic) types.Dynamic {
	if managed.IsNull() || managed.IsUnknown() || managed.IsUnderlyingValueNull() || managed.IsUnderlyingValueUnknown() {
		return managed
	}
	return types.DynamicValue(project(server, unwrap(managed), nil))
}

func project(server any, managed attr.Value, path []string) attr.Value {
	if isSecret(path) {
		return managed
	}
	managedChildren, isObject := children(managed)
	if _, isObjectType := managed.(basetypes.ObjectValue); !isObject || !isObjectType {
		return fromJSONAs(server, managed.Type(context.Background()))
	}
	serverObject, ok := server.(map[string]any)
	if !ok {
		if server == nil {
			return managed
		}
		return FromJSON(server)
	}
	attrs := make(map[string]attr.Value, len(managedChildren))
	for k, child := range managedChildren {
		serverChild, present := serverObject[k]
		if !present {
			attrs[k] = child
			continue
		}
		attrs[k] = project(serverChild, unwrap(child), append(path, k))
	}
	return objectOf(attrs)
}

// FromServer returns the server's full options as a Terraform value, for an
// import: every key but the secret ones, which stay on the server.
func FromServer(server map[string]any) types.Dynamic {
	if server == nil {
		return types.DynamicNull()
	}
	return types.DynamicValue(FromJSON(withoutSecrets(server, nil)))
}

func withoutSecrets(m map[string]any, path []string) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		p := append(path, k)
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

// Merge builds the options object to PATCH: the server's current options
// with the managed keys set from planned and the keys that were managed
// before (prior) but are no longer in planned removed. Every other key on the
// server survives, because Auth0 replaces options wholesale on update.
func Merge(server map[string]any, prior, planned attr.Value) (map[string]any, error) {
	out := deepCopy(server)
	if out == nil {
		out = map[string]any{}
	}
	if err := mergeInto(out, prior, planned); err != nil {
		return nil, err
	}
	return out, nil
}

func mergeInto(dst map[string]any, prior, planned attr.Value) error {
	plannedChildren, _ := children(planned)
	priorChildren, _ := children(prior)
	for k := range priorChildren {
		if _, kept := plannedChildren[k]; !kept {
			delete(dst, k)
		}
	}
	for _, k := range sortedKeys(plannedChildren) {
		child := plannedChildren[k]
		if _, isObject := children(child); isObject {
			if serverChild, ok := dst[k].(map[string]any); ok {
				if err := mergeInto(serverChild, priorChildren[k], child); err != nil {
					return prefixed(k, err)
				}
				continue
			}
		}
		j, err := ToJSON(child)
		if err != nil {
			return prefixed(k, err)
		}
		dst[k] = j
	}
	return nil
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
// key at that level.
var secretKeys = [][]string{
	{"client_secret"},
	{"twilio_token"},
	{"consumer_secret"},
	{"gateway_authentication", "secret"},
	{"signing_key", "key"},
	{"decryption_key", "key"},
	{"configuration", "*"},
}

// isSecret reports whether an options path holds a credential.
func isSecret(path []string) bool {
	for _, secret := range secretKeys {
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
