package optionschema

import (
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// unknownValue is the type of Unknown.
type unknownValue struct{}

// Unknown stands for a value that is not known at plan time. Validate skips
// it wherever it appears: it is neither checked nor descended into. A key
// whose value is Unknown still counts as present.
var Unknown any = unknownValue{}

// maxDepth bounds the recursion of Validate, so that a self-referencing value
// or schema yields a violation instead of exhausting the stack.
const maxDepth = 100

// Violation is one problem found in an options object.
type Violation struct {
	// Path is the dotted key path under options, with [i] for array
	// elements, e.g. "validation.username.min" or "precedence[0]". Keys that
	// are not plain identifiers are written ["like.this"]. It is empty for
	// the options object itself.
	Path string
	// Keys is the same path as its object keys, outermost first; an array
	// element adds no key. Nil for the options object itself.
	Keys []string
	// Message is a short, user-facing sentence without the path or the
	// value, e.g. `must be at most 24`.
	Message string
	// Got describes the offending value (`30`), or is empty. A caller that
	// must not quote a value (a secret) leaves it out.
	Got string
	// Missing reports a required key that is absent.
	Missing bool
}

// Text is the message with the value it got, e.g. `must be at most 24, got 30`.
func (v Violation) Text() string {
	if v.Got == "" {
		return v.Message
	}
	return v.Message + ", got " + v.Got
}

// String renders the violation as "path message, got value".
func (v Violation) String() string {
	if v.Path == "" {
		return "options " + v.Text()
	}
	return v.Path + " " + v.Text()
}

// Validate checks an options object, given as the Go values encoding/json
// produces (map[string]any, []any, string, bool, json.Number or float64, nil;
// other integer and float types, maps with string keys and slices are
// accepted too), against Options. It returns the violations sorted by path,
// or nil. It never panics.
func Validate(v any) []Violation {
	return Options.Validate(v)
}

// Validate checks v against s; see the package-level Validate.
func (s *Schema) Validate(v any) []Violation {
	var c checker
	c.check(s, v, nil, 0)
	return c.result()
}

// segment is one step of a path: an object key or an array index.
type segment struct {
	key   string
	index int
	isIdx bool
}

type violation struct {
	path []segment
	msg  string
	got  string
	// missing marks a required key that is absent.
	missing bool
	// unknownKey marks violations about a key the schema does not know; they
	// weigh more when choosing which oneOf branch to report.
	unknownKey bool
}

type checker struct {
	out []violation
}

func (c *checker) report(path []segment, format string, args ...any) {
	c.out = append(c.out, violation{path: path, msg: fmt.Sprintf(format, args...)})
}

// reportGot reports a violation with the value it found, kept apart from
// the message so that a caller can leave a secret value out.
func (c *checker) reportGot(path []segment, got, format string, args ...any) {
	c.out = append(c.out, violation{path: path, msg: fmt.Sprintf(format, args...), got: got})
}

func (c *checker) result() []Violation {
	if len(c.out) == 0 {
		return nil
	}
	sort.SliceStable(c.out, func(i, j int) bool { return comparePaths(c.out[i].path, c.out[j].path) < 0 })
	res := make([]Violation, len(c.out))
	for i, v := range c.out {
		var keys []string
		for _, seg := range v.path {
			if !seg.isIdx {
				keys = append(keys, seg.key)
			}
		}
		res[i] = Violation{Path: renderPath(v.path), Keys: keys, Message: v.msg, Got: v.got, Missing: v.missing}
	}
	return res
}

// child returns path extended by seg, never sharing the backing array.
func child(path []segment, seg segment) []segment {
	out := make([]segment, len(path), len(path)+1)
	copy(out, path)
	return append(out, seg)
}

// check validates v against s at path, appending what it finds.
func (c *checker) check(s *Schema, v any, path []segment, depth int) {
	if s == nil || isUnknown(v) {
		return
	}
	if depth > maxDepth {
		c.report(path, "is nested too deeply (more than %d levels)", maxDepth)
		return
	}
	val, ok := normalize(v)
	if !ok {
		c.report(path, "has a value of an unsupported kind (%T)", v)
		return
	}
	if n, isNum := val.(num); isNum && !n.valid() {
		c.reportGot(path, n.text, "must be a finite number")
		return
	}
	if len(s.Enum) > 0 && !inEnum(s.Enum, val) {
		c.reportGot(path, describeValue(val), "must be %s", enumPhrase(s.Enum))
		return
	}
	if len(s.Types) > 0 && !typeMatches(s.Types, val) {
		c.reportGot(path, describeKind(val), "must be %s", typePhrase(s.Types))
		return
	}

	switch val := val.(type) {
	case string:
		c.checkString(s, val, path)
	case num:
		if s.Minimum != nil && val.f < *s.Minimum {
			c.reportGot(path, val.text, "must be at least %s", formatFloat(*s.Minimum))
		}
		if s.Maximum != nil && val.f > *s.Maximum {
			c.reportGot(path, val.text, "must be at most %s", formatFloat(*s.Maximum))
		}
	case []any:
		c.checkArray(s, val, path, depth)
	case map[string]any:
		c.checkObject(s, val, path, depth)
	}

	if len(s.OneOf) > 0 {
		c.checkOneOf(s.OneOf, val, path, depth)
	}
}

func (c *checker) checkString(s *Schema, v string, path []segment) {
	n := utf8.RuneCountInString(v)
	if s.MinLength != nil && n < *s.MinLength {
		c.reportGot(path, strconv.Itoa(n), "must be at least %s long", plural(*s.MinLength, "character"))
	}
	if s.MaxLength != nil && n > *s.MaxLength {
		c.reportGot(path, strconv.Itoa(n), "must be at most %s long", plural(*s.MaxLength, "character"))
	}
}

func (c *checker) checkArray(s *Schema, v []any, path []segment, depth int) {
	if s.MinItems != nil && len(v) < *s.MinItems {
		c.reportGot(path, strconv.Itoa(len(v)), "must have at least %s", plural(*s.MinItems, "element"))
	}
	if s.MaxItems != nil && len(v) > *s.MaxItems {
		c.reportGot(path, strconv.Itoa(len(v)), "must have at most %s", plural(*s.MaxItems, "element"))
	}
	if s.Items != nil {
		for i, e := range v {
			c.check(s.Items, e, child(path, segment{index: i, isIdx: true}), depth+1)
		}
	}
}

func (c *checker) checkObject(s *Schema, v map[string]any, path []segment, depth int) {
	if s.MinProperties != nil && len(v) < *s.MinProperties {
		c.reportGot(path, strconv.Itoa(len(v)), "must have at least %s", plural(*s.MinProperties, "key"))
	}
	if s.MaxProperties != nil && len(v) > *s.MaxProperties {
		c.reportGot(path, strconv.Itoa(len(v)), "must have at most %s", plural(*s.MaxProperties, "key"))
	}
	for _, k := range s.Required {
		if _, ok := v[k]; !ok {
			c.out = append(c.out, violation{path: child(path, segment{key: k}), msg: "is required", missing: true})
		}
	}
	keys := make([]string, 0, len(v))
	for k := range v {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		at := child(path, segment{key: k})
		switch {
		case s.Properties[k] != nil:
			c.check(s.Properties[k], v[k], at, depth+1)
		case s.AdditionalProperties != nil:
			c.check(s.AdditionalProperties, v[k], at, depth+1)
		case s.Closed:
			c.out = append(c.out, violation{path: at, msg: unknownKeyMessage(s, path), unknownKey: true})
		}
	}
}

func unknownKeyMessage(s *Schema, parent []segment) string {
	name := renderPath(parent)
	if name == "" {
		name = "options"
	}
	known := make([]string, 0, len(s.Properties))
	for k := range s.Properties {
		known = append(known, k)
	}
	sort.Strings(known)
	if len(known) == 0 {
		return fmt.Sprintf("is not allowed: %s takes no keys", name)
	}
	return fmt.Sprintf("is not a known key of %s (known keys: %s)", name, strings.Join(known, ", "))
}

// checkOneOf passes when v matches at least one branch. Otherwise it reports
// the problems of the branch that comes closest: the one with the fewest
// unknown keys (the branch the user most likely meant), then the fewest
// problems, then the first.
func (c *checker) checkOneOf(branches []*Schema, v any, path []segment, depth int) {
	var best []violation
	bestUnknown := 0
	for i, b := range branches {
		var sub checker
		sub.check(b, v, path, depth+1)
		if len(sub.out) == 0 {
			return
		}
		unknown := 0
		for _, x := range sub.out {
			if x.unknownKey {
				unknown++
			}
		}
		if i == 0 || unknown < bestUnknown || (unknown == bestUnknown && len(sub.out) < len(best)) {
			best, bestUnknown = sub.out, unknown
		}
	}
	c.out = append(c.out, best...)
}

// num is a JSON number: its value and its text as written.
type num struct {
	f    float64
	text string
	bad  bool
}

func (n num) valid() bool {
	return !n.bad && !math.IsInf(n.f, 0) && !math.IsNaN(n.f)
}

func floatNum(f float64) num {
	return num{f: f, text: formatFloat(f)}
}

func formatFloat(f float64) string {
	return strconv.FormatFloat(f, 'g', -1, 64)
}

func isUnknown(v any) bool {
	_, ok := v.(unknownValue)
	return ok
}

// normalize maps v onto nil, bool, string, num, []any or map[string]any.
func normalize(v any) (any, bool) {
	switch v := v.(type) {
	case nil, bool, string, []any, map[string]any:
		return v, true
	case json.Number:
		f, err := strconv.ParseFloat(string(v), 64)
		return num{f: f, text: string(v), bad: err != nil}, true
	case float64:
		return floatNum(v), true
	case float32:
		return floatNum(float64(v)), true
	case int:
		return num{f: float64(v), text: strconv.Itoa(v)}, true
	case int64:
		return num{f: float64(v), text: strconv.FormatInt(v, 10)}, true
	case num:
		return v, true
	}
	return normalizeReflect(reflect.ValueOf(v))
}

// normalizeReflect handles the less common Go types.
func normalizeReflect(rv reflect.Value) (any, bool) {
	switch rv.Kind() {
	case reflect.Bool:
		return rv.Bool(), true
	case reflect.String:
		return rv.String(), true
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return num{f: float64(rv.Int()), text: strconv.FormatInt(rv.Int(), 10)}, true
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return num{f: float64(rv.Uint()), text: strconv.FormatUint(rv.Uint(), 10)}, true
	case reflect.Float32, reflect.Float64:
		return floatNum(rv.Float()), true
	case reflect.Pointer, reflect.Interface:
		if rv.IsNil() {
			return nil, true
		}
		return normalize(rv.Elem().Interface())
	case reflect.Slice, reflect.Array:
		if rv.Kind() == reflect.Slice && rv.IsNil() {
			return nil, true
		}
		out := make([]any, rv.Len())
		for i := range out {
			out[i] = rv.Index(i).Interface()
		}
		return out, true
	case reflect.Map:
		if rv.Type().Key().Kind() != reflect.String {
			return nil, false
		}
		if rv.IsNil() {
			return nil, true
		}
		out := make(map[string]any, rv.Len())
		iter := rv.MapRange()
		for iter.Next() {
			out[iter.Key().String()] = iter.Value().Interface()
		}
		return out, true
	}
	return nil, false
}

func typeMatches(types []string, v any) bool {
	for _, t := range types {
		switch t {
		case "null":
			if v == nil {
				return true
			}
		case "boolean":
			if _, ok := v.(bool); ok {
				return true
			}
		case "string":
			if _, ok := v.(string); ok {
				return true
			}
		case "number":
			if _, ok := v.(num); ok {
				return true
			}
		case "integer":
			if n, ok := v.(num); ok && n.f == math.Trunc(n.f) {
				return true
			}
		case "array":
			if _, ok := v.([]any); ok {
				return true
			}
		case "object":
			if _, ok := v.(map[string]any); ok {
				return true
			}
		}
	}
	return false
}

func inEnum(enum []any, v any) bool {
	for _, e := range enum {
		switch e := e.(type) {
		case nil:
			if v == nil {
				return true
			}
		case string:
			if s, ok := v.(string); ok && s == e {
				return true
			}
		case bool:
			if b, ok := v.(bool); ok && b == e {
				return true
			}
		case float64:
			if n, ok := v.(num); ok && n.f == e {
				return true
			}
		}
	}
	return false
}

var typeNames = map[string]string{
	"null":    "null",
	"boolean": "a boolean",
	"string":  "a string",
	"number":  "a number",
	"integer": "an integer",
	"array":   "an array",
	"object":  "an object",
}

// typePhrase renders a type list, e.g. "an object or null".
func typePhrase(types []string) string {
	var names []string
	hasNumber, hasNull := false, false
	for _, t := range types {
		hasNumber = hasNumber || t == "number"
		hasNull = hasNull || t == "null"
	}
	for _, t := range types {
		if t == "null" || (t == "integer" && hasNumber) {
			continue
		}
		name, ok := typeNames[t]
		if !ok {
			name = "of type " + t
		}
		names = append(names, name)
	}
	if hasNull {
		names = append(names, "null")
	}
	return joinOr(names)
}

// enumPhrase renders an enum, e.g. `one of "a", "b" or null`.
func enumPhrase(enum []any) string {
	vals := make([]string, len(enum))
	for i, e := range enum {
		vals[i] = describeValue(e)
	}
	if len(vals) == 1 {
		return vals[0]
	}
	return "one of " + joinOr(vals)
}

// maxQuoted bounds the characters of a string value quoted in a message.
const maxQuoted = 40

// describeValue renders a value in a message: scalars as JSON-like literals,
// containers by kind.
func describeValue(v any) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case bool:
		return strconv.FormatBool(v)
	case string:
		if utf8.RuneCountInString(v) > maxQuoted {
			v = string([]rune(v)[:maxQuoted]) + "..."
		}
		return strconv.Quote(v)
	case num:
		return v.text
	case float64:
		return formatFloat(v)
	case []any:
		return "an array"
	case map[string]any:
		return "an object"
	}
	return fmt.Sprintf("%v", v)
}

// describeKind renders a value in a type error: like describeValue, except
// that a string is named by kind, as its content does not help and may be a
// secret put in the wrong place.
func describeKind(v any) string {
	if _, ok := v.(string); ok {
		return "a string"
	}
	return describeValue(v)
}

func joinOr(items []string) string {
	switch len(items) {
	case 0:
		return "nothing"
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " or " + items[len(items)-1]
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}

// renderPath writes a path as "a.b[0].c", quoting keys that are not plain
// identifiers: `configuration["a.b"]`.
func renderPath(path []segment) string {
	var b strings.Builder
	for i, seg := range path {
		switch {
		case seg.isIdx:
			fmt.Fprintf(&b, "[%d]", seg.index)
		case plainKey(seg.key):
			if i > 0 {
				b.WriteByte('.')
			}
			b.WriteString(seg.key)
		default:
			b.WriteString("[" + strconv.Quote(seg.key) + "]")
		}
	}
	return b.String()
}

func plainKey(k string) bool {
	if k == "" {
		return false
	}
	for _, r := range k {
		switch {
		case r == '_', r == '-', '0' <= r && r <= '9', 'a' <= r && r <= 'z', 'A' <= r && r <= 'Z':
		default:
			return false
		}
	}
	return true
}

// comparePaths orders paths element by element, indexes numerically.
func comparePaths(a, b []segment) int {
	for i := 0; i < len(a) && i < len(b); i++ {
		x, y := a[i], b[i]
		switch {
		case x.isIdx && y.isIdx:
			if x.index != y.index {
				return x.index - y.index
			}
		case x.isIdx != y.isIdx:
			if x.isIdx {
				return -1
			}
			return 1
		case x.key != y.key:
			return strings.Compare(x.key, y.key)
		}
	}
	return len(a) - len(b)
}
