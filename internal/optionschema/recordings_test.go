package optionschema

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/seedtf/terraform-provider-auth0/internal/cassette"
)

// recordingsDir holds go-vcr cassettes of a real Auth0 tenant, relative to
// the package directory.
const recordingsDir = "../../../shared/auth0-api/recordings"

// TestRecordedOptionsValidate checks that the options of every connection a
// real Auth0 tenant returned pass Validate: `terraform plan
// -generate-config-out` writes them into the configuration as they are.
func TestRecordedOptionsValidate(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(recordingsDir, "*.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		cassette.SkipSharedAbsent(t, "no recordings in %s (the shared Auth0 API reference is absent)", recordingsDir)
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
			if err := dec.Decode(&v); err != nil {
				continue // not JSON (or empty)
			}
			for _, conn := range cassette.ConnectionObjects(v) {
				connections++
				for _, viol := range Validate(conn["options"]) {
					t.Errorf("%s:%d: connection %v (strategy %v): %s", filepath.Base(file), b.Line, conn["name"], conn["strategy"], viol)
				}
			}
		}
	}
	if connections == 0 {
		t.Fatalf("found no connection objects in %d recordings; is the cassette parser broken?", len(files))
	}
	t.Logf("validated the options of %d recorded connection objects in %d files", connections, len(files))
}
