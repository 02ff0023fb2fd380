package options

import (
	"encoding/json"
	"fmt"
	"math/big"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
)

// The fuzz targets below run their seeds (f.Add and the committed corpus in
// testdata/fuzz/<Target>) on every `go test`; fuzz one with, for example,
//
//	go test ./internal/options/ -run '^$' -fuzz '^FuzzMerge$' -fuzztime 60s -fuzzminimizetime 5s -parallel 1
//
// (without -fuzzminimizetime the fuzzer may spend up to a minute shrinking
// each new interesting input, and execs stall meanwhile). Every input is a JSON text; inputs that are not a JSON object are skipped.

// maxFuzzInput bounds the inputs so that the fuzzer spends its time on
// shapes rather than on long strings.
const maxFuzzInput = 4096

// fuzzObject decodes a fuzz input that must be a JSON object, and reports
// false for anything else (including null).
func fuzzObject(s string) (map[string]any, bool) {
	if len(s) > maxFuzzInput {
		return nil, false
	}
	m, err := Decode([]byte(s))
	if err != nil || m == nil {
		return nil, false
	}
	return m, true
}

// fuzzServer decodes a server's options: a JSON object, or null for a
// connection without options.
func fuzzServer(s string) (map[string]any, bool) {
	if len(s) > maxFuzzInput {
		return nil, false
	}
	m, err := Decode([]byte(s))
	if err != nil {
		return nil, false
	}
	return m, true
}

// fuzzPrior decodes a prior value: a JSON object, or null when nothing was
// managed before.
func fuzzPrior(s string) (types.Dynamic, map[string]any, bool) {
	m, ok := fuzzServer(s)
	if !ok {
		return types.DynamicNull(), nil, false
	}
	if m == nil {
		return types.DynamicNull(), nil, true
	}
	return types.DynamicValue(FromJSON(m)), m, true
}

// jsonSameShape compares two decoded JSON values like jsonEqual, but takes
// any two numbers as equal.
func jsonSameShape(a, b any) bool {
	switch a := a.(type) {
	case map[string]any:
		bm, ok := b.(map[string]any)
		if !ok || len(a) != len(bm) {
			return false
		}
		for k, av := range a {
			bv, ok := bm[k]
			if !ok || !jsonSameShape(av, bv) {
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
			if !jsonSameShape(a[i], bs[i]) {
				return false
			}
		}
		return true
	case json.Number:
		_, ok := b.(json.Number)
		return ok
	default:
		return jsonEqual(a, b)
	}
}

// show renders a decoded JSON value for a failure message.
func show(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprintf("%#v (%v)", v, err)
	}
	return string(b)
}

// dotted names the key k under path, for a failure message.
func dotted(path []string, k string) string {
	return strings.Join(append(append([]string(nil), path...), k), ".")
}

// maxFuzzExponent is the largest binary exponent, either way, of a number
// the fuzz targets treat as ordinary: far beyond what float64 (and so the
// Auth0 API) can hold, and small enough that writing it costs microseconds.
const maxFuzzExponent = 4096

// ordinaryNumbers reports whether every number in a decoded JSON value is
// finite at numberPrecision and within 2^±maxFuzzExponent.
func ordinaryNumbers(j any) bool {
	switch j := j.(type) {
	case map[string]any:
		for _, v := range j {
			if !ordinaryNumbers(v) {
				return false
			}
		}
	case []any:
		for _, v := range j {
			if !ordinaryNumbers(v) {
				return false
			}
		}
	case json.Number:
		f, _, err := big.ParseFloat(string(j), 10, numberPrecision, big.ToNearestEven)
		if err != nil || f.IsInf() {
			return false
		}
		if e := f.MantExp(nil); e > maxFuzzExponent || e < -maxFuzzExponent {
			return false
		}
	}
	return true
}

// extremeBudget is how long ToJSON may take on a value holding numbers
// beyond maxFuzzExponent. Writing an ordinary number takes microseconds; the
// budget only has to tell that apart from a conversion whose cost grows with
// the exponent (the fuzzer's own limit is 10 seconds).
const extremeBudget = 2 * time.Second

// FuzzConvertRoundTrip checks that a JSON object survives the trip through a
// Terraform value: ToJSON(FromJSON(j)) is j, with every number kept exactly,
// and what ToJSON returns is JSON that encoding/json can write. For numbers
// beyond 2^±maxFuzzExponent, far past anything float64 holds, ToJSON may
// refuse (return an error) or round, but it must answer promptly, write
// valid JSON and keep every number a number.
func FuzzConvertRoundTrip(f *testing.F) {
	for _, seed := range []string{
		`{}`,
		`{"a":null}`,
		`{"a":"x","b":true,"c":1.5,"d":[],"e":{}}`,
		`{"list":[{"a":1},{"b":"two"},[3,"x"],null]}`,
		`{"big":12345678901234567890,"small":-3.25e-7,"frac":0.1}`,
		`{"ключ":"значение","日本":{"🔑":[true,false]},"":"empty key"}`,
		`{"client_secret":"s","configuration":{"x":"y"},"signing_key":{"key":"k"}}`,
	} {
		f.Add(seed)
	}
	f.Fuzz(roundTripProperty)
}

// roundTripProperty is the body of FuzzConvertRoundTrip.
func roundTripProperty(t *testing.T, in string) {
	j, ok := fuzzObject(in)
	if !ok {
		t.Skip("not a JSON object")
	}
	v := FromJSON(j)
	if _, isObject := v.(basetypes.ObjectValue); !isObject {
		t.Fatalf("FromJSON(%s) = %T, want an object", in, v)
	}
	if !ordinaryNumbers(j) {
		// Run the conversion aside so that one whose cost grows with the
		// exponent fails the test instead of hanging it.
		var back any
		var err error
		done := make(chan struct{})
		go func() {
			defer close(done)
			back, err = ToJSON(types.DynamicValue(v))
		}()
		select {
		case <-done:
		case <-time.After(extremeBudget):
			t.Fatalf("ToJSON(FromJSON(%s)) took more than %s", in, extremeBudget)
		}
		if err != nil {
			return // Refusing a number this far out is fine.
		}
		if _, err := json.Marshal(back); err != nil {
			t.Fatalf("ToJSON(FromJSON(%s)) gave a value encoding/json cannot write: %v", in, err)
		}
		if !jsonSameShape(j, back) {
			t.Fatalf("round trip of %s gave %s", in, show(back))
		}
		return
	}
	back, err := ToJSON(types.DynamicValue(v))
	if err != nil {
		t.Fatalf("ToJSON(FromJSON(%s)): %v", in, err)
	}
	if _, err := json.Marshal(back); err != nil {
		t.Fatalf("round trip of %s gave a value encoding/json cannot write: %v", in, err)
	}
	if !jsonEqual(j, back) {
		t.Fatalf("round trip of %s gave %s", show(j), show(back))
	}
}

// FuzzMerge checks what Merge sends: the planned keys with their planned
// values, no key that was managed and no longer is, and every other server
// key untouched, without changing the server value it was given.
func FuzzMerge(f *testing.F) {
	for _, seed := range [][3]string{
		{`{"a":1,"b":2}`, `{"a":1}`, `{"a":5}`},
		{`{"b":2}`, `null`, `{"a":1}`},
		{`null`, `null`, `{"a":1}`},
		{`{"v":{"u":{"min":1,"max":9}},"z":1}`, `{"v":{"u":{"max":9}}}`, `{"v":{"u":{"max":5}}}`},
		{`{"v":{"a":1,"b":2,"c":3}}`, `{"v":{"a":1,"b":2}}`, `{"v":{"a":1}}`},
		{`{"a":"text","b":{"c":1}}`, `{"a":{"x":1}}`, `{"a":{"x":2},"b":"now a string"}`},
	} {
		f.Add(seed[0], seed[1], seed[2])
	}
	f.Fuzz(mergeProperty)
}

// mergeProperty is the body of FuzzMerge.
func mergeProperty(t *testing.T, serverIn, priorIn, plannedIn string) {
	server, ok := fuzzServer(serverIn)
	if !ok {
		t.Skip("server is not a JSON object or null")
	}
	prior, priorJSON, ok := fuzzPrior(priorIn)
	if !ok {
		t.Skip("prior is not a JSON object or null")
	}
	plannedJSON, ok := fuzzObject(plannedIn)
	if !ok {
		t.Skip("planned is not a JSON object")
	}
	if !ordinaryNumbers(plannedJSON) {
		// Merge writes planned numbers with ToJSON: FuzzConvertRoundTrip
		// covers numbers this far out.
		t.Skip("planned holds a number beyond 2^±maxFuzzExponent")
	}
	got, err := Merge("auth0", server, prior, types.DynamicValue(FromJSON(plannedJSON)), false)
	if err != nil {
		t.Fatalf("Merge: %v", err)
	}
	untouched, err := Decode([]byte(serverIn))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(server, untouched) {
		t.Fatalf("Merge changed its server input:\n got  %s\n want %s", show(server), show(untouched))
	}
	if got == nil {
		t.Fatal("Merge returned a nil object")
	}
	if _, err := json.Marshal(got); err != nil {
		t.Fatalf("Merge returned a value encoding/json cannot write: %v", err)
	}
	checkMerged(t, nil, server, priorJSON, plannedJSON, got)
}

// checkMerged checks one object level of a Merge result against the server,
// prior and planned objects at that level.
func checkMerged(t *testing.T, path []string, server map[string]any, prior any, planned, got map[string]any) {
	t.Helper()
	priorObject, _ := prior.(map[string]any)
	for _, k := range sortedKeys(planned) {
		want := planned[k]
		have, present := got[k]
		if pv, had := priorObject[k]; had && jsonEqual(pv, want) {
			// Unchanged by the plan: left as the server holds it.
			sv, onServer := server[k]
			if present != onServer || onServer && !jsonEqual(have, sv) {
				t.Fatalf("%s is unchanged by the plan, but is sent as %s (server %s)", dotted(path, k), show(have), show(sv))
			}
			continue
		}
		if !present {
			t.Fatalf("planned key %s is missing from %s", dotted(path, k), show(got))
		}
		wantObject, isObject := want.(map[string]any)
		serverObject, serverIsObject := server[k].(map[string]any)
		if !isObject || !serverIsObject {
			if !jsonEqual(have, want) {
				t.Fatalf("%s = %s, planned %s", dotted(path, k), show(have), show(want))
			}
			continue
		}
		haveObject, ok := have.(map[string]any)
		if !ok {
			t.Fatalf("%s = %s, planned the object %s", dotted(path, k), show(have), show(want))
		}
		checkMerged(t, append(path, k), serverObject, priorObject[k], wantObject, haveObject)
	}
	for _, k := range sortedKeys(priorObject) {
		if _, kept := planned[k]; kept {
			continue
		}
		if v, present := got[k]; present {
			t.Fatalf("%s was managed and removed from the plan, but is sent as %s", dotted(path, k), show(v))
		}
	}
	for _, k := range sortedKeys(server) {
		if _, managed := planned[k]; managed {
			continue
		}
		if _, managed := priorObject[k]; managed {
			continue
		}
		have, present := got[k]
		if !present {
			t.Fatalf("unmanaged server key %s (%s) was dropped", dotted(path, k), show(server[k]))
		}
		if !jsonEqual(have, server[k]) {
			t.Fatalf("unmanaged server key %s = %s, server has %s", dotted(path, k), show(have), show(server[k]))
		}
	}
	for _, k := range sortedKeys(got) {
		_, fromServer := server[k]
		_, fromPlan := planned[k]
		if !fromServer && !fromPlan {
			t.Fatalf("%s = %s is neither on the server nor planned", dotted(path, k), show(got[k]))
		}
	}
}

// FuzzProjectMerged checks that what Merge sends reads back as the
// configuration: projecting the merged options through the planned value
// gives the planned value, so the apply is consistent and the next plan is
// empty.
func FuzzProjectMerged(f *testing.F) {
	for _, seed := range [][3]string{
		{`{"a":1,"b":2}`, `{"a":1}`, `{"a":5}`},
		{`null`, `null`, `{"a":{"b":[1,{"c":null}]}}`},
		{`{"a":"text"}`, `null`, `{"a":{"b":1}}`},
		{`{"client_secret":"ENC","configuration":{"k":"ENC"}}`, `{"configuration":{"k":"v"}}`, `{"client_secret":"new","configuration":{"k":"v2"}}`},
	} {
		f.Add(seed[0], seed[1], seed[2])
	}
	f.Fuzz(projectMergedProperty)
}

// projectMergedProperty is the body of FuzzProjectMerged.
func projectMergedProperty(t *testing.T, serverIn, priorIn, plannedIn string) {
	server, ok := fuzzServer(serverIn)
	if !ok {
		t.Skip("server is not a JSON object or null")
	}
	prior, _, ok := fuzzPrior(priorIn)
	if !ok {
		t.Skip("prior is not a JSON object or null")
	}
	plannedJSON, ok := fuzzObject(plannedIn)
	if !ok {
		t.Skip("planned is not a JSON object")
	}
	if !ordinaryNumbers(plannedJSON) {
		// Merge writes planned numbers with ToJSON: FuzzConvertRoundTrip
		// covers numbers this far out.
		t.Skip("planned holds a number beyond 2^±maxFuzzExponent")
	}
	planned := types.DynamicValue(FromJSON(plannedJSON))
	// Apply follows a refresh: prior shows the server's values.
	prior = Project("auth0", server, prior)
	merged, err := Merge("auth0", server, prior, planned, false)
	if err != nil {
		t.Fatalf("Merge: %v", err)
	}
	got := Project("auth0", merged, planned)
	if !got.Equal(planned) {
		t.Fatalf("Project(Merge(...), planned) differs from planned:\n merged  %s\n got     %s\n planned %s", show(merged), got, planned)
	}
}

// FuzzProjectShape checks Project on any server and managed objects, and
// that keys the server adds, at any object level and inside list elements,
// never show: a server holding the managed value plus extra keys projects to
// exactly the managed value.
func FuzzProjectShape(f *testing.F) {
	for _, seed := range [][2]string{
		{`{"a":1,"brute_force_protection":true,"mfa":{"active":true}}`, `{"a":1}`},
		{`{"v":{"u":{"min":1,"max":9,"extra":true}},"z":1}`, `{"v":{"u":{"max":5}}}`},
		{`{"l":[{"a":1,"b":2}]}`, `{"l":[{"a":1}]}`},
		{`{"a":"text"}`, `{"a":{"b":1}}`},
		{`{"client_secret":"ENC","configuration":{"foo":"CkIK"}}`, `{"client_secret":"plain","configuration":{"foo":"bar"}}`},
		{`null`, `{"a":1}`},
	} {
		f.Add(seed[0], seed[1])
	}
	f.Fuzz(projectShapeProperty)
}

// projectShapeProperty is the body of FuzzProjectShape.
func projectShapeProperty(t *testing.T, serverIn, managedIn string) {
	server, ok := fuzzServer(serverIn)
	if !ok {
		t.Skip("server is not a JSON object or null")
	}
	managedJSON, ok := fuzzObject(managedIn)
	if !ok {
		t.Skip("managed is not a JSON object")
	}
	managed := types.DynamicValue(FromJSON(managedJSON))

	// Any server: no panic, exactly the managed keys, secrets kept.
	got := Project("auth0", server, managed)
	checkProjected(t, nil, unwrap(got), unwrap(managed))

	// The managed value plus whatever the server adds projects to the
	// managed value.
	withExtras, ok := addExtras(server, managedJSON).(map[string]any)
	if !ok {
		t.Fatalf("addExtras of an object is not an object")
	}
	if got := Project("auth0", withExtras, managed); !got.Equal(managed) {
		t.Fatalf("server keys show through:\n server  %s\n got     %s\n managed %s", show(withExtras), got, managed)
	}
}

// checkProjected checks one object level of a projection: it has exactly the
// managed keys, and a secret key keeps its managed value.
func checkProjected(t *testing.T, path []string, got, managed attr.Value) {
	t.Helper()
	gotObject, gotIsObject := got.(basetypes.ObjectValue)
	managedObject, managedIsObject := managed.(basetypes.ObjectValue)
	if !gotIsObject || !managedIsObject || gotObject.IsNull() {
		// A managed object the server no longer has projects to null.
		return
	}
	gotAttrs, managedAttrs := gotObject.Attributes(), managedObject.Attributes()
	if gotKeys, managedKeys := sortedKeys(gotAttrs), sortedKeys(managedAttrs); !reflect.DeepEqual(gotKeys, managedKeys) {
		t.Fatalf("projection at %q has keys %q, managed has %q", strings.Join(path, "."), gotKeys, managedKeys)
	}
	for _, k := range sortedKeys(managedAttrs) {
		p := append(append([]string(nil), path...), k)
		if isSecret(p) {
			if !gotAttrs[k].Equal(managedAttrs[k]) {
				t.Fatalf("secret %s projected to %s, managed %s", strings.Join(p, "."), gotAttrs[k], managedAttrs[k])
			}
			continue
		}
		checkProjected(t, p, unwrap(gotAttrs[k]), unwrap(managedAttrs[k]))
	}
}

// addExtras returns base with the keys of extra that base lacks added, at
// every object level and inside list elements when both lists have the same
// length. Base wins everywhere else.
func addExtras(extra, base any) any {
	switch b := base.(type) {
	case map[string]any:
		e, ok := extra.(map[string]any)
		if !ok {
			e = nil
		}
		out := make(map[string]any, len(b)+len(e))
		for k, v := range e {
			out[k] = v
		}
		for k, v := range b {
			out[k] = addExtras(e[k], v)
		}
		return out
	case []any:
		e, ok := extra.([]any)
		if !ok || len(e) != len(b) {
			e = make([]any, len(b))
		}
		out := make([]any, len(b))
		for i := range b {
			out[i] = addExtras(e[i], b[i])
		}
		return out
	default:
		return base
	}
}

// TestFuzzHelpers checks the helpers the fuzz properties rest on.
func TestFuzzHelpers(t *testing.T) {
	cases := []struct {
		a, b string
		want bool
	}{
		{`{"n":1}`, `{"n":1.0}`, true},
		{`{"n":1e2}`, `{"n":100}`, true},
		{`{"n":-0}`, `{"n":0}`, true},
		{`{"n":0.1}`, `{"n":0.10000000000000001}`, false},
		{`{"n":12345678901234567890}`, `{"n":12345678901234567891}`, false},
		{`{"n":"1"}`, `{"n":1}`, false},
		{`{"a":[1,{"b":null}]}`, `{"a":[1,{"b":null}]}`, true},
		{`{"a":[1,{"b":null}]}`, `{"a":[1,{}]}`, false},
		{`{"a":{}}`, `{"a":[]}`, false},
		{`{"a":null}`, `{}`, false},
	}
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{`{"n":1e400,"l":[1]}`, `{"n":0,"l":[2]}`, true},
		{`{"n":1e400}`, `{"n":"1e400"}`, false},
		{`{"n":{"s":"x"}}`, `{"n":{"s":"y"}}`, false},
	} {
		a, _ := fuzzObject(c.a)
		b, _ := fuzzObject(c.b)
		if got := jsonSameShape(a, b); got != c.want {
			t.Errorf("jsonSameShape(%s, %s) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
	for _, c := range cases {
		a, _ := fuzzObject(c.a)
		b, _ := fuzzObject(c.b)
		if got := jsonEqual(a, b); got != c.want {
			t.Errorf("jsonEqual(%s, %s) = %v, want %v", c.a, c.b, got, c.want)
		}
	}

	extra, _ := fuzzObject(`{"x":1,"a":{"y":2,"z":3},"l":[{"e":1},{"f":2}],"s":"server"}`)
	base, _ := fuzzObject(`{"a":{"z":4},"l":[{"g":3},"v"],"s":{"o":true}}`)
	want, _ := fuzzObject(`{"x":1,"a":{"y":2,"z":4},"l":[{"e":1,"g":3},"v"],"s":{"o":true}}`)
	if got := addExtras(extra, base); !jsonEqual(got, want) {
		t.Errorf("addExtras = %s, want %s", show(got), show(want))
	}
}
