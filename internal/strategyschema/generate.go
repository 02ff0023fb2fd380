package strategyschema

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"go/format"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// SDK names the npm package the table is generated from.
type SDK struct {
	Package, Version string
	// Integrity is the tarball's npm integrity (sha512-…).
	Integrity string
}

// TypesPath is the file of the tarball the table is read from.
const TypesPath = "package/dist/cjs/management/api/types/types.d.ts"

// resolver turns parsed declarations into Types, one per declaration name.
type resolver struct {
	p     *parser
	named map[string]*Type
	// busy are the declarations being resolved, to break cycles.
	busy map[string]bool
}

func (r *resolver) lookup(name, scope string) *decl {
	name = strings.TrimPrefix(name, "Management.")
	for s := scope; ; {
		q := name
		if s != "" {
			q = s + "." + name
		}
		if d := r.p.types[q]; d != nil {
			return d
		}
		if s == "" {
			return nil
		}
		if i := strings.LastIndex(s, "."); i >= 0 {
			s = s[:i]
		} else {
			s = ""
		}
	}
}

func (r *resolver) lookupConst(name, scope string) *decl {
	name = strings.TrimPrefix(name, "Management.")
	if scope != "" {
		if d := r.p.consts[scope+"."+name]; d != nil {
			return d
		}
	}
	return r.p.consts[name]
}

// docOf returns the description of the first named type an expression
// refers to, for members without their own.
func (r *resolver) docOf(x *texpr) string {
	switch x.op {
	case "ref":
		if d := r.lookup(x.name, x.scope); d != nil {
			if d.doc != "" {
				return d.doc
			}
			if d.alias != nil {
				return r.docOf(d.alias)
			}
		}
	case "union":
		for _, a := range x.args {
			if doc := r.docOf(a); doc != "" {
				return doc
			}
		}
	}
	return ""
}

func (r *resolver) declType(d *decl) (*Type, error) {
	if t, ok := r.named[d.name]; ok {
		return t, nil
	}
	if r.busy[d.name] {
		// A recursive type: any object, not descended into.
		return &Type{Name: d.name, Kinds: Object}, nil
	}
	r.busy[d.name] = true
	defer delete(r.busy, d.name)
	var t *Type
	var err error
	if d.iface != nil {
		t, err = r.ifaceType(d.iface)
	} else {
		t, err = r.expr(d.alias)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", d.name, err)
	}
	if t.Name == "" && (len(t.Fields) > 0 || t.Values != nil) {
		t.Name = d.name
	}
	r.named[d.name] = t
	return t, nil
}

func (r *resolver) ifaceType(it *iface) (*Type, error) {
	t := &Type{Kinds: Object, Closed: !it.open}
	fields := map[string]*Field{}
	for _, e := range it.extends {
		base, err := r.expr(e)
		if err != nil {
			return nil, err
		}
		for _, f := range base.Fields {
			fields[f.Name] = f
		}
		if !base.Closed {
			t.Closed = false
		}
	}
	for _, m := range it.members {
		ft, err := r.expr(m.typ)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", m.name, err)
		}
		doc := m.doc
		if doc == "" {
			doc = r.docOf(m.typ)
		}
		fields[m.name] = &Field{Name: m.name, Type: ft, Required: !m.optional, Description: doc}
	}
	for _, f := range fields {
		t.Fields = append(t.Fields, f)
	}
	sort.Slice(t.Fields, func(i, j int) bool { return t.Fields[i].Name < t.Fields[j].Name })
	return t, nil
}

func (r *resolver) expr(x *texpr) (*Type, error) {
	switch x.op {
	case "prim":
		switch x.name {
		case "string":
			return &Type{Kinds: String}, nil
		case "number":
			return &Type{Kinds: Number}, nil
		case "boolean", "true", "false":
			return &Type{Kinds: Boolean}, nil
		case "null":
			return &Type{Kinds: Null}, nil
		case "undefined", "never":
			return nil, nil
		case "object":
			return &Type{Kinds: Object}, nil
		}
		return &Type{}, nil // any, unknown
	case "lit":
		return &Type{Kinds: String, Enum: []string{x.name}}, nil
	case "array":
		items, err := r.expr(x.args[0])
		if err != nil {
			return nil, err
		}
		return &Type{Kinds: Array, Items: items}, nil
	case "object":
		return r.ifaceType(x.body)
	case "generic":
		if x.name == "Record" && len(x.args) == 2 {
			v, err := r.expr(x.args[1])
			if err != nil {
				return nil, err
			}
			return &Type{Kinds: Object, Values: v}, nil
		}
		return nil, fmt.Errorf("unsupported generic %s", x.name)
	case "index":
		// (typeof X)[keyof typeof X]: the values of the const X.
		if x.args[0].op == "typeof" {
			c := r.lookupConst(x.args[0].name, x.args[0].scope)
			if c == nil {
				return nil, fmt.Errorf("unknown const %s", x.args[0].name)
			}
			return &Type{Kinds: String, Enum: append([]string(nil), c.enum...)}, nil
		}
		return nil, fmt.Errorf("unsupported indexed access")
	case "ref":
		d := r.lookup(x.name, x.scope)
		if d == nil {
			return nil, fmt.Errorf("unknown type %s", x.name)
		}
		return r.declType(d)
	case "union":
		var out *Type
		for _, a := range x.args {
			t, err := r.expr(a)
			if err != nil {
				return nil, err
			}
			out = union(out, t)
		}
		if out == nil {
			return &Type{}, nil
		}
		return out, nil
	}
	return nil, fmt.Errorf("unsupported type expression %s", x.op)
}

// union merges two types; nil stands for undefined.
func union(a, b *Type) *Type {
	switch {
	case a == nil:
		return b
	case b == nil:
		return a
	case a.Kinds == Any && a.Fields == nil || b.Kinds == Any && b.Fields == nil:
		return &Type{}
	}
	if b.Kinds == Null && a.Kinds&Null == 0 {
		c := *a
		c.Kinds |= Null
		return &c
	}
	if a.Kinds == Null {
		c := *b
		c.Kinds |= Null
		return &c
	}
	out := &Type{Kinds: a.Kinds | b.Kinds, Closed: a.Closed && b.Closed}
	// An enum stays one only when both sides are enumerations (or not strings).
	switch {
	case a.Kinds&String != 0 && b.Kinds&String != 0:
		if a.Enum != nil && b.Enum != nil {
			out.Enum = append(append([]string(nil), a.Enum...), b.Enum...)
		}
	case a.Kinds&String != 0:
		out.Enum = a.Enum
	case b.Kinds&String != 0:
		out.Enum = b.Enum
	}
	out.Items = pick(a.Items, b.Items)
	out.Values = pick(a.Values, b.Values)
	if len(a.Fields) > 0 || len(b.Fields) > 0 {
		seen := map[string]*Field{}
		for _, f := range append(append([]*Field(nil), a.Fields...), b.Fields...) {
			if old, ok := seen[f.Name]; ok {
				m := *old
				m.Type = union(old.Type, f.Type)
				m.Required = false
				seen[f.Name] = &m
				continue
			}
			g := *f
			g.Required = false // required in one branch only
			seen[f.Name] = &g
		}
		for _, f := range seen {
			out.Fields = append(out.Fields, f)
		}
		sort.Slice(out.Fields, func(i, j int) bool { return out.Fields[i].Name < out.Fields[j].Name })
		out.Closed = false
	}
	return out
}

func pick(a, b *Type) *Type {
	switch {
	case a == nil:
		return b
	case b == nil:
		return a
	}
	return union(a, b)
}

var strategyTypeName = regexp.MustCompile(`^CreateConnectionRequestContent[A-Za-z0-9]+$`)

// Build reads the strategies and their options types from the SDK's
// types.d.ts, and applies the marks of marks.go (without checking that
// every mark is used, which Generate does).
func Build(dts []byte) ([]*Strategy, error) { return build(dts, false) }

func build(dts []byte, strict bool) ([]*Strategy, error) {
	p, err := parseDTS(string(dts))
	if err != nil {
		return nil, err
	}
	r := &resolver{p: p, named: map[string]*Type{}, busy: map[string]bool{}}
	var out []*Strategy
	for name, d := range p.types {
		if !strategyTypeName.MatchString(name) || d.iface == nil {
			continue
		}
		var strategy string
		var opts *Type
		for _, m := range d.iface.members {
			switch m.name {
			case "strategy":
				t, err := r.expr(m.typ)
				if err != nil {
					return nil, fmt.Errorf("%s.strategy: %w", name, err)
				}
				if t == nil || len(t.Enum) != 1 {
					return nil, fmt.Errorf("%s.strategy is not one literal", name)
				}
				strategy = t.Enum[0]
			case "options":
				if opts, err = r.expr(m.typ); err != nil {
					return nil, fmt.Errorf("%s.options: %w", name, err)
				}
			}
		}
		if strategy == "" {
			return nil, fmt.Errorf("%s has no strategy", name)
		}
		if opts == nil {
			opts = &Type{Kinds: Object}
		}
		out = append(out, &Strategy{Name: strategy, Options: opts})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	for i := 1; i < len(out); i++ {
		if out[i].Name == out[i-1].Name {
			return nil, fmt.Errorf("strategy %s is declared twice", out[i].Name)
		}
	}
	if err := applyMarks(out, strict); err != nil {
		return nil, err
	}
	return out, nil
}

// Generate writes table_gen.go from the SDK's types.d.ts.
func Generate(dts []byte, sdk SDK) ([]byte, error) {
	strategies, err := build(dts, true)
	if err != nil {
		return nil, err
	}
	e := &emitter{vars: map[*Type]string{}, counts: map[*Type]int{}}
	for _, s := range strategies {
		e.count(s.Options)
	}
	var body bytes.Buffer
	body.WriteString("var strategies = []*Strategy{\n")
	for _, s := range strategies {
		fmt.Fprintf(&body, "{Name: %q, Family: %q, Options: %s", s.Name, s.Family, e.typ(s.Options, true))
		if len(s.Derived) > 0 {
			fmt.Fprintf(&body, ", Derived: %#v", s.Derived)
		}
		body.WriteString("},\n")
	}
	body.WriteString("}\n\n")
	for len(e.pending) > 0 {
		t := e.pending[0]
		e.pending = e.pending[1:]
		fmt.Fprintf(&body, "var %s = %s\n\n", e.vars[t], e.literal(t))
	}
	var head bytes.Buffer
	head.WriteString("// Code generated by go generate; DO NOT EDIT.\n\n")
	fmt.Fprintf(&head, "// From %s of the npm package %s@%s (%s),\n", TypesPath, sdk.Package, sdk.Version, sdk.Integrity)
	head.WriteString("// with the marks of marks.go. The descriptions are the SDK's: see NOTICE.\n\n")
	head.WriteString("package strategyschema\n\n")
	fmt.Fprintf(&head, "// Source is the SDK the table was generated from.\nvar Source = SDK{Package: %q, Version: %q, Integrity: %q}\n\n",
		sdk.Package, sdk.Version, sdk.Integrity)
	src := append(head.Bytes(), body.Bytes()...)
	formatted, err := format.Source(src)
	if err != nil {
		return nil, fmt.Errorf("formatting the table: %w", err)
	}
	sum := sha256.Sum256(formatted)
	return append(formatted, []byte("\n// Content-SHA256: "+hex.EncodeToString(sum[:])+"\n")...), nil
}

// CheckHash reports whether a generated file ends with the hash of the rest,
// i.e. was not edited by hand since it was generated.
func CheckHash(file []byte) error {
	const marker = "\n// Content-SHA256: "
	i := bytes.LastIndex(file, []byte(marker))
	if i < 0 {
		return fmt.Errorf("no Content-SHA256 line")
	}
	want := strings.TrimSpace(string(file[i+len(marker):]))
	sum := sha256.Sum256(file[:i])
	if got := hex.EncodeToString(sum[:]); got != want {
		return fmt.Errorf("content hash %s, recorded %s: the file was edited after it was generated", got, want)
	}
	return nil
}

type emitter struct {
	vars    map[*Type]string
	counts  map[*Type]int
	pending []*Type
	used    map[string]bool
}

func (e *emitter) count(t *Type) {
	if t == nil {
		return
	}
	e.counts[t]++
	if e.counts[t] > 1 {
		return
	}
	e.count(t.Items)
	e.count(t.Values)
	for _, f := range t.Fields {
		e.count(f.Type)
	}
}

// typ renders a reference to t: a shared variable for a named type with
// keys used more than once (or a strategy's options), else a literal.
func (e *emitter) typ(t *Type, top bool) string {
	if t == nil {
		return "nil"
	}
	if t.Name != "" && len(t.Fields) > 0 && (top || e.counts[t] > 1) {
		if v, ok := e.vars[t]; ok {
			return v
		}
		if e.used == nil {
			e.used = map[string]bool{}
		}
		v := "t" + strings.NewReplacer(".", "", "_", "").Replace(t.Name)
		for base, i := v, 2; e.used[v]; i++ {
			v = base + strconv.Itoa(i)
		}
		e.used[v] = true
		e.vars[t] = v
		e.pending = append(e.pending, t)
		return v
	}
	return e.literal(t)
}

func (e *emitter) literal(t *Type) string {
	var b strings.Builder
	b.WriteString("&Type{")
	if t.Name != "" {
		fmt.Fprintf(&b, "Name: %q, ", t.Name)
	}
	if t.Kinds != Any {
		var ks []string
		for _, n := range kindNames {
			if t.Kinds&n.k != 0 {
				ks = append(ks, kindConst(n.k))
			}
		}
		fmt.Fprintf(&b, "Kinds: %s, ", strings.Join(ks, "|"))
	}
	if t.Enum != nil {
		q := make([]string, len(t.Enum))
		for i, v := range t.Enum {
			q[i] = strconv.Quote(v)
		}
		fmt.Fprintf(&b, "Enum: []string{%s}, ", strings.Join(q, ", "))
	}
	if t.Items != nil {
		fmt.Fprintf(&b, "Items: %s, ", e.typ(t.Items, false))
	}
	if t.Values != nil {
		fmt.Fprintf(&b, "Values: %s, ", e.typ(t.Values, false))
	}
	if t.Closed {
		b.WriteString("Closed: true, ")
	}
	if len(t.Fields) > 0 {
		b.WriteString("Fields: []*Field{\n")
		for _, f := range t.Fields {
			fmt.Fprintf(&b, "{Name: %q, Type: %s", f.Name, e.typ(f.Type, false))
			if f.Required {
				b.WriteString(", Required: true")
			}
			if f.Secret {
				b.WriteString(", Secret: true")
			}
			if f.Derived {
				b.WriteString(", Derived: true")
			}
			if f.Description != "" {
				fmt.Fprintf(&b, ",\nDescription: %q", f.Description)
			}
			b.WriteString("},\n")
		}
		b.WriteString("},\n")
	}
	b.WriteString("}")
	return b.String()
}

func kindConst(k Kind) string {
	for _, n := range []struct {
		k Kind
		s string
	}{{String, "String"}, {Number, "Number"}, {Boolean, "Boolean"}, {Array, "Array"}, {Object, "Object"}, {Null, "Null"}} {
		if n.k == k {
			return n.s
		}
	}
	return "Any"
}
