package emulator

import (
	"encoding/json"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// schema is the subset of JSON Schema that Auth0 validates request bodies and
// query strings with. Zero values mean "no constraint".
type schema struct {
	desc      string // shown in messages as "on property x (desc)"
	types     []string
	enum      []any
	minLength int
	maxLength int
	pattern   *regexp.Regexp
	minimum   *float64
	maximum   *float64
	items     *schema
	minItems  int
	maxItems  int
	props     map[string]*schema
	required  []string
	closed    bool    // additionalProperties: false
	extra     *schema // schema of properties not listed in props
	minProps  int
	maxProps  int
	oneOf     []*schema // the value must match exactly one
}

// violation is the first constraint a value breaks.
type violation struct {
	msg, path, desc string
}

// text renders a violation the way Auth0 does after "Payload validation
// error: " or "Query validation error: ".
func (v *violation) text() string {
	s := "'" + v.msg + "'"
	if v.path != "" {
		s += " on property " + v.path
		if v.desc != "" {
			s += " (" + v.desc + ")"
		}
	}
	return s + "."
}

// check validates a value produced by parseJSON; path names it in messages.
func (sc *schema) check(v any, path string) *violation {
	fail := func(format string, args ...any) *violation {
		return &violation{msg: fmt.Sprintf(format, args...), path: path, desc: sc.desc}
	}
	t := jsonType(v)
	if len(sc.types) > 0 && !slices.ContainsFunc(sc.types, func(want string) bool {
		return want == t || (want == "number" && t == "integer")
	}) {
		return fail("Expected type %s but found type %s", strings.Join(sc.types, ","), t)
	}
	if sc.enum != nil && !inEnum(sc.enum, v) {
		raw, _ := json.Marshal(plain(v))
		return fail("Invalid value %s", raw)
	}
	if len(sc.oneOf) > 0 {
		matched := 0
		for _, alt := range sc.oneOf {
			if alt.check(v, path) == nil {
				matched++
			}
		}
		switch {
		case matched == 0:
			return fail("Data does not match any schemas from 'oneOf'")
		case matched > 1:
			return fail("Data is valid against more than one schema from 'oneOf'")
		}
	}
	switch val := v.(type) {
	case string:
		n := utf8.RuneCountInString(val)
		switch {
		case n < sc.minLength:
			return fail("String is too short (%d chars), minimum %d", n, sc.minLength)
		case sc.maxLength > 0 && n > sc.maxLength:
			return fail("String is too long (%d chars), maximum %d", n, sc.maxLength)
		case sc.pattern != nil && !sc.pattern.MatchString(val):
			return fail("String does not match pattern %s: %s", sc.pattern, val)
		}
	case json.Number:
		f, _ := val.Float64()
		switch {
		case sc.minimum != nil && f < *sc.minimum:
			return fail("Value %s is less than minimum %s", val, formatNumber(*sc.minimum))
		case sc.maximum != nil && f > *sc.maximum:
			return fail("Value %s is greater than maximum %s", val, formatNumber(*sc.maximum))
		}
	case []any:
		switch {
		case len(val) < sc.minItems:
			return fail("Array is too short (%d), minimum %d", len(val), sc.minItems)
		case sc.maxItems > 0 && len(val) > sc.maxItems:
			return fail("Array is too long (%d), maximum %d", len(val), sc.maxItems)
		}
		if sc.items != nil {
			for i, item := range val {
				if bad := sc.items.check(item, fmt.Sprintf("%s[%d]", path, i)); bad != nil {
					return bad
				}
			}
		}
	case *object:
		return sc.checkObject(val, path, fail)
	}
	return nil
}

func (sc *schema) checkObject(obj *object, path string, fail func(string, ...any) *violation) *violation {
	if sc.closed {
		// Auth0 (z-schema) reports unknown keys last-first, e.g.
		// "strategy,name" for a body that sent name before strategy.
		var unknown []string
		for i := len(obj.keys) - 1; i >= 0; i-- {
			if _, ok := sc.props[obj.keys[i]]; !ok {
				unknown = append(unknown, obj.keys[i])
			}
		}
		if len(unknown) > 0 {
			return fail("Additional properties not allowed: %s", strings.Join(unknown, ","))
		}
	}
	for _, key := range sc.required {
		if _, ok := obj.vals[key]; !ok {
			return fail("Missing required property: %s", key)
		}
	}
	switch n := len(obj.keys); {
	case n < sc.minProps:
		return fail("Too few properties defined (%d), minimum %d", n, sc.minProps)
	case sc.maxProps > 0 && n > sc.maxProps:
		return fail("Too many properties defined (%d), maximum %d", n, sc.maxProps)
	}
	for _, key := range obj.keys {
		child := sc.props[key]
		if child == nil {
			child = sc.extra
		}
		if child == nil {
			continue
		}
		childPath := key
		if path != "" {
			childPath = path + "." + key
		}
		if bad := child.check(obj.vals[key], childPath); bad != nil {
			return bad
		}
	}
	return nil
}

// jsonType names a parsed value's JSON Schema type.
func jsonType(v any) string {
	switch t := v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case string:
		return "string"
	case json.Number:
		if f, err := t.Float64(); err == nil && f == math.Trunc(f) {
			return "integer"
		}
		return "number"
	case []any:
		return "array"
	}
	return "object"
}

func inEnum(enum []any, v any) bool {
	switch v.(type) {
	case nil, string, bool:
		return slices.Contains(enum, v)
	}
	return false
}

func formatNumber(f float64) string {
	return strconv.FormatFloat(f, 'f', -1, 64)
}
