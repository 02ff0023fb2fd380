package auth0api

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"
	"time"
)

// Bounds of the lookup that settles an ambiguous create once the
// operation's own context is done (Ctrl-C, or its timeout): seconds, so that
// Terraform still stops promptly.
var (
	// postAnswerGrace is how long a POST that went out whole may still
	// take to answer after its context is done: an answer that comes is the
	// created connection, which must reach the state.
	postAnswerGrace = 5 * time.Second
	// resolveTimeout bounds the lookup by name (and the check of its
	// applications) that follows when no answer came.
	resolveTimeout = 10 * time.Second
)

// maxResolveAttempts bounds the tries of each request of that lookup.
const maxResolveAttempts = 3

// resolveContext returns ctx while it is live, or else a fresh context
// with ctx's values, bounded by resolveTimeout, whose requests make at most
// maxResolveAttempts tries.
func resolveContext(ctx context.Context) (context.Context, context.CancelFunc) {
	if ctx.Err() == nil {
		return ctx, func() {}
	}
	fresh, cancel := context.WithTimeout(context.WithoutCancel(ctx), resolveTimeout)
	return withAttemptLimit(fresh, maxResolveAttempts), cancel
}

type attemptLimitKey struct{}

func withAttemptLimit(ctx context.Context, n int) context.Context {
	return context.WithValue(ctx, attemptLimitKey{}, n)
}

// attemptLimit is the most tries one request of ctx may make.
func attemptLimit(ctx context.Context, def int) int {
	if n, ok := ctx.Value(attemptLimitKey{}).(int); ok && n < def {
		return n
	}
	return def
}

// findCreated looks up the connection named as in requested and returns it
// when it is provably the one this request creates (see matchesRequest), or
// nil with whether one by that name exists and the reason it is not
// adopted. err reports a lookup that failed.
// FindCreated looks up, on a later run, the connection an unresolved create
// (UnresolvedCreateError) may have made: the one named as requested, when
// it is provably the one requested (the adoption rule of CreateConnection);
// nil when there is none, or it is not.
func (c *Client) FindCreated(ctx context.Context, requested *Connection) (*Connection, error) {
	found, _, _, err := c.findCreated(ctx, requested)
	return found, err
}

func (c *Client) findCreated(ctx context.Context, requested *Connection) (found *Connection, exists bool, reason string, err error) {
	name := ""
	if requested.Name != nil {
		name = *requested.Name
	}
	existing, err := c.FindConnectionByName(ctx, name)
	if err != nil {
		return nil, false, "", err
	}
	if existing == nil {
		return nil, false, "no connection has this name", nil
	}
	if reason := matchesRequest(existing, requested); reason != "" {
		return nil, true, reason, nil
	}
	// A connection in use predates the create: nothing in the run that
	// created it could enable it for an application before Terraform knew
	// its id.
	clients, err := c.EnabledClients(ctx, existing.ID)
	if err != nil {
		return nil, true, "", err
	}
	if len(clients) > 0 {
		return nil, true, fmt.Sprintf("it is enabled for %d application(s)", len(clients)), nil
	}
	return existing, true, "", nil
}

// matchesRequest returns "" when the existing connection holds everything
// the create request sets: the same name and strategy, and for every other
// attribute and every option (leaf by leaf) the request sets, the same
// value. Otherwise it says what differs (names, never values: options may
// hold secrets). Values Auth0 does not show back as sent, such as the
// sealed options.configuration, differ, so such a connection is never
// adopted: an unprovable match is no match.
func matchesRequest(existing, requested *Connection) string {
	switch {
	case requested.Name == nil || existing.Name == nil || *existing.Name != *requested.Name:
		return "its name differs"
	case requested.Strategy == nil || existing.Strategy == nil || *existing.Strategy != *requested.Strategy:
		return "its strategy differs"
	}
	type attr struct {
		name               string
		requested, current any
	}
	for _, a := range []attr{
		{"display_name", requested.DisplayName, existing.DisplayName},
		{"is_domain_connection", requested.IsDomainConnection, existing.IsDomainConnection},
		{"show_as_button", requested.ShowAsButton, existing.ShowAsButton},
		{"realms", requested.Realms, existing.Realms},
		{"authentication", requested.Authentication, existing.Authentication},
		{"connected_accounts", requested.ConnectedAccounts, existing.ConnectedAccounts},
	} {
		if reflect.ValueOf(a.requested).IsNil() {
			continue
		}
		if reflect.ValueOf(a.current).IsNil() || !reflect.DeepEqual(a.requested, a.current) {
			return a.name + " differs"
		}
	}
	if requested.Metadata != nil {
		var current map[string]string
		if existing.Metadata != nil {
			current = *existing.Metadata
		}
		if !maps.Equal(*requested.Metadata, current) {
			return "metadata differs"
		}
	}
	if len(bytes.TrimSpace(requested.Options)) == 0 {
		return ""
	}
	want, err := decodeJSON(requested.Options)
	if err != nil {
		return "the requested options are not JSON"
	}
	var have any = map[string]any{}
	if len(bytes.TrimSpace(existing.Options)) > 0 {
		if have, err = decodeJSON(existing.Options); err != nil {
			return "its options are not JSON"
		}
	}
	if path, ok := containsJSON(have, want, nil); !ok {
		if len(path) == 0 {
			return "its options differ"
		}
		return "options." + strings.Join(path, ".") + " differs"
	}
	return ""
}

func decodeJSON(raw []byte) (any, error) {
	var v any
	d := json.NewDecoder(bytes.NewReader(raw))
	d.UseNumber()
	err := d.Decode(&v)
	return v, err
}

// containsJSON reports whether have holds want: every key of a wanted
// object, recursively, with an equal value; anything else (arrays included)
// equal as a whole. A wanted null matches a missing key. It returns the
// path of the first difference.
func containsJSON(have, want any, path []string) ([]string, bool) {
	wantObj, ok := want.(map[string]any)
	if !ok {
		return path, jsonValueEqual(have, want)
	}
	haveObj, ok := have.(map[string]any)
	if !ok {
		return path, false
	}
	for _, k := range slices.Sorted(maps.Keys(wantObj)) {
		h, present := haveObj[k]
		if !present && wantObj[k] == nil {
			continue
		}
		if !present {
			return append(path, k), false
		}
		if p, ok := containsJSON(h, wantObj[k], append(slices.Clip(path), k)); !ok {
			return p, false
		}
	}
	return nil, true
}

// jsonValueEqual compares decoded JSON values, numbers by value.
func jsonValueEqual(a, b any) bool {
	switch a := a.(type) {
	case json.Number:
		bn, ok := b.(json.Number)
		if !ok {
			return false
		}
		if a == bn {
			return true
		}
		af, err1 := a.Float64()
		bf, err2 := bn.Float64()
		return err1 == nil && err2 == nil && af == bf
	case []any:
		bs, ok := b.([]any)
		if !ok || len(a) != len(bs) {
			return false
		}
		for i := range a {
			if !jsonValueEqual(a[i], bs[i]) {
				return false
			}
		}
		return true
	case map[string]any:
		bm, ok := b.(map[string]any)
		if !ok || len(a) != len(bm) {
			return false
		}
		for k, v := range a {
			w, ok := bm[k]
			if !ok || !jsonValueEqual(v, w) {
				return false
			}
		}
		return true
	default:
		return a == b
	}
}
