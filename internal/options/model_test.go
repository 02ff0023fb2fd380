package options

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// A model-based test of the options rules: seeded random sequences of
// configuration edits (objects, maps, removals, `{}`, options left out),
// changes made outside Terraform, and imports with and without a
// configuration, run through the same functions the resource calls (Plan,
// Merge, Project, Imported) against a model of Auth0 that adds defaults on
// create, replaces options wholesale on update and keeps the keys it keeps.
// After every apply:
//   - no unmanaged key is ever dropped;
//   - the plan's options difference equals the server's difference on the
//     managed keys (and an apply without refresh changes only what its plan
//     shows);
//   - one apply converges: the next refresh and plan show no difference.

const modelStrategy = "auth0"

// modelServer is one auth0 connection's options as Auth0 holds them.
type modelServer struct{ opts map[string]any }

func (s *modelServer) create(opts map[string]any) {
	s.opts = deepCopy(opts)
	if s.opts == nil {
		s.opts = map[string]any{}
	}
	for k, v := range map[string]any{
		"mfa":                    map[string]any{"active": true, "return_enroll_settings": true},
		"strategy_version":       json.Number("2"),
		"brute_force_protection": true,
		"passkey_options":        map[string]any{"challenge_ui": "both"},
	} {
		if _, ok := s.opts[k]; !ok {
			s.opts[k] = v
		}
	}
}

// patch replaces the options wholesale, but for the keys Auth0 keeps.
func (s *modelServer) patch(opts map[string]any) {
	next := deepCopy(opts)
	for k, v := range s.opts {
		if _, sent := next[k]; !sent && kept(modelStrategy, []string{k}) {
			next[k] = v
		}
	}
	s.opts = next
}

// modelTerraform is the connection's state as Terraform keeps it.
type modelTerraform struct {
	state    types.Dynamic
	imported bool
}

func (m *modelTerraform) refresh(server map[string]any) {
	if m.imported {
		m.state = Imported(modelStrategy, server)
		return
	}
	m.state = Project(modelStrategy, server, m.state)
}

// randomConfig is a configuration's options: nil when left out.
func randomConfig(r *rand.Rand) map[string]any {
	switch r.IntN(10) {
	case 0:
		return nil
	case 1:
		return map[string]any{}
	}
	c := map[string]any{}
	for _, k := range []string{"a", "b", "c", "brute_force_protection", "n", "l", "mfa"} {
		if r.IntN(2) == 0 {
			continue
		}
		c[k] = randomValue(r, k)
	}
	return c
}

func randomValue(r *rand.Rand, key string) any {
	switch key {
	case "brute_force_protection":
		return r.IntN(2) == 0
	case "mfa":
		return map[string]any{"active": r.IntN(2) == 0}
	case "n":
		n := map[string]any{}
		for _, k := range []string{"x", "y"} {
			if r.IntN(3) > 0 {
				n[k] = fmt.Sprint("v", r.IntN(3))
			}
		}
		return n
	case "l":
		return []any{fmt.Sprint("e", r.IntN(2)), json.Number(fmt.Sprint(r.IntN(3)))}
	}
	switch r.IntN(4) {
	case 0:
		return json.Number(fmt.Sprint(r.IntN(3)))
	case 1:
		return r.IntN(2) == 0
	case 2:
		return nil
	default:
		return fmt.Sprint("s", r.IntN(3))
	}
}

// configValue is the Terraform value of a configuration: objects, or maps
// where every value is a string and the dice say so (options = var.m).
func configValue(r *rand.Rand, c map[string]any) types.Dynamic {
	if c == nil {
		return types.DynamicNull()
	}
	return types.DynamicValue(toValue(r, c))
}

func toValue(r *rand.Rand, j any) attr.Value {
	m, ok := j.(map[string]any)
	if !ok {
		return FromJSON(j)
	}
	allStrings := len(m) > 0
	for _, v := range m {
		if _, ok := v.(string); !ok {
			allStrings = false
		}
	}
	if allStrings && r.IntN(2) == 0 {
		elems := map[string]attr.Value{}
		for k, v := range m {
			s, _ := v.(string)
			elems[k] = types.StringValue(s)
		}
		return types.MapValueMust(types.StringType, elems)
	}
	attrs := map[string]attr.Value{}
	for k, v := range m {
		attrs[k] = toValue(r, v)
	}
	return objectOf(attrs)
}

// outOfBand changes the server as a person in the dashboard would.
func outOfBand(r *rand.Rand, s *modelServer) string {
	keys := sortedKeys(s.opts)
	switch r.IntN(3) {
	case 0:
		if len(keys) > 0 {
			k := keys[r.IntN(len(keys))]
			delete(s.opts, k)
			return "delete " + k
		}
	case 1:
		k := []string{"a", "b", "n", "brute_force_protection", "mfa"}[r.IntN(5)]
		s.opts[k] = randomValue(r, k)
		return "set " + k
	}
	s.opts["z"] = fmt.Sprint("unmanaged", r.IntN(9))
	return "add z"
}

func TestOptionsModel(t *testing.T) {
	sequences := 3000
	if testing.Short() {
		sequences = 300
	}
	for seed := range uint64(sequences) {
		runModelSequence(t, seed)
		if t.Failed() {
			return
		}
	}
}

func runModelSequence(t *testing.T, seed uint64) {
	r := rand.New(rand.NewPCG(seed, 0x5eed))
	var steps []string
	fail := func(format string, args ...any) {
		t.Helper()
		t.Fatalf("seed %d, after steps:\n  %s\n%s", seed, strings.Join(steps, "\n  "), fmt.Sprintf(format, args...))
	}

	server := &modelServer{}
	tf := &modelTerraform{}
	config := randomConfig(r)
	cv := configValue(r, config)
	server.create(mustJSONObject(cv))
	tf.state = cv
	steps = append(steps, "create "+show(config))

	for range 12 {
		switch r.IntN(5) {
		case 0:
			steps = append(steps, "outside Terraform: "+outOfBand(r, server))
			continue
		case 1:
			// terraform import next to the configuration, or with a
			// generated one.
			tf.state, tf.imported = Imported(modelStrategy, server.opts), true
			if r.IntN(3) == 0 {
				generated, _ := ToJSON(tf.state)
				config, _ = generated.(map[string]any)
				steps = append(steps, "import, generate the configuration")
			} else {
				steps = append(steps, "import")
			}
		default:
			config = randomConfig(r)
			steps = append(steps, "configure "+show(config))
		}
		refreshed := r.IntN(6) > 0
		if refreshed {
			tf.refresh(server.opts)
		} else {
			steps[len(steps)-1] += " (apply -refresh=false)"
		}
		cv := configValue(r, config)
		applyModel(t, fail, server, tf, cv, refreshed)

		// One apply converges (after an apply without refresh, drift its
		// plan could not see is still to be shown).
		tf.refresh(server.opts)
		if !refreshed {
			continue
		}
		next := Plan(modelStrategy, tf.state, configValue(r, config), tf.imported)
		if !next.Value.Equal(tf.state) || next.StopsManaging {
			fail("the plan after apply is not empty:\n state  %s\n config %s\n plan   %s", tf.state, show(config), next.Value)
		}
	}
}

func applyModel(t *testing.T, fail func(string, ...any), server *modelServer, tf *modelTerraform, config types.Dynamic, refreshed bool) {
	t.Helper()
	prior, imported := tf.state, tf.imported
	planned := Plan(modelStrategy, prior, config, imported)
	before := deepCopy(server.opts)

	send := !config.IsNull() && !planned.Value.Equal(prior)
	if send {
		body, err := Merge(modelStrategy, server.opts, prior, planned.Value, imported)
		if err != nil {
			fail("Merge: %v", err)
		}
		server.patch(body)
	}
	tf.state = planned.Value
	tf.imported = imported && !send
	after := server.opts

	priorJSON, _ := ToJSON(prior)
	plannedJSON, _ := ToJSON(planned.Value)
	priorMap, _ := priorJSON.(map[string]any)
	plannedMap, _ := plannedJSON.(map[string]any)

	// No unmanaged key is ever dropped.
	managedBefore := priorMap
	if imported {
		managedBefore = nil
	}
	if msg := unmanagedKept(nil, before, after, managedBefore, plannedMap); msg != "" {
		fail("%s\n before %s\n after  %s", msg, show(before), show(after))
	}
	if planned.StopsManaging {
		if !jsonEqual(before, after) {
			fail("options left the configuration, yet the server changed:\n before %s\n after  %s", show(before), show(after))
		}
		return
	}

	// The plan's difference is the server's, on the managed keys.
	keptPaths := planned.RemovedButKept
	for _, p := range leafPaths(priorJSON, plannedJSON) {
		planChanged := changedAt(priorJSON, plannedJSON, p)
		serverChanged := changedAt(before, after, p)
		if removesNull(priorJSON, plannedJSON, p) && !underAny(p, keptPaths) {
			// The plan shows a key that is null (gone from Auth0 at the
			// refresh) removed: apply removes whatever is there.
			if !isAbsent(after, p) {
				fail("options.%s was shown as removed, the server holds %s", strings.Join(p, "."), show(valueAt(after, p)))
			}
			continue
		}
		if underAny(p, keptPaths) {
			if serverChanged {
				fail("options.%s was shown as removed but kept, yet the server changed it:\n before %s\n after  %s", strings.Join(p, "."), show(before), show(after))
			}
			continue
		}
		// A key not managed before shows as added, whatever Auth0 held:
		// the plan starts managing it (checked below: Auth0 then holds
		// the planned value).
		newlyManaged := isAbsent(priorJSON, p)
		if refreshed && !newlyManaged && planChanged != serverChanged {
			fail("options.%s: the plan changes it: %v, the server changed: %v\n prior   %s\n planned %s\n before  %s\n after   %s",
				strings.Join(p, "."), planChanged, serverChanged, show(priorJSON), show(plannedJSON), show(before), show(after))
		}
		if planChanged && !equalAt(plannedJSON, after, p) && (!imported || !isAbsent(plannedJSON, p)) {
			fail("options.%s was planned as %s, the server holds %s", strings.Join(p, "."), show(valueAt(plannedJSON, p)), show(valueAt(after, p)))
		}
	}
	// Nothing else changes: every path the server changed, the plan showed.
	for _, p := range leafPaths(before, after) {
		if changedAt(before, after, p) && !changedAt(priorJSON, plannedJSON, p) && !removesNull(priorJSON, plannedJSON, p) {
			fail("options.%s changed on the server, but the plan did not show it:\n prior   %s\n planned %s\n before  %s\n after   %s",
				strings.Join(p, "."), show(priorJSON), show(plannedJSON), show(before), show(after))
		}
	}
}

// unmanagedKept returns a message when a key of before that neither prior
// (managed before) nor planned names is gone or changed in after.
func unmanagedKept(path []string, before, after, prior, planned map[string]any) string {
	for _, k := range sortedKeys(before) {
		p := append(slices.Clone(path), k)
		_, wasManaged := prior[k]
		plannedV, isManaged := planned[k]
		if !wasManaged && !isManaged {
			if !jsonEqual(before[k], after[k]) {
				return fmt.Sprintf("the unmanaged key options.%s was dropped or changed", strings.Join(p, "."))
			}
			continue
		}
		b, bIsMap := before[k].(map[string]any)
		c, cIsMap := plannedV.(map[string]any)
		a, aIsMap := after[k].(map[string]any)
		if bIsMap && cIsMap && aIsMap {
			pm, _ := prior[k].(map[string]any)
			if msg := unmanagedKept(p, b, a, pm, c); msg != "" {
				return msg
			}
		}
	}
	return ""
}

// leafPaths returns the paths of the leaves (values but objects) of a and b.
func leafPaths(a, b any) [][]string {
	seen := map[string][]string{}
	var walk func(v any, path []string)
	walk = func(v any, path []string) {
		m, ok := v.(map[string]any)
		if !ok {
			// An empty object manages nothing inside it: no leaf.
			if len(path) > 0 {
				seen[strings.Join(path, "\x00")] = path
			}
			return
		}
		for k, child := range m {
			walk(child, append(slices.Clone(path), k))
		}
	}
	walk(a, nil)
	walk(b, nil)
	out := make([][]string, 0, len(seen))
	for _, k := range sortedKeys(seen) {
		out = append(out, seen[k])
	}
	return out
}

// valueAt returns the value at path, nil when absent (null and absent are
// the same to Auth0's options).
func valueAt(v any, path []string) any {
	for _, k := range path {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}

func isAbsent(v any, path []string) bool {
	for _, k := range path {
		m, ok := v.(map[string]any)
		if !ok {
			return true
		}
		if v, ok = m[k]; !ok {
			return true
		}
	}
	return false
}

// equalAt compares a and b at path: a key written as null is not an absent
// one.
func equalAt(a, b any, path []string) bool {
	if isAbsent(a, path) != isAbsent(b, path) {
		return false
	}
	av, bv := valueAt(a, path), valueAt(b, path)
	am, aIsMap := av.(map[string]any)
	bm, bIsMap := bv.(map[string]any)
	if aIsMap && bIsMap {
		return jsonEqual(am, bm)
	}
	return jsonEqual(av, bv)
}

// changedAt reports whether b differs from a at path; removing a null is no
// change.
func changedAt(a, b any, path []string) bool {
	if valueAt(a, path) == nil && isAbsent(b, path) {
		return false
	}
	return !equalAt(a, b, path)
}

// removesNull reports whether planned removes a key that is null in prior.
func removesNull(prior, planned any, path []string) bool {
	return !isAbsent(prior, path) && valueAt(prior, path) == nil && isAbsent(planned, path)
}

func underAny(path []string, dotted []string) bool {
	p := strings.Join(path, ".")
	for _, d := range dotted {
		if p == d || strings.HasPrefix(p, d+".") {
			return true
		}
	}
	return false
}

func mustJSONObject(v types.Dynamic) map[string]any {
	j, _ := ToJSON(v)
	m, _ := j.(map[string]any)
	return m
}
