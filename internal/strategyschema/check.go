package strategyschema

import (
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Problem is what Check finds at one key path of a strategy's options.
type Problem struct {
	// Keys is the path as object keys, outermost first (a list element adds
	// none); Path renders it with [i] for list elements, e.g. "a.b[0].c".
	Keys []string
	Path string
	// Message is a sentence without the path or the value, e.g.
	// `must be one of "none", "low" or "good"`.
	Message string
	// Got describes the offending value, or is empty. A caller that must
	// not quote a value (a secret) leaves it out.
	Got string
	// UnknownKey marks a key the table does not know: a warning, as every
	// options type admits extra keys. Suggestion is the known key it most
	// likely misspells, or "".
	UnknownKey bool
	Suggestion string
}

// Text is the message with the value it got.
func (p Problem) Text() string {
	if p.Got == "" {
		return p.Message
	}
	return p.Message + ", got " + p.Got
}

// Check checks an options object (the values encoding/json produces; numbers
// as json.Number or float64) against the strategy's typed keys: a value of
// the wrong type or outside its enumeration is a problem, and so is a key the
// table does not know (UnknownKey, with a suggestion). A value equal to
// unknown (a value not known at plan time) is not checked, nor descended
// into; null is always accepted (the key is managed as null). A strategy not
// in the table, or without typed keys, has no problems.
func Check(strategy string, opts map[string]any, unknown any) []Problem {
	s := Lookup(strategy)
	if s == nil || len(s.Options.Fields) == 0 {
		return nil
	}
	c := checker{unknown: unknown}
	c.object(s.Options, opts, nil, 0)
	sort.SliceStable(c.out, func(i, j int) bool { return c.out[i].Path < c.out[j].Path })
	return c.out
}

type checker struct {
	unknown any
	out     []Problem
}

type seg struct {
	key   string
	index int
	isIdx bool
}

func (c *checker) add(path []seg, p Problem) {
	for _, s := range path {
		if !s.isIdx {
			p.Keys = append(p.Keys, s.key)
		}
	}
	p.Path = render(path)
	c.out = append(c.out, p)
}

func render(path []seg) string {
	var b strings.Builder
	for i, s := range path {
		switch {
		case s.isIdx:
			fmt.Fprintf(&b, "[%d]", s.index)
		case plain(s.key):
			if i > 0 {
				b.WriteByte('.')
			}
			b.WriteString(s.key)
		default:
			b.WriteString("[" + strconv.Quote(s.key) + "]")
		}
	}
	return b.String()
}

func plain(k string) bool {
	if k == "" {
		return false
	}
	for _, r := range k {
		if r != '_' && r != '-' && (r < '0' || r > '9') && (r < 'a' || r > 'z') && (r < 'A' || r > 'Z') {
			return false
		}
	}
	return true
}

func with(path []seg, s seg) []seg {
	out := make([]seg, len(path), len(path)+1)
	copy(out, path)
	return append(out, s)
}

const maxDepth = 32

func (c *checker) isUnknown(v any) bool {
	if c.unknown == nil {
		return false
	}
	defer func() { _ = recover() }() // an uncomparable value is not the sentinel
	return v == c.unknown
}

// value checks v against t at path.
func (c *checker) value(t *Type, v any, path []seg, depth int) {
	if t == nil || v == nil || c.isUnknown(v) || depth > maxDepth {
		return
	}
	kind := kindOf(v)
	if t.Kinds != Any && t.Kinds&kind == 0 {
		c.add(path, Problem{Message: "must be " + kindPhrase(t.Kinds&^Null), Got: describeKind(v)})
		return
	}
	switch v := v.(type) {
	case string:
		if len(t.Enum) > 0 && !slices.Contains(t.Enum, v) {
			c.add(path, Problem{Message: "must be " + enumPhrase(t.Enum), Got: quote(v)})
		}
	case []any:
		for i, e := range v {
			c.value(t.Items, e, with(path, seg{index: i, isIdx: true}), depth+1)
		}
	case map[string]any:
		c.object(t, v, path, depth)
	}
}

func (c *checker) object(t *Type, v map[string]any, path []seg, depth int) {
	keys := make([]string, 0, len(v))
	for k := range v {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		at := with(path, seg{key: k})
		switch f := t.Field(k); {
		case f != nil:
			c.value(f.Type, v[k], at, depth+1)
		case t.Values != nil:
			c.value(t.Values, v[k], at, depth+1)
		case len(t.Fields) > 0 && (len(path) == 0 || t.Closed):
			// Every options type admits keys it does not type; a nested
			// object only when it says so (such as a discovery document).
			p := Problem{UnknownKey: true, Suggestion: Suggest(k, fieldNames(t))}
			p.Message = "is not a key the API documents for this strategy"
			if len(path) > 0 {
				p.Message = "is not a key the API documents for " + render(path)
			}
			c.add(at, p)
		}
	}
}

func fieldNames(t *Type) []string {
	out := make([]string, len(t.Fields))
	for i, f := range t.Fields {
		out[i] = f.Name
	}
	return out
}

func kindOf(v any) Kind {
	switch v.(type) {
	case string:
		return String
	case bool:
		return Boolean
	case json.Number, float64, float32, int, int64, int32, uint, uint64:
		return Number
	case []any:
		return Array
	case map[string]any:
		return Object
	case nil:
		return Null
	}
	return Any
}

func kindPhrase(k Kind) string {
	articles := map[Kind]string{String: "a string", Number: "a number", Boolean: "a boolean", Array: "a list", Object: "an object", Null: "null"}
	var names []string
	for _, n := range kindNames {
		if k&n.k != 0 {
			names = append(names, articles[n.k])
		}
	}
	return joinOr(names)
}

func enumPhrase(enum []string) string {
	q := make([]string, len(enum))
	for i, e := range enum {
		q[i] = strconv.Quote(e)
	}
	if len(q) == 1 {
		return q[0]
	}
	return "one of " + joinOr(q)
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

func quote(s string) string {
	if utf8.RuneCountInString(s) > 40 {
		s = string([]rune(s)[:40]) + "..."
	}
	return strconv.Quote(s)
}

// describeKind names a value's kind; a string's content is not quoted, as
// it may be a secret put in the wrong place.
func describeKind(v any) string {
	switch v := v.(type) {
	case string:
		return "a string"
	case bool:
		return strconv.FormatBool(v)
	case []any:
		return "a list"
	case map[string]any:
		return "an object"
	case json.Number:
		return string(v)
	}
	return fmt.Sprint(v)
}

// Suggest returns the known key that key most likely misspells: one equal
// but for case, else the closest by edit distance (ignoring case) within a
// third of the key's length (at most 3), else "".
func Suggest(key string, known []string) string {
	lk := strings.ToLower(key)
	for _, k := range known {
		if strings.ToLower(k) == lk {
			return k
		}
	}
	best, bestD := "", 0
	limit := min(3, max(1, utf8.RuneCountInString(key)/3))
	for _, k := range known {
		d := distance(lk, strings.ToLower(k))
		if d <= limit && (best == "" || d < bestD) {
			best, bestD = k, d
		}
	}
	return best
}

// distance is the Levenshtein distance between a and b, in runes.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
