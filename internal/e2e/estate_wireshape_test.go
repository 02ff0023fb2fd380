package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/auth0/go-auth0/management"

	"github.com/seedtf/terraform-provider-auth0/internal/emulator"
)

// The connection estate's documented examples (every resource and data
// source hanging off a connection, and the profiles), each applied,
// planned and destroyed, send only requests of shapes Auth0 is seen to
// serve: recorded by the official clients, or, for the few no recording
// shows (the tenant listings, POST /keys), documented with that method
// and those query parameters in the OpenAPI document.
func TestEstateWireShapesAreRecorded(t *testing.T) {
	recorded := loadRecordedShapes(t)
	documented := loadDocumentedShapes(t)
	// Connection profiles are not in the OpenAPI document; the recordings
	// show every call of theirs but the listing, which the data source's
	// lookup by name pages through. Auth0's documentation lists the
	// endpoint (GET /api/v2/connection-profiles with from and take); its
	// answer's shape is the other checkpoint listings' (not verified).
	documented[shape{"GET", "/api/v2/connection-profiles"}] = map[string]bool{"from": true, "take": true}
	r := setup(t)
	allowSpecOnlyParams(t, recorded)
	ctx := context.Background()
	sdk, err := management.New(r.url, management.WithInsecure(), management.WithClientCredentials(ctx, r.clientID, r.secret))
	if err != nil {
		t.Fatal(err)
	}

	var examples []string
	for _, pattern := range []string{"../../examples/resources/auth0_connection_*/*.tf", "../../examples/data-sources/auth0_connection_*/*.tf"} {
		files, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			dir := filepath.Base(filepath.Dir(f))
			if strings.HasPrefix(filepath.Base(f), "import-by-") || dir == "auth0_connection_clients" {
				continue // ids of the reader's tenant; auth0_connection_clients is TestWireShapesAreRecorded's
			}
			examples = append(examples, f)
		}
	}
	if len(examples) < 15 {
		t.Fatalf("expected the examples of at least 15 estate types, found %v", examples)
	}

	var sent []emulator.Request
	for _, file := range examples {
		example, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		var vars []string
		for _, m := range variablePattern.FindAllStringSubmatch(string(example), -1) {
			value := "test-value-of-" + m[1]
			if strings.HasSuffix(m[1], "client_id") {
				name := "wire-estate-" + m[1]
				app := &management.Client{Name: &name}
				if err := sdk.Client.Create(ctx, app); err != nil {
					t.Fatal(err)
				}
				value = app.GetClientID()
			}
			vars = append(vars, "-var", m[1]+"="+value)
		}
		w := r.workspace(string(example))
		r.emu.ResetRequests()
		w.terraform(append([]string{"apply", "-auto-approve", "-input=false", "-no-color"}, vars...))
		w.terraform(append([]string{"plan", "-input=false", "-no-color", "-detailed-exitcode"}, vars...))
		w.terraform(append([]string{"destroy", "-auto-approve", "-input=false", "-no-color"}, vars...))
		sent = append(sent, r.emu.Requests()...)
	}

	var recordedOnly, documentedOnly []emulator.Request
	for _, req := range sent {
		s := shape{req.Method, pathShape(req.EscapedPath)}
		if _, ok := recorded.params[s]; ok {
			recordedOnly = append(recordedOnly, req)
		} else {
			documentedOnly = append(documentedOnly, req)
		}
	}
	checkWireShapes(t, recordedOnly, recorded)
	for _, req := range documentedOnly {
		s := shape{req.Method, pathShape(req.EscapedPath)}
		params, ok := documented[s]
		if !ok {
			t.Errorf("the provider sent %s (as %s %s), a shape neither recorded nor in the OpenAPI document", s, req.Method, req.EscapedPath)
			continue
		}
		query, err := url.ParseQuery(req.RawQuery)
		if err != nil {
			t.Errorf("the provider sent %s with a malformed query %q", s, req.RawQuery)
			continue
		}
		for name := range query {
			if !params[name] {
				t.Errorf("the provider sent %s with the query parameter %q, which the OpenAPI document does not list", s, name)
			}
		}
	}
	shapes := map[string]bool{}
	for _, req := range documentedOnly {
		shapes[shape{req.Method, pathShape(req.EscapedPath)}.String()] = true
	}
	t.Logf("not in the recordings (documented in the OpenAPI document, or the profiles listing): %s", strings.Join(slices.Sorted(maps.Keys(shapes)), ", "))
}

var (
	variablePattern  = regexp.MustCompile(`(?m)^variable "([^"]+)"`)
	openAPIPathParam = regexp.MustCompile(`\{[A-Za-z_]+\}`)
)

// loadDocumentedShapes reads the OpenAPI document's operations as shapes
// ({id} for every path parameter) with their query parameters.
func loadDocumentedShapes(t *testing.T) map[shape]map[string]bool {
	t.Helper()
	raw, err := os.ReadFile(openAPIFile)
	if err != nil {
		t.Fatalf("reading the OpenAPI document: %v", err)
	}
	var doc struct {
		Paths map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	out := map[shape]map[string]bool{}
	for path, ops := range doc.Paths {
		for method, opRaw := range ops {
			var op struct {
				Parameters []struct{ Name, In string } `json:"parameters"`
			}
			if json.Unmarshal(opRaw, &op) != nil {
				continue
			}
			s := shape{strings.ToUpper(method), "/api/v2" + openAPIPathParam.ReplaceAllString(path, "{id}")}
			out[s] = map[string]bool{}
			for _, p := range op.Parameters {
				if p.In == "query" {
					out[s][p.Name] = true
				}
			}
		}
	}
	if len(out) == 0 {
		t.Fatal(fmt.Errorf("the OpenAPI document lists no operation"))
	}
	return out
}
