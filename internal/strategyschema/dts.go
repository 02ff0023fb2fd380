package strategyschema

import (
	"fmt"
	"strings"
)

// This file is a parser of the subset of TypeScript declarations the Auth0
// Node SDK's generated types.d.ts uses: interfaces (with extends, optional
// members, index signatures), type aliases, `declare const` enums and
// `declare namespace` blocks holding more of the same.

type tokKind int

const (
	tokEOF tokKind = iota
	tokIdent
	tokString
	tokNumber
	tokPunct
	tokDoc
)

type token struct {
	kind tokKind
	text string // for tokString, the unquoted value
	line int
}

func tokenize(src string) ([]token, error) {
	var out []token
	line := 1
	for i := 0; i < len(src); {
		c := src[i]
		switch {
		case c == '\n':
			line++
			i++
		case c == ' ' || c == '\t' || c == '\r':
			i++
		case strings.HasPrefix(src[i:], "/*"):
			end := strings.Index(src[i+2:], "*/")
			if end < 0 {
				return nil, fmt.Errorf("line %d: unterminated comment", line)
			}
			body := src[i+2 : i+2+end]
			if strings.HasPrefix(body, "*") {
				out = append(out, token{kind: tokDoc, text: cleanDoc(body[1:]), line: line})
			}
			line += strings.Count(body, "\n")
			i += end + 4
		case strings.HasPrefix(src[i:], "//"):
			for i < len(src) && src[i] != '\n' {
				i++
			}
		case c == '"' || c == '\'':
			j := i + 1
			var b strings.Builder
			for j < len(src) && src[j] != c {
				if src[j] == '\\' && j+1 < len(src) {
					j++
				}
				if src[j] == '\n' {
					line++
				}
				b.WriteByte(src[j])
				j++
			}
			if j >= len(src) {
				return nil, fmt.Errorf("line %d: unterminated string", line)
			}
			out = append(out, token{kind: tokString, text: b.String(), line: line})
			i = j + 1
		case isIdentByte(c) && (c < '0' || c > '9'):
			j := i
			for j < len(src) && isIdentByte(src[j]) {
				j++
			}
			out = append(out, token{kind: tokIdent, text: src[i:j], line: line})
			i = j
		case '0' <= c && c <= '9' || c == '-' && i+1 < len(src) && '0' <= src[i+1] && src[i+1] <= '9':
			j := i + 1
			for j < len(src) && (('0' <= src[j] && src[j] <= '9') || src[j] == '.') {
				j++
			}
			out = append(out, token{kind: tokNumber, text: src[i:j], line: line})
			i = j
		default:
			out = append(out, token{kind: tokPunct, text: string(c), line: line})
			i++
		}
	}
	out = append(out, token{kind: tokEOF, line: line})
	return out, nil
}

func isIdentByte(c byte) bool {
	return c == '_' || c == '$' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// cleanDoc turns the inside of a JSDoc comment into one line of text.
func cleanDoc(body string) string {
	var words []string
	for _, l := range strings.Split(body, "\n") {
		l = strings.TrimSpace(l)
		l = strings.TrimPrefix(l, "*")
		l = strings.TrimSpace(l)
		if l != "" {
			words = append(words, l)
		}
	}
	return strings.Join(words, " ")
}

// texpr is a parsed type expression.
type texpr struct {
	op    string   // "ref", "prim", "lit", "union", "array", "object", "generic", "typeof", "keyof", "index"
	name  string   // ref/generic/typeof name, prim keyword, lit value
	args  []*texpr // union members, generic arguments, array element, index (object, index)
	body  *iface   // object literal
	scope string   // namespace the expression was written in, for refs
}

type member struct {
	name     string
	optional bool
	typ      *texpr
	doc      string
}

type iface struct {
	name    string
	extends []*texpr
	members []member
	open    bool // has an index signature
}

type decl struct {
	name  string // qualified: Namespace.Name
	doc   string
	iface *iface   // interface
	alias *texpr   // type alias
	enum  []string // declare const enum values
	scope string
}

type parser struct {
	toks []token
	pos  int
	// types and consts are the declarations by qualified name (a const and
	// a type may share one).
	types  map[string]*decl
	consts map[string]*decl
}

func (p *parser) peek() token { return p.toks[p.pos] }

func (p *parser) next() token {
	t := p.toks[p.pos]
	if t.kind != tokEOF {
		p.pos++
	}
	return t
}

// skipDocs consumes doc comments, keeping the last.
func (p *parser) skipDocs() string {
	doc := ""
	for p.peek().kind == tokDoc {
		doc = p.next().text
	}
	return doc
}

func (p *parser) is(text string) bool {
	t := p.peek()
	return (t.kind == tokPunct || t.kind == tokIdent) && t.text == text
}

func (p *parser) expect(text string) error {
	t := p.next()
	if (t.kind != tokPunct && t.kind != tokIdent) || t.text != text {
		return fmt.Errorf("line %d: expected %q, got %q", t.line, text, t.text)
	}
	return nil
}

func (p *parser) ident() (string, error) {
	t := p.next()
	if t.kind != tokIdent {
		return "", fmt.Errorf("line %d: expected a name, got %q", t.line, t.text)
	}
	return t.text, nil
}

func parseDTS(src string) (*parser, error) {
	toks, err := tokenize(src)
	if err != nil {
		return nil, err
	}
	p := &parser{toks: toks, types: map[string]*decl{}, consts: map[string]*decl{}}
	if err := p.decls("", false); err != nil {
		return nil, err
	}
	return p, nil
}

// decls parses declarations until EOF (top level) or a closing brace.
func (p *parser) decls(scope string, inNamespace bool) error {
	for {
		doc := p.skipDocs()
		t := p.peek()
		if t.kind == tokEOF {
			if inNamespace {
				return fmt.Errorf("line %d: unterminated namespace %s", t.line, scope)
			}
			return nil
		}
		if inNamespace && p.is("}") {
			p.next()
			return nil
		}
		if p.is("import") {
			for !p.is(";") && p.peek().kind != tokEOF {
				p.next()
			}
			p.next()
			continue
		}
		if p.is("export") {
			p.next()
		}
		if p.is("declare") {
			p.next()
		}
		kw, err := p.ident()
		if err != nil {
			return err
		}
		name, err := p.ident()
		if err != nil {
			return err
		}
		q := name
		if scope != "" {
			q = scope + "." + name
		}
		switch kw {
		case "interface":
			it, err := p.interfaceDecl(name, scope)
			if err != nil {
				return err
			}
			p.types[q] = &decl{name: q, doc: doc, iface: it, scope: scope}
		case "type":
			if err := p.expect("="); err != nil {
				return err
			}
			x, err := p.typeExpr(scope)
			if err != nil {
				return err
			}
			if err := p.expect(";"); err != nil {
				return err
			}
			p.types[q] = &decl{name: q, doc: doc, alias: x, scope: scope}
		case "const":
			vals, err := p.constEnum()
			if err != nil {
				return fmt.Errorf("const %s: %w", q, err)
			}
			p.consts[q] = &decl{name: q, doc: doc, enum: vals, scope: scope}
		case "namespace":
			if err := p.expect("{"); err != nil {
				return err
			}
			if err := p.decls(q, true); err != nil {
				return err
			}
		default:
			return fmt.Errorf("line %d: unsupported declaration %q", t.line, kw)
		}
	}
}

// constEnum parses `: { readonly A: "a"; ... };` and returns the values.
func (p *parser) constEnum() ([]string, error) {
	if err := p.expect(":"); err != nil {
		return nil, err
	}
	if err := p.expect("{"); err != nil {
		return nil, err
	}
	var vals []string
	for {
		p.skipDocs()
		if p.is("}") {
			p.next()
			break
		}
		if err := p.expect("readonly"); err != nil {
			return nil, err
		}
		if _, err := p.memberName(); err != nil {
			return nil, err
		}
		if err := p.expect(":"); err != nil {
			return nil, err
		}
		t := p.next()
		if t.kind != tokString && t.kind != tokNumber {
			return nil, fmt.Errorf("line %d: expected a literal, got %q", t.line, t.text)
		}
		vals = append(vals, t.text)
		if p.is(";") || p.is(",") {
			p.next()
		}
	}
	return vals, p.expect(";")
}

func (p *parser) memberName() (string, error) {
	t := p.next()
	if t.kind != tokIdent && t.kind != tokString {
		return "", fmt.Errorf("line %d: expected a member name, got %q", t.line, t.text)
	}
	return t.text, nil
}

func (p *parser) interfaceDecl(name, scope string) (*iface, error) {
	it := &iface{name: name}
	if p.is("extends") {
		p.next()
		for {
			x, err := p.postfix(scope)
			if err != nil {
				return nil, err
			}
			it.extends = append(it.extends, x)
			if !p.is(",") {
				break
			}
			p.next()
		}
	}
	if err := p.expect("{"); err != nil {
		return nil, err
	}
	return it, p.members(it, scope)
}

// members parses members up to and including the closing brace.
func (p *parser) members(it *iface, scope string) error {
	for {
		doc := p.skipDocs()
		if p.is("}") {
			p.next()
			return nil
		}
		if p.is("readonly") && p.toks[p.pos+1].kind == tokIdent {
			p.next()
		}
		if p.is("[") {
			// [key: string]: any;
			for !p.is("]") {
				p.next()
			}
			p.next()
			if err := p.expect(":"); err != nil {
				return err
			}
			if _, err := p.typeExpr(scope); err != nil {
				return err
			}
			it.open = true
		} else {
			name, err := p.memberName()
			if err != nil {
				return err
			}
			m := member{name: name, doc: doc}
			if p.is("?") {
				p.next()
				m.optional = true
			}
			if err := p.expect(":"); err != nil {
				return err
			}
			if m.typ, err = p.typeExpr(scope); err != nil {
				return err
			}
			it.members = append(it.members, m)
		}
		if p.is(";") || p.is(",") {
			p.next()
		}
	}
}

func (p *parser) typeExpr(scope string) (*texpr, error) {
	p.skipDocs()
	if p.is("|") {
		p.next()
	}
	var parts []*texpr
	for {
		x, err := p.postfix(scope)
		if err != nil {
			return nil, err
		}
		for p.is("&") { // intersections are treated as unions of their keys
			p.next()
			y, err := p.postfix(scope)
			if err != nil {
				return nil, err
			}
			x = &texpr{op: "union", args: []*texpr{x, y}}
		}
		parts = append(parts, x)
		// A doc comment may sit before the next member of a union.
		j := p.pos
		for p.toks[j].kind == tokDoc {
			j++
		}
		if t := p.toks[j]; t.kind == tokPunct && t.text == "|" {
			p.pos = j
		}
		if !p.is("|") {
			break
		}
		p.next()
	}
	if len(parts) == 1 {
		return parts[0], nil
	}
	return &texpr{op: "union", args: parts}, nil
}

func (p *parser) postfix(scope string) (*texpr, error) {
	x, err := p.primary(scope)
	if err != nil {
		return nil, err
	}
	for p.is("[") {
		p.next()
		if p.is("]") {
			p.next()
			x = &texpr{op: "array", args: []*texpr{x}}
			continue
		}
		idx, err := p.typeExpr(scope)
		if err != nil {
			return nil, err
		}
		if err := p.expect("]"); err != nil {
			return nil, err
		}
		x = &texpr{op: "index", args: []*texpr{x, idx}}
	}
	return x, nil
}

func (p *parser) qualName() (string, error) {
	name, err := p.ident()
	if err != nil {
		return "", err
	}
	for p.is(".") {
		p.next()
		more, err := p.ident()
		if err != nil {
			return "", err
		}
		name += "." + more
	}
	return name, nil
}

func (p *parser) primary(scope string) (*texpr, error) {
	t := p.peek()
	switch {
	case p.is("("):
		p.next()
		x, err := p.typeExpr(scope)
		if err != nil {
			return nil, err
		}
		return x, p.expect(")")
	case p.is("{"):
		p.next()
		it := &iface{}
		if err := p.members(it, scope); err != nil {
			return nil, err
		}
		return &texpr{op: "object", body: it, scope: scope}, nil
	case t.kind == tokString:
		p.next()
		return &texpr{op: "lit", name: t.text}, nil
	case t.kind == tokNumber:
		p.next()
		return &texpr{op: "prim", name: "number"}, nil
	case p.is("typeof"):
		p.next()
		name, err := p.qualName()
		if err != nil {
			return nil, err
		}
		return &texpr{op: "typeof", name: name, scope: scope}, nil
	case p.is("keyof"):
		p.next()
		x, err := p.postfix(scope)
		if err != nil {
			return nil, err
		}
		return &texpr{op: "keyof", args: []*texpr{x}}, nil
	case t.kind == tokIdent:
		name, err := p.qualName()
		if err != nil {
			return nil, err
		}
		switch name {
		case "string", "number", "boolean", "any", "unknown", "null", "undefined", "object", "never", "true", "false":
			return &texpr{op: "prim", name: name}, nil
		}
		if p.is("<") {
			p.next()
			var args []*texpr
			for {
				a, err := p.typeExpr(scope)
				if err != nil {
					return nil, err
				}
				args = append(args, a)
				if !p.is(",") {
					break
				}
				p.next()
			}
			if err := p.expect(">"); err != nil {
				return nil, err
			}
			return &texpr{op: "generic", name: name, args: args, scope: scope}, nil
		}
		return &texpr{op: "ref", name: name, scope: scope}, nil
	}
	return nil, fmt.Errorf("line %d: unexpected %q in a type", t.line, t.text)
}
