package e2e

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/auth0/go-auth0/management"
	"gopkg.in/yaml.v3"

	"github.com/seedtf/terraform-provider-auth0/internal/auth0api"
	"github.com/seedtf/terraform-provider-auth0/internal/cassette"
	"github.com/seedtf/terraform-provider-auth0/internal/emulator"
)

// recordingDirs are the cassettes of real Auth0 traffic (the official
// Terraform provider's and the official Go SDK's), relative to this
// package; CONTRACT.md in their parent sums them up.
var recordingDirs = []string{
	"../../../shared/auth0-api/recordings",
	"../../../shared/auth0-api/recordings-go-auth0",
}

// openAPIFile is Auth0's OpenAPI description of the /connections paths.
const openAPIFile = "../../../shared/auth0-api/openapi-connections.json"

// specOnlyParams are the query parameters the provider sends that no
// recorded request carries, each accepted because Auth0's OpenAPI document
// lists it for that route (the test checks that it does). The recordings
// come from go-auth0, which lists connections with page 0 left out and
// without a strategy filter, and reads enabled clients without a page
// size; these are the provider's own choices of documented parameters.
var specOnlyParams = []struct {
	method, path, param, reason string
}{
	{"GET", "/api/v2/connections", "strategy", "auth0_connections filters by strategy on the server; the recorded lists never filter"},
	{"GET", "/api/v2/connections", "page", "the provider lists with include_totals=true&page=0&per_page=100; the recorded offset listings (go-auth0) leave page=0 out"},
	{"GET", "/api/v2/connections/{id}/clients", "take", "the provider reads enabled clients with take=100; go-auth0 sends no take (default 50)"},
}

// Every request the provider makes in a representative run has a method
// and path shape that real Auth0 traffic shows, and only query parameters
// real requests to the same route carry. The run covers four strategies,
// an update of options and of an attribute, an import, the enabled clients
// of a connection (create, update, destroy), both data sources and a
// destroy. It is what would have caught /api/v2/connections%2Fcon_…, a path
// that the emulator once served and Auth0 routes nowhere.
func TestWireShapesAreRecorded(t *testing.T) {
	recorded := loadRecordedShapes(t)
	r := setup(t)
	ctx := context.Background()
	sdk, err := management.New(r.url, management.WithInsecure(), management.WithClientCredentials(ctx, r.clientID, r.secret))
	if err != nil {
		t.Fatal(err)
	}
	var apps []string
	for i := range 3 {
		name := fmt.Sprintf("wire-app-%d", i)
		app := &management.Client{Name: &name}
		if err := sdk.Client.Create(ctx, app); err != nil {
			t.Fatal(err)
		}
		apps = append(apps, app.GetClientID())
	}

	allowSpecOnlyParams(t, recorded)

	var sent []emulator.Request
	running := false
	tf := func(w *workspace, command string, args ...string) {
		t.Helper()
		r.emu.ResetRequests()
		running = true
		w.terraform(append([]string{command, "-input=false", "-no-color"}, args...))
		running = false
		sent = append(sent, r.emu.Requests()...)
	}
	// The check runs even when a command fails (a request Auth0 does not
	// route fails the run too): its requests are checked as well.
	defer func() {
		if running {
			sent = append(sent, r.emu.Requests()...)
		}
		checkWireShapes(t, sent, recorded)
	}()

	primary := r.workspace(wireConfig(apps[:2], "good", "Google"))
	tf(primary, "apply", "-auto-approve")
	tf(primary, "plan", "-detailed-exitcode")
	primary.setConfig(wireConfig(apps[1:], "excellent", "Google Workspace"))
	tf(primary, "apply", "-auto-approve")

	// An import of a connection made outside Terraform, and of its
	// enabled clients.
	name, strategy := "wire-imported", "auth0"
	conn, err := r.client.CreateConnection(ctx, &auth0api.Connection{Name: &name, Strategy: &strategy})
	if err != nil {
		t.Fatal(err)
	}
	if err := r.client.UpdateEnabledClients(ctx, conn.ID, []auth0api.ClientStatus{{ClientID: apps[0], Status: true}}); err != nil {
		t.Fatal(err)
	}
	imported := r.workspace(fmt.Sprintf(`
resource "auth0_connection" "imported" {
  name     = %q
  strategy = "auth0"
}

resource "auth0_connection_clients" "imported" {
  connection_id   = auth0_connection.imported.id
  enabled_clients = [%q]
}
`, name, apps[0]))
	tf(imported, "import", "auth0_connection.imported", conn.ID)
	tf(imported, "import", "auth0_connection_clients.imported", conn.ID)
	tf(imported, "plan", "-detailed-exitcode")
	tf(imported, "destroy", "-auto-approve")
	tf(primary, "destroy", "-auto-approve")
}

// checkWireShapes reports the requests whose shape or query parameters no
// recorded request shows, and logs what was sent.
func checkWireShapes(t *testing.T, sent []emulator.Request, recorded recordedShapes) {
	t.Helper()
	if len(sent) == 0 {
		t.Error("the emulator received no request: nothing was checked")
		return
	}
	for _, problem := range unrecordedShapes(sent, recorded) {
		t.Error(problem)
	}
	queries := map[shape]map[string]bool{}
	for _, req := range sent {
		s := shape{req.Method, pathShape(req.EscapedPath)}
		if queries[s] == nil {
			queries[s] = map[string]bool{}
		}
		if req.RawQuery != "" {
			queries[s][embeddedID.ReplaceAllString(req.RawQuery, "{id}")] = true
		}
	}
	var lines []string
	for s, n := range shapesOf(sent) {
		lines = append(lines, fmt.Sprintf("  %3d x %s (recorded in %s) %s", n, s, recorded.example[s],
			strings.Join(slices.Sorted(maps.Keys(queries[s])), " ")))
	}
	sort.Strings(lines)
	t.Logf("%d provider requests in %d shapes:\n%s", len(sent), len(lines), strings.Join(lines, "\n"))
}

// allowSpecOnlyParams adds specOnlyParams to the recorded parameters,
// after checking that the OpenAPI document lists each for its route.
func allowSpecOnlyParams(t *testing.T, rec recordedShapes) {
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
	for _, p := range specOnlyParams {
		var op struct {
			Parameters []struct{ Name, In string } `json:"parameters"`
		}
		opRaw := doc.Paths[strings.TrimPrefix(p.path, "/api/v2")][strings.ToLower(p.method)]
		if opRaw == nil || json.Unmarshal(opRaw, &op) != nil ||
			!slices.ContainsFunc(op.Parameters, func(q struct{ Name, In string }) bool { return q.In == "query" && q.Name == p.param }) {
			t.Errorf("specOnlyParams: the OpenAPI document lists no query parameter %q for %s %s", p.param, p.method, p.path)
			continue
		}
		s := shape{p.method, p.path}
		if rec.params[s] == nil {
			t.Errorf("specOnlyParams: no recorded request has the shape %s", s)
			continue
		}
		if rec.params[s][p.param] {
			t.Errorf("specOnlyParams: %s %q is recorded now; drop its entry", s, p.param)
			continue
		}
		rec.params[s][p.param] = true
		t.Logf("not in the recordings, documented in the OpenAPI document: %s ?%s: %s", s, p.param, p.reason)
	}
}

// wireConfig is the main workspace's configuration: four strategies, the
// enabled clients of the database connection and both data sources.
func wireConfig(clients []string, policy, googleName string) string {
	quoted := make([]string, len(clients))
	for i, c := range clients {
		quoted[i] = fmt.Sprintf("%q", c)
	}
	return fmt.Sprintf(`
resource "auth0_connection" "db" {
  name     = "wire-db"
  strategy = "auth0"
  options = {
    passwordPolicy         = %q
    brute_force_protection = true
  }
}

resource "auth0_connection" "google" {
  name         = "wire-google"
  strategy     = "google-oauth2"
  display_name = %q
  options = {
    client_id = "1234567890-abcdef.apps.googleusercontent.com"
    email     = true
    profile   = true
  }
}

resource "auth0_connection" "saml" {
  name     = "wire-saml"
  strategy = "samlp"
  options = {
    signInEndpoint     = "https://idp.example.com/saml/sso"
    signatureAlgorithm = "rsa-sha256"
    digestAlgorithm    = "sha256"
  }
}

resource "auth0_connection" "sms" {
  name     = "wire-sms"
  strategy = "sms"
  options = {
    name     = "wire-sms"
    from     = "+15555550100"
    syntax   = "md_with_macros"
    template = "Your code is @@password@@"
    totp     = { time_step = 300, length = 6 }
  }
}

resource "auth0_connection_clients" "db" {
  connection_id   = auth0_connection.db.id
  enabled_clients = [%s]
}

data "auth0_connection" "by_id" {
  id = auth0_connection.google.id
}

data "auth0_connection" "by_name" {
  name = auth0_connection.sms.name
}

data "auth0_connections" "all" {
  depends_on = [auth0_connection.db, auth0_connection.google, auth0_connection.saml, auth0_connection.sms]
}

data "auth0_connections" "enterprise" {
  strategy   = ["samlp"]
  depends_on = [auth0_connection.saml]
}

output "found" {
  value = [data.auth0_connection.by_id.name, data.auth0_connection.by_name.name,
  length(data.auth0_connections.all.connections), length(data.auth0_connections.enterprise.connections)]
}
`, policy, googleName, strings.Join(quoted, ", "))
}

// shape is a request's method and escaped path with ids as {id}.
type shape struct{ method, path string }

func (s shape) String() string { return s.method + " " + s.path }

// recordedShapes are the shapes of the recorded requests and, by shape,
// the names of the query parameters some request of that shape carried.
type recordedShapes struct {
	params map[shape]map[string]bool
	// example names a cassette showing each shape.
	example map[shape]string
}

var (
	wireConnectionID = regexp.MustCompile(`^con_[A-Za-z0-9]+$`)
	wireClientID     = regexp.MustCompile(`^[A-Za-z0-9]{32}$`)
	// wireOtherID is a SCIM token's or a connection profile's id.
	wireOtherID = regexp.MustCompile(`^(tok|cop)_[A-Za-z0-9]+$`)
	// embeddedID finds a connection id inside a segment, such as the one
	// of connections%2Fcon_….
	embeddedID = regexp.MustCompile(`con_[A-Za-z0-9]+`)
)

// pathShape normalises an escaped path: every segment that is a
// connection or client id becomes {id}. Segments are split at literal "/"
// only and never unescaped, so an escaped "/" (%2F) stays visible in the
// shape (connections%2F{id}) and matches nothing Auth0 is seen to serve.
func pathShape(escaped string) string {
	segs := strings.Split(escaped, "/")
	for i, s := range segs {
		switch {
		case wireConnectionID.MatchString(s), wireClientID.MatchString(s), wireOtherID.MatchString(s):
			segs[i] = "{id}"
		default:
			segs[i] = embeddedID.ReplaceAllString(s, "{id}")
		}
	}
	return strings.Join(segs, "/")
}

// recordedCassette is the part of a go-vcr cassette this test reads.
type recordedCassette struct {
	Interactions []struct {
		Request struct {
			Method string `yaml:"method"`
			URL    string `yaml:"url"`
		} `yaml:"request"`
	} `yaml:"interactions"`
}

func loadRecordedShapes(t *testing.T) recordedShapes {
	t.Helper()
	rec := recordedShapes{params: map[shape]map[string]bool{}, example: map[shape]string{}}
	for _, dir := range recordingDirs {
		if _, err := os.Stat(dir); errors.Is(err, os.ErrNotExist) {
			cassette.SkipSharedAbsent(t, "%s is absent (the shared Auth0 API reference is not checked out next to the repository)", dir)
		}
		files, err := filepath.Glob(filepath.Join(dir, "*.yaml"))
		if err != nil {
			t.Fatal(err)
		}
		if len(files) == 0 {
			t.Fatalf("no cassettes in %s", dir)
		}
		for _, file := range files {
			raw, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			var c recordedCassette
			if err := yaml.Unmarshal(raw, &c); err != nil {
				t.Fatalf("%s: %v", file, err)
			}
			for _, it := range c.Interactions {
				u, err := url.Parse(it.Request.URL)
				if err != nil {
					t.Fatalf("%s: %v", file, err)
				}
				rec.add(shape{it.Request.Method, pathShape(u.EscapedPath())}, u.Query(), filepath.Base(file))
			}
		}
	}
	return rec
}

func (rec recordedShapes) add(s shape, query url.Values, cassette string) {
	if rec.params[s] == nil {
		rec.params[s] = map[string]bool{}
		rec.example[s] = cassette
	}
	for name := range query {
		rec.params[s][name] = true
	}
}

// shapesOf counts the requests by shape.
func shapesOf(reqs []emulator.Request) map[shape]int {
	out := map[shape]int{}
	for _, req := range reqs {
		out[shape{req.Method, pathShape(req.EscapedPath)}]++
	}
	return out
}

// unrecordedShapes lists, once each, the request shapes and query
// parameters of reqs that no recorded request shows.
func unrecordedShapes(reqs []emulator.Request, rec recordedShapes) []string {
	seen := map[string]bool{}
	var problems []string
	note := func(p string) {
		if !seen[p] {
			seen[p] = true
			problems = append(problems, p)
		}
	}
	for _, req := range reqs {
		s := shape{req.Method, pathShape(req.EscapedPath)}
		names, ok := rec.params[s]
		if !ok {
			note(fmt.Sprintf("the provider sent %s (as %s %s), a request shape no recorded Auth0 request shows; recorded shapes: %s",
				s, req.Method, req.EscapedPath, strings.Join(rec.shapesLike(s), ", ")))
			continue
		}
		query, err := url.ParseQuery(req.RawQuery)
		if err != nil {
			note(fmt.Sprintf("the provider sent %s with a malformed query %q", s, req.RawQuery))
			continue
		}
		for _, name := range slices.Sorted(maps.Keys(query)) {
			if !names[name] {
				note(fmt.Sprintf("the provider sent %s with the query parameter %q, which no recorded request of that shape carries (recorded: %s)",
					s, name, strings.Join(slices.Sorted(maps.Keys(names)), ", ")))
			}
		}
	}
	return problems
}

// shapesLike lists the recorded shapes of the same method, for a failure
// message.
func (rec recordedShapes) shapesLike(s shape) []string {
	var out []string
	for k := range rec.params {
		if k.method == s.method && strings.HasPrefix(k.path, "/api/v2/connections") {
			out = append(out, k.path)
		}
	}
	sort.Strings(out)
	return out
}

// The checker itself needs no Terraform: a path with an escaped "/" or an
// unrecorded query parameter is reported, recorded ones are not.
func TestWireShapeChecker(t *testing.T) {
	rec := recordedShapes{params: map[shape]map[string]bool{}, example: map[shape]string{}}
	for _, u := range []string{
		"https://tenant.example/api/v2/connections/con_AbCdEfGhIjKlMnOp",
		"https://tenant.example/api/v2/connections/con_AbCdEfGhIjKlMnOp/clients",
		"https://tenant.example/api/v2/connections?include_totals=true&name=x&per_page=50",
		"https://tenant.example/api/v2/clients/Cw6DBeQBIwQJ46nczYzxJgjx9RxGDJA2",
	} {
		parsed, err := url.Parse(u)
		if err != nil {
			t.Fatal(err)
		}
		rec.add(shape{"GET", pathShape(parsed.EscapedPath())}, parsed.Query(), "test")
		rec.add(shape{"PATCH", pathShape(parsed.EscapedPath())}, parsed.Query(), "test")
	}
	tests := []struct {
		req  emulator.Request
		fail bool
	}{
		{emulator.Request{Method: "GET", EscapedPath: "/api/v2/connections/con_0123456789abcdef"}, false},
		{emulator.Request{Method: "PATCH", EscapedPath: "/api/v2/connections/con_0123456789abcdef/clients"}, false},
		{emulator.Request{Method: "GET", EscapedPath: "/api/v2/clients/" + strings.Repeat("a", 32)}, false},
		{emulator.Request{Method: "GET", EscapedPath: "/api/v2/connections", RawQuery: "name=a&per_page=5"}, false},
		{emulator.Request{Method: "GET", EscapedPath: "/api/v2/connections%2Fcon_0123456789abcdef"}, true},
		{emulator.Request{Method: "PATCH", EscapedPath: "/api/v2/connections/con_0123456789abcdef%2Fclients"}, true},
		{emulator.Request{Method: "DELETE", EscapedPath: "/api/v2/connections/con_0123456789abcdef"}, true},
		{emulator.Request{Method: "GET", EscapedPath: "/api/v2/connections", RawQuery: "name=a&q=x"}, true},
	}
	for _, tt := range tests {
		got := unrecordedShapes([]emulator.Request{tt.req}, rec)
		if (len(got) > 0) != tt.fail {
			t.Errorf("%s %s?%s: problems %q, want failure %v", tt.req.Method, tt.req.EscapedPath, tt.req.RawQuery, got, tt.fail)
		}
	}
}
