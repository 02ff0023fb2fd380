package connectionclient_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/seedtf/terraform-provider-auth0/internal/acctest"
	"github.com/seedtf/terraform-provider-auth0/internal/emulator"
)

// patchCounter serves the emulator and remembers how many PATCHes of a
// connection's clients were in flight at once.
type patchCounter struct {
	emu            *emulator.Server
	mu             sync.Mutex
	inFlight, most int
	patches        int
}

func (p *patchCounter) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	patch := r.Method == http.MethodPatch && strings.HasSuffix(r.URL.Path, "/clients")
	if patch {
		p.mu.Lock()
		p.inFlight++
		p.patches++
		p.most = max(p.most, p.inFlight)
		p.mu.Unlock()
		defer func() {
			p.mu.Lock()
			p.inFlight--
			p.mu.Unlock()
		}()
	}
	p.emu.ServeHTTP(w, r)
}

// api calls the emulator directly, for setup and checks.
func api(t *testing.T, emu *emulator.Server, method, path string, body any) map[string]any {
	t.Helper()
	raw, err := json.Marshal(body)
	if err != nil {
		t.Fatal(err)
	}
	req := httptest.NewRequest(method, "http://tenant.example/api/v2/"+path, bytes.NewReader(raw))
	req.Header.Set("Authorization", "Bearer "+emu.IssueToken())
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	emu.ServeHTTP(rec, req)
	var out map[string]any
	if rec.Code >= 300 || json.Unmarshal(rec.Body.Bytes(), &out) != nil {
		t.Fatalf("%s %s: %d %s", method, path, rec.Code, rec.Body)
	}
	return out
}

// Ten auth0_connection_client and an auth0_connection_clients of the same
// connection, applied at Terraform's parallelism of 10 on an emulator that
// takes its time: the provider never sends two changes of the
// connection's applications at once (the connection's lock, which both
// resources take), and all ten end enabled.
func TestAccConnectionClient_serializedWithConnectionClients(t *testing.T) {
	acctest.New(t) // the tests' own Terraform CLI configuration
	emu := emulator.New(emulator.Config{ClientID: "serialized", ClientSecret: "serialized-secret", Latency: 20 * time.Millisecond})
	counter := &patchCounter{emu: emu}
	srv := httptest.NewServer(counter)
	t.Cleanup(srv.Close)
	apps := make([]string, 10)
	for i := range apps {
		created := api(t, emu, http.MethodPost, "clients", map[string]any{"name": fmt.Sprintf("app-%d", i)})
		apps[i], _ = created["client_id"].(string)
	}
	var hcl strings.Builder
	fmt.Fprintf(&hcl, `
provider "auth0" {
  domain           = %q
  client_id        = "serialized"
  client_secret    = "serialized-secret"
  max_request_rate = 1000
}

resource "auth0_connection" "test" {
  name     = "serialized"
  strategy = "auth0"
}

resource "auth0_connection_clients" "test" {
  connection_id   = auth0_connection.test.id
  enabled_clients = [%s]
}
`, srv.URL, `"`+strings.Join(apps, `", "`)+`"`)
	for i, app := range apps {
		fmt.Fprintf(&hcl, "\nresource \"auth0_connection_client\" \"app%d\" {\n  connection_id = auth0_connection.test.id\n  client_id     = %q\n}\n", i, app)
	}
	var id string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: hcl.String(),
			Check: resource.ComposeTestCheckFunc(
				acctest.CaptureID("auth0_connection.test", &id),
				func(*terraform.State) error {
					page := api(t, emu, http.MethodGet, "connections/"+id+"/clients?take=100", nil)
					list, _ := page["clients"].([]any)
					var got []string
					for _, item := range list {
						m, _ := item.(map[string]any)
						clientID, _ := m["client_id"].(string)
						got = append(got, clientID)
					}
					want := slices.Clone(apps)
					slices.Sort(got)
					slices.Sort(want)
					if !slices.Equal(got, want) {
						return fmt.Errorf("enabled %v, want all ten %v", got, want)
					}
					counter.mu.Lock()
					defer counter.mu.Unlock()
					if counter.patches < 10 || counter.most != 1 {
						return fmt.Errorf("%d PATCHes of the connection's clients, at most %d at once; want at least 10, one at a time",
							counter.patches, counter.most)
					}
					return nil
				},
			),
		}},
	})
}
