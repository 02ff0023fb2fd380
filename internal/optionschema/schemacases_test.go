package optionschema

import (
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// This file derives test cases from Options itself: for every typed key it
// builds an options object holding a valid value at that key (and whatever
// siblings the schema requires), which must pass, and objects holding invalid
// values, each of which must fail with exactly one violation at that key.

type stepKind int

const (
	stepProp       stepKind = iota // a named property
	stepItem                       // element 0 of an array
	stepAdditional                 // a key admitted by additionalProperties
	stepBranch                     // a oneOf branch (no path segment)
)

// extraKey is the key used for additionalProperties and unknown keys.
const (
	extraKey   = "extra_key"
	unknownKey = "not_a_known_key"
)

type step struct {
	kind   stepKind
	name   string
	branch int
}

type target struct {
	steps  []step
	schema *Schema
}

func (tg target) path() string {
	var b strings.Builder
	for _, st := range tg.steps {
		switch st.kind {
		case stepProp, stepAdditional:
			name := st.name
			if st.kind == stepAdditional {
				name = extraKey
			}
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.WriteString(name)
		case stepItem:
			b.WriteString("[0]")
		}
	}
	return b.String()
}

func typed(s *Schema) bool {
	return len(s.Types) > 0 || len(s.Enum) > 0 || s.MinLength != nil || s.MaxLength != nil ||
		s.Minimum != nil || s.Maximum != nil || s.MinItems != nil || s.MaxItems != nil ||
		s.MinProperties != nil || s.MaxProperties != nil || len(s.Required) > 0 || s.Closed
}

// collect lists the typed nodes under s, in a deterministic order.
func collect(s *Schema, steps []step, out *[]target) {
	if len(steps) > 0 && steps[len(steps)-1].kind != stepBranch && typed(s) {
		*out = append(*out, target{steps: steps, schema: s})
	}
	extend := func(st step) []step {
		return append(append([]step{}, steps...), st)
	}
	names := make([]string, 0, len(s.Properties))
	for name := range s.Properties {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		collect(s.Properties[name], extend(step{kind: stepProp, name: name}), out)
	}
	if s.Items != nil {
		collect(s.Items, extend(step{kind: stepItem}), out)
	}
	if s.AdditionalProperties != nil {
		collect(s.AdditionalProperties, extend(step{kind: stepAdditional}), out)
	}
	for i, b := range s.OneOf {
		collect(b, extend(step{kind: stepBranch, branch: i}), out)
	}
}

// firstType is the first non-null type of s, or "" when s has none.
func firstType(s *Schema) string {
	for _, t := range s.Types {
		if t != "null" {
			return t
		}
	}
	switch {
	case len(s.Types) > 0:
		return "null"
	case len(s.Properties) > 0 || len(s.Required) > 0 || s.Closed || s.AdditionalProperties != nil:
		return "object"
	case s.Items != nil:
		return "array"
	}
	return ""
}

func numberValue(f float64) json.Number {
	return json.Number(strconv.FormatFloat(f, 'f', -1, 64))
}

// synth builds a valid value for s.
func synth(s *Schema) any {
	if len(s.OneOf) > 0 {
		return synth(s.OneOf[0])
	}
	if len(s.Enum) > 0 {
		for _, e := range s.Enum {
			if e != nil {
				if f, ok := e.(float64); ok {
					return numberValue(f)
				}
				return e
			}
		}
		return nil
	}
	switch firstType(s) {
	case "null":
		return nil
	case "boolean":
		return true
	case "string":
		n := 1
		if s.MinLength != nil && *s.MinLength > n {
			n = *s.MinLength
		}
		if s.MaxLength != nil && *s.MaxLength < n {
			n = *s.MaxLength
		}
		return strings.Repeat("a", n)
	case "integer", "number":
		v := 1.0
		if s.Minimum != nil && v < *s.Minimum {
			v = math.Ceil(*s.Minimum)
		}
		if s.Maximum != nil && v > *s.Maximum {
			v = math.Floor(*s.Maximum)
		}
		return numberValue(v)
	case "array":
		return synthArray(s, 1)
	case "object":
		return synthObject(s)
	}
	return "anything"
}

// synthArray builds a valid array of at least n elements; enum elements
// cycle through the enum so that they differ.
func synthArray(s *Schema, n int) []any {
	if s.MinItems != nil && *s.MinItems > n {
		n = *s.MinItems
	}
	if s.MaxItems != nil && *s.MaxItems < n {
		n = *s.MaxItems
	}
	out := make([]any, n)
	for i := range out {
		out[i] = elementAt(s, i)
	}
	return out
}

func elementAt(s *Schema, i int) any {
	if s.Items == nil {
		return "anything"
	}
	var choices []any
	for _, e := range s.Items.Enum {
		if e != nil {
			choices = append(choices, e)
		}
	}
	if len(choices) > 0 {
		return choices[i%len(choices)]
	}
	return synth(s.Items)
}

func propSchema(s *Schema, key string) *Schema {
	if p := s.Properties[key]; p != nil {
		return p
	}
	if s.AdditionalProperties != nil {
		return s.AdditionalProperties
	}
	return &Schema{}
}

// synthObject builds a valid object: the required keys, then more known
// keys up to minProperties.
func synthObject(s *Schema) map[string]any {
	m := map[string]any{}
	for _, k := range s.Required {
		m[k] = synth(propSchema(s, k))
	}
	names := make([]string, 0, len(s.Properties))
	for name := range s.Properties {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if s.MinProperties == nil || len(m) >= *s.MinProperties {
			break
		}
		if _, ok := m[name]; !ok {
			m[name] = synth(s.Properties[name])
		}
	}
	if s.MinProperties != nil && len(m) < *s.MinProperties && !s.Closed {
		m[extraKey] = synth(propSchema(s, extraKey))
	}
	return m
}

// wrap builds an options object (from Options down along steps) holding
// leaf at the end of steps, with valid values everywhere else.
func wrap(s *Schema, steps []step, leaf any) any {
	if len(steps) == 0 {
		return leaf
	}
	st, rest := steps[0], steps[1:]
	switch st.kind {
	case stepProp:
		m := synthObject(s)
		m[st.name] = wrap(s.Properties[st.name], rest, leaf)
		return m
	case stepAdditional:
		m := synthObject(s)
		m[extraKey] = wrap(s.AdditionalProperties, rest, leaf)
		return m
	case stepItem:
		arr := synthArray(s, 1)
		arr[0] = wrap(s.Items, rest, leaf)
		return arr
	default:
		return wrap(s.OneOf[st.branch], rest, leaf)
	}
}

type invalidCase struct {
	name  string
	value any
	// sub is the key, under the target, the violation is reported at; empty
	// for the target itself.
	sub string
}

// invalidCases builds values that break each constraint of s.
func invalidCases(s *Schema) []invalidCase {
	var out []invalidCase
	if len(s.Enum) > 0 {
		out = append(out, invalidCase{name: "outside the enum", value: "not-one-of-the-choices"})
	}
	if len(s.Types) > 0 {
		wrongTypes := []struct {
			name  string
			value any
		}{
			{"a string", "text"},
			{"a boolean", true},
			{"a number", json.Number("7")},
			{"an array", []any{}},
			{"an object", map[string]any{}},
			{"null", nil},
		}
		for _, w := range wrongTypes {
			v, _ := normalize(w.value)
			if !typeMatches(s.Types, v) && (len(s.Enum) == 0 || !inEnum(s.Enum, v)) {
				out = append(out, invalidCase{name: "wrong type: " + w.name, value: w.value})
			}
		}
	}
	if len(s.Enum) > 0 && !inEnum(s.Enum, nil) && typeMatches(s.Types, nil) {
		// The type list admits null but the enum does not: the enum wins.
		out = append(out, invalidCase{name: "null outside the enum", value: nil})
	}
	if hasType(s, "integer") && !hasType(s, "number") {
		out = append(out, invalidCase{name: "not whole", value: json.Number("1.5")})
	}
	if s.Minimum != nil {
		out = append(out, invalidCase{name: "below minimum", value: numberValue(*s.Minimum - 1)})
	}
	if s.Maximum != nil {
		out = append(out, invalidCase{name: "above maximum", value: numberValue(*s.Maximum + 1)})
	}
	if hasType(s, "string") && s.MinLength != nil && *s.MinLength > 0 {
		out = append(out, invalidCase{name: "too short", value: strings.Repeat("a", *s.MinLength-1)})
	}
	if hasType(s, "string") && s.MaxLength != nil {
		out = append(out, invalidCase{name: "too long", value: strings.Repeat("a", *s.MaxLength+1)})
	}
	if s.MinItems != nil && *s.MinItems > 0 {
		arr := synthArray(s, 1)
		out = append(out, invalidCase{name: "too few elements", value: arr[:*s.MinItems-1]})
	}
	if s.MaxItems != nil {
		out = append(out, invalidCase{name: "too many elements", value: synthArray(&Schema{Items: s.Items}, *s.MaxItems+1)})
	}
	for _, k := range s.Required {
		m := synthObject(s)
		delete(m, k)
		out = append(out, invalidCase{name: "without required " + k, value: m, sub: k})
	}
	if s.Closed {
		m := synthObject(s)
		m[unknownKey] = "x"
		out = append(out, invalidCase{name: "with an unknown key", value: m, sub: unknownKey})
	}
	if s.MinProperties != nil && *s.MinProperties > 0 && len(s.Required) == 0 {
		out = append(out, invalidCase{name: "too few keys", value: map[string]any{}})
	}
	if s.MaxProperties != nil && !s.Closed {
		m := synthObject(s)
		for i := len(m); i <= *s.MaxProperties; i++ {
			m[fmt.Sprintf("%s_%d", extraKey, i)] = synth(propSchema(s, extraKey))
		}
		out = append(out, invalidCase{name: "too many keys", value: m})
	}
	return out
}

func TestEveryTypedKey(t *testing.T) {
	var targets []target
	collect(Options, nil, &targets)
	cases := 0
	for _, tg := range targets {
		path := tg.path()
		t.Run(path, func(t *testing.T) {
			valid := synth(tg.schema)
			options := wrap(Options, tg.steps, valid)
			if got := Validate(options); got != nil {
				t.Errorf("valid value %#v: got violations %q for options %s", valid, got, js(options))
			}
			// null passes where the type list and the enum (if any) both
			// admit it; everywhere else a null is among the invalid cases.
			if typeMatches(tg.schema.Types, nil) && (len(tg.schema.Enum) == 0 || inEnum(tg.schema.Enum, nil)) {
				if got := Validate(wrap(Options, tg.steps, nil)); got != nil {
					t.Errorf("null is allowed here, got violations %q", got)
				}
			}
			invalid := invalidCases(tg.schema)
			if len(invalid) == 0 {
				t.Fatalf("no invalid case for a typed key: %+v", tg.schema)
			}
			for _, ic := range invalid {
				cases++
				want := path
				if ic.sub != "" {
					want += "." + ic.sub
				}
				options := wrap(Options, tg.steps, ic.value)
				got := Validate(options)
				if len(got) != 1 || got[0].Path != want {
					t.Errorf("%s: want one violation at %s, got %q for options %s", ic.name, want, got, js(options))
				}
			}
		})
	}
	// A floor, so that a broken walk (or a schema that lost its keys) shows.
	if len(targets) < 100 {
		t.Errorf("only %d typed keys found in Options", len(targets))
	}
	t.Logf("%d typed keys, %d invalid cases", len(targets), cases)
}

func js(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprintf("%#v", v)
	}
	return string(b)
}
