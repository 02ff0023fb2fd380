package strategyschema

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// recordingDirs hold go-vcr cassettes of real Auth0 tenants, relative to the
// package directory.
var recordingDirs = []string{"../../../shared/auth0-api/recordings", "../../../shared/auth0-api/recordings-go-auth0"}

// Every connection a real tenant returned passes Check without a problem,
// not even an unknown key: `terraform plan -generate-config-out` writes the
// options a server returns into the configuration, so they must plan, and
// without warnings. A key a tenant returns that the SDK does not type goes
// into recorded (marks.go).
func TestRecordedOptionsCheck(t *testing.T) {
	var files []string
	for _, dir := range recordingDirs {
		f, _ := filepath.Glob(filepath.Join(dir, "*.yaml"))
		files = append(files, f...)
	}
	if len(files) == 0 {
		t.Skip("no recordings (the shared Auth0 API reference is absent)")
	}
	connections := 0
	for _, file := range files {
		bodies, err := responseBodies(file)
		if err != nil {
			t.Errorf("%s: %v", filepath.Base(file), err)
			continue
		}
		for _, b := range bodies {
			dec := json.NewDecoder(strings.NewReader(b.text))
			dec.UseNumber()
			var v any
			if dec.Decode(&v) != nil {
				continue
			}
			for _, conn := range connectionObjects(v) {
				opts, _ := conn["options"].(map[string]any)
				strategy, _ := conn["strategy"].(string)
				connections++
				for _, p := range Check(strategy, opts, nil) {
					// An unknown key too: a generated configuration would warn.
					t.Errorf("%s:%d: %s options.%s %s", filepath.Base(file), b.line, strategy, p.Path, p.Text())
				}
			}
		}
	}
	if connections == 0 {
		t.Fatal("found no connection objects in the recordings")
	}
	t.Logf("checked %d recorded connections", connections)
}

// connectionObjects finds the connection objects (with strategy and options)
// in a response: the body itself, the elements of a list, or the
// "connections" of a paged list.
func connectionObjects(v any) []map[string]any {
	switch v := v.(type) {
	case []any:
		var out []map[string]any
		for _, e := range v {
			out = append(out, connectionObjects(e)...)
		}
		return out
	case map[string]any:
		_, hasStrategy := v["strategy"]
		_, hasOptions := v["options"]
		if hasStrategy && hasOptions {
			return []map[string]any{v}
		}
		if list, ok := v["connections"]; ok {
			return connectionObjects(list)
		}
	}
	return nil
}

type recordedBody struct {
	line int
	text string
}

var bodyLine = regexp.MustCompile(`^(\s*)body:\s*(.*)$`)

// responseBodies extracts the response bodies of a go-vcr v2 cassette without
// a YAML library. It understands the scalar styles go-vcr writes: a
// single-quoted string (a doubled quote stands for one quote; it may
// continue over several lines, which YAML folds into spaces), a
// double-quoted string, and a literal block (|). Request bodies are skipped.
func responseBodies(path string) ([]recordedBody, error) {
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

	var out []recordedBody
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
			out = append(out, recordedBody{line: start, text: strings.ReplaceAll(text, "''", "'")})
		case strings.HasPrefix(value, `"`):
			text, err := strconv.Unquote(value)
			if err != nil {
				return nil, errorAt(start, "cannot read double-quoted body: "+err.Error())
			}
			out = append(out, recordedBody{line: start, text: text})
		case strings.HasPrefix(value, "|"):
			var b strings.Builder
			for i+1 < len(lines) && (strings.TrimSpace(lines[i+1]) == "" || leadingSpaces(lines[i+1]) > indent) {
				i++
				b.WriteString(strings.TrimSpace(lines[i]))
				b.WriteByte('\n')
			}
			out = append(out, recordedBody{line: start, text: b.String()})
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
