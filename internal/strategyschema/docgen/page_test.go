package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/seedtf/terraform-provider-auth0/internal/strategyschema"
)

const notice = "../NOTICE"

// The options reference in templates/guides (which `make docs` writes) and
// in docs/guides (which tfplugindocs copies from it) is what the table
// generates today: a change of the table or of the generator without
// `make docs` fails here.
func TestReferenceIsCurrent(t *testing.T) {
	n, err := os.ReadFile(notice)
	if err != nil {
		t.Fatal(err)
	}
	for _, fam := range Families {
		want := Page(fam, n)
		for _, dir := range []string{"../../../templates/guides", "../../../docs/guides"} {
			got, err := os.ReadFile(filepath.Join(dir, FileName(fam.Name)))
			if err != nil {
				t.Errorf("%v: run make docs", err)
				continue
			}
			if string(got) != string(want) {
				t.Errorf("%s/%s is stale: run make docs and commit the result", dir, FileName(fam.Name))
			}
		}
	}
}

// Every strategy of the table is on the page of its family, with the SDK's
// notice; the marks say what the options rules decide.
func TestReferenceContent(t *testing.T) {
	n, err := os.ReadFile(notice)
	if err != nil {
		t.Fatal(err)
	}
	pages := map[string]string{}
	for _, fam := range Families {
		pages[fam.Name] = string(Page(fam, n))
		if !strings.Contains(pages[fam.Name], "MIT License") {
			t.Errorf("%s: the SDK's notice is missing", fam.Name)
		}
	}
	for _, s := range strategyschema.All() {
		page, ok := pages[s.Family]
		if !ok {
			t.Errorf("%s: family %q has no page", s.Name, s.Family)
			continue
		}
		if !strings.Contains(page, "### `"+s.Name+"`\n") {
			t.Errorf("%s is not on the %s page", s.Name, s.Family)
		}
	}
	for _, c := range []struct{ family, row string }{
		{"social", "| `app_secret` | string or null |  | type | **secret** |"},
		{"database", "| `passwordPolicy` | string or null | `none`, `low`, `fair`, `good`, `excellent` | type and values |"},
		{"enterprise", "| `cert` | string |  | type | **derived**, not configurable |"},
		{"enterprise", "| `signInEndpoint` | string |  | type | **derived** unless set |"},
		{"enterprise", "| `decryptionKey.key` | string |  | type | **secret** |"},
		{"passwordless", "| `twilio_token` | string |  | type | **secret** |"},
		{"passwordless", "| `totp.time_step` | number |"},
	} {
		if !strings.Contains(pages[c.family], c.row) {
			t.Errorf("the %s page has no row starting %q", c.family, c.row)
		}
	}
}
