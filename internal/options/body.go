package options

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// The bodies the provider sends, and the rules a configuration's options
// are checked against before anything is sent.

// Object converts a known options value to a JSON object; nil for null.
func Object(v types.Dynamic) (map[string]any, error) {
	if v.IsNull() || v.IsUnderlyingValueNull() {
		return nil, nil
	}
	j, err := ToJSON(v)
	if err != nil {
		return nil, err
	}
	m, isObject := j.(map[string]any)
	if !isObject {
		return nil, fmt.Errorf("options must be an object, got %s", v.UnderlyingValue().Type(context.Background()))
	}
	return m, nil
}

// errSecretsNotAnObject never quotes the value: it is a secret.
var errSecretsNotAnObject = errors.New("sensitive_options must be a known object")

// CreateOptions is the options of a POST: the planned options with the
// write-only secrets deep-merged into them; nil when there are neither.
// A SecretsError names the secrets, whose value it never quotes.
func CreateOptions(planned, secrets types.Dynamic) (map[string]any, error) {
	opts, err := Object(planned)
	if err != nil {
		return nil, err
	}
	s, err := Object(secrets)
	if err != nil {
		return nil, &SecretsError{errSecretsNotAnObject}
	}
	if opts == nil && s == nil {
		return nil, nil
	}
	if opts == nil {
		opts = map[string]any{}
	}
	Overlay(opts, s)
	return opts, nil
}

// UpdateOptions is the options of a PATCH, built from the server's current
// ones: what the plan changes merged in (when sendOptions, see Merge), the
// write-only secrets laid over them when they are sent again (non-nil).
func UpdateOptions(strategy string, server map[string]any, prior, planned attr.Value, imported, sendOptions bool, secrets types.Dynamic) (map[string]any, error) {
	merged := deepCopy(server)
	if merged == nil {
		merged = map[string]any{}
	}
	if sendOptions {
		var err error
		if merged, err = Merge(strategy, server, prior, planned, imported); err != nil {
			return nil, err
		}
	}
	if !secrets.IsNull() {
		s, err := Object(secrets)
		if err != nil {
			return nil, &SecretsError{errSecretsNotAnObject}
		}
		Overlay(merged, s)
	}
	return merged, nil
}

// SecretsError is an error about sensitive_options.
type SecretsError struct{ Err error }

func (e *SecretsError) Error() string { return e.Err.Error() }
func (e *SecretsError) Unwrap() error { return e.Err }

// SetTwice returns the keys both objects set, where at least one side is
// not an object (objects on both sides merge key by key): it is not clear
// which to send.
func SetTwice(plain, secret map[string]any) []Violation {
	var out []Violation
	var walk func(a, b map[string]any, path []string)
	walk = func(a, b map[string]any, path []string) {
		for _, k := range sortedKeys(b) {
			av, ok := a[k]
			if !ok {
				continue
			}
			p := append(append([]string(nil), path...), k)
			aObj, aIsObj := av.(map[string]any)
			bObj, bIsObj := b[k].(map[string]any)
			if aIsObj && bIsObj {
				walk(aObj, bObj, p)
				continue
			}
			out = append(out, Violation{Path: p, Message: "is set both in options and in sensitive_options"})
		}
	}
	walk(plain, secret, nil)
	return out
}

// PlainSecrets returns the secret keys set (not null) in plain options,
// where the state and plans would show them.
func PlainSecrets(plain map[string]any) []Violation {
	var out []Violation
	var walk func(m map[string]any, path []string)
	walk = func(m map[string]any, path []string) {
		for _, k := range sortedKeys(m) {
			v := m[k]
			p := append(append([]string(nil), path...), k)
			if v == nil {
				continue
			}
			if isSecret(p) {
				out = append(out, Violation{Path: p, Message: "holds a secret"})
				continue
			}
			if child, ok := v.(map[string]any); ok {
				walk(child, p)
			}
		}
	}
	walk(plain, nil)
	sort.Slice(out, func(i, j int) bool { return strings.Join(out[i].Path, ".") < strings.Join(out[j].Path, ".") })
	return out
}
