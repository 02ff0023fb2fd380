package strategyschema

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/seedtf/terraform-provider-auth0/internal/cassette"
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
		cassette.SkipSharedAbsent(t, "no recordings (the shared Auth0 API reference is absent)")
	}
	connections := 0
	for _, file := range files {
		bodies, err := cassette.ResponseBodies(file)
		if err != nil {
			t.Errorf("%s: %v", filepath.Base(file), err)
			continue
		}
		for _, b := range bodies {
			dec := json.NewDecoder(strings.NewReader(b.Text))
			dec.UseNumber()
			var v any
			if dec.Decode(&v) != nil {
				continue
			}
			for _, conn := range cassette.ConnectionObjects(v) {
				opts, _ := conn["options"].(map[string]any)
				strategy, _ := conn["strategy"].(string)
				connections++
				for _, p := range Check(strategy, opts, nil) {
					// An unknown key too: a generated configuration would warn.
					t.Errorf("%s:%d: %s options.%s %s", filepath.Base(file), b.Line, strategy, p.Path, p.Text())
				}
			}
		}
	}
	if connections == 0 {
		t.Fatal("found no connection objects in the recordings")
	}
	t.Logf("checked %d recorded connections", connections)
}
