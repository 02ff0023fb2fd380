// Package cassette reads the go-vcr cassettes of real Auth0 traffic kept in
// ../shared/auth0-api, for the tests that check the provider's schemas
// against what a real tenant returned.
package cassette

import (
	"bufio"
	"bytes"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// ConnectionObjects finds the connection objects (with strategy and options)
// in a response: the body itself, the elements of a list, or the
// "connections" of a paged list.
func ConnectionObjects(v any) []map[string]any {
	switch v := v.(type) {
	case []any:
		var out []map[string]any
		for _, e := range v {
			out = append(out, ConnectionObjects(e)...)
		}
		return out
	case map[string]any:
		_, hasStrategy := v["strategy"]
		_, hasOptions := v["options"]
		if hasStrategy && hasOptions {
			return []map[string]any{v}
		}
		if list, ok := v["connections"]; ok {
			return ConnectionObjects(list)
		}
	}
	return nil
}

// Body is one response body of a cassette and the line it starts on.
type Body struct {
	Line int
	Text string
}

var bodyLine = regexp.MustCompile(`^(\s*)body:\s*(.*)$`)

// ResponseBodies extracts the response bodies of a go-vcr v2 cassette without
// a YAML library. It understands the scalar styles go-vcr writes: a
// single-quoted string (a doubled quote stands for one quote; it may
// continue over several lines, which YAML folds into spaces), a
// double-quoted string, and a literal block (|). Request bodies are skipped.
func ResponseBodies(path string) ([]Body, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var lines []string
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}

	var out []Body
	inResponse := false
	for i := 0; i < len(lines); i++ {
		trimmed := strings.TrimSpace(lines[i])
		switch {
		case trimmed == "response:":
			inResponse = true
			continue
		case trimmed == "request:" || strings.HasPrefix(trimmed, "- id:"):
			inResponse = false
			continue
		}
		m := bodyLine.FindStringSubmatch(lines[i])
		if m == nil || !inResponse {
			continue
		}
		indent, value := len(m[1]), m[2]
		start := i + 1
		switch {
		case strings.HasPrefix(value, "'"):
			text := value[1:]
			for !closedSingleQuoted(text) {
				i++
				if i >= len(lines) {
					return nil, errorAt(start, "unterminated single-quoted body")
				}
				text += " " + strings.TrimSpace(lines[i])
			}
			text = strings.TrimSuffix(strings.TrimRight(text, " "), "'")
			out = append(out, Body{Line: start, Text: strings.ReplaceAll(text, "''", "'")})
		case strings.HasPrefix(value, `"`):
			text, err := strconv.Unquote(value)
			if err != nil {
				return nil, errorAt(start, "cannot read double-quoted body: "+err.Error())
			}
			out = append(out, Body{Line: start, Text: text})
		case strings.HasPrefix(value, "|"):
			var b strings.Builder
			for i+1 < len(lines) && (strings.TrimSpace(lines[i+1]) == "" || leadingSpaces(lines[i+1]) > indent) {
				i++
				b.WriteString(strings.TrimSpace(lines[i]))
				b.WriteByte('\n')
			}
			out = append(out, Body{Line: start, Text: b.String()})
		}
	}
	return out, nil
}

// closedSingleQuoted reports whether s (the text after the opening quote)
// ends with the closing quote: an odd number of trailing quotes, since a
// doubled quote stands for one quote.
func closedSingleQuoted(s string) bool {
	s = strings.TrimRight(s, " ")
	n := len(s) - len(strings.TrimRight(s, "'"))
	return n%2 == 1
}

func leadingSpaces(s string) int {
	return len(s) - len(strings.TrimLeft(s, " "))
}

type cassetteError struct {
	line int
	msg  string
}

func (e cassetteError) Error() string { return "line " + strconv.Itoa(e.line) + ": " + e.msg }

func errorAt(line int, msg string) error { return cassetteError{line: line, msg: msg} }

// SkipSharedAbsent stops a test that needs the shared Auth0 API reference
// (../shared, next to the repository) when it is absent: in CI, where the
// reference is always checked out, that is a failure, so a fidelity figure
// is never reported without being measured; elsewhere the test is skipped,
// saying loudly that nothing was measured (go test prints a skip with -v
// only, and prints "ok" for the package either way).
func SkipSharedAbsent(t testing.TB, format string, args ...any) {
	t.Helper()
	if onCI() {
		t.Fatalf("CI is set and "+format+": this test measures nothing without it; "+
			"check out the shared Auth0 API reference next to the repository", args...)
	}
	t.Skipf("NOTHING WAS MEASURED: "+format+"; this test did not run, whatever \"ok\" go test prints "+
		"(with CI set this is a failure)", args...)
}

// onCI reports whether the tests run in CI (CI set, as CI systems do, and
// not "false" or "0").
func onCI() bool {
	v := strings.ToLower(strings.TrimSpace(os.Getenv("CI")))
	return v != "" && v != "false" && v != "0"
}
