// Package acctest runs acceptance tests against the in-process Management
// API emulator, or against a real tenant when AUTH0_DOMAIN is set.
package acctest

import (
	"context"
	"crypto/rand"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/auth0/go-auth0/management"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/seedtf/terraform-provider-auth0/internal/auth0api"
	"github.com/seedtf/terraform-provider-auth0/internal/emulator"
	"github.com/seedtf/terraform-provider-auth0/internal/provider"
)

// Credentials the in-process emulator accepts; test values, not secrets.
const (
	emulatorClientID     = "acctest-client-id"
	emulatorClientSecret = "acctest-client-secret"
)

// emulatorRequestRate lifts the client-side rate limit for the emulator,
// which has none unless a test sets one.
const emulatorRequestRate = 1000

// ProviderFactories serves the provider in-process to Terraform.
var ProviderFactories = map[string]func() (tfprotov6.ProviderServer, error){
	"auth0": func() (tfprotov6.ProviderServer, error) { return provider.NewServer("acctest")(), nil },
}

// Env is where one test's connections live.
type Env struct {
	// Client talks to the same API as the provider, for out-of-band edits
	// and for checks that ask the API.
	Client *auth0api.Client
	// SDK is the official go-auth0 management client on the same API, for
	// what the provider does not manage (applications).
	SDK *management.Management
	// Emulator is the in-process emulator, nil on a real tenant.
	Emulator *emulator.Server
	// providerBlock configures the provider for the emulator; empty on a
	// real tenant, where the AUTH0_* environment variables do.
	providerBlock string
}

// RealTenant reports whether the tests run against a real tenant.
func RealTenant() bool { return os.Getenv("AUTH0_DOMAIN") != "" }

var cliConfigOnce sync.Once

// useOwnCLIConfig points Terraform at an empty CLI configuration of the
// tests' own: whatever the machine's TF_CLI_CONFIG_FILE names (perhaps a
// missing file, perhaps dev_overrides) must not change what the tests run.
func useOwnCLIConfig() {
	cliConfigOnce.Do(func() {
		dir, err := os.MkdirTemp("", "auth0-acctest-")
		if err != nil {
			return
		}
		path := filepath.Join(dir, "terraformrc")
		if os.WriteFile(path, nil, 0o600) == nil {
			os.Setenv("TF_CLI_CONFIG_FILE", path)
		}
		os.Setenv("CHECKPOINT_DISABLE", "1")
	})
}

// New starts an emulator for the test, or uses the real tenant when
// AUTH0_DOMAIN is set.
func New(t *testing.T) *Env {
	t.Helper()
	useOwnCLIConfig()
	checkTerraformVersion(t)
	if RealTenant() {
		return realTenant(t)
	}
	return newEmulated(t, emulator.Config{}, emulatorRequestRate)
}

// NewEmulated starts an emulator with faults or limits (cfg; its
// credentials are filled in) for a provider limited to maxRequestRate
// requests per second (0: no ceiling set, the provider paces itself from
// the tenant's rate-limit headers). It always uses the
// emulator: faults cannot be injected into a real tenant.
func NewEmulated(t *testing.T, cfg emulator.Config, maxRequestRate int) *Env {
	t.Helper()
	useOwnCLIConfig()
	checkTerraformVersion(t)
	return newEmulated(t, cfg, maxRequestRate)
}

func realTenant(t *testing.T) *Env {
	t.Helper()
	ctx := context.Background()
	client, err := auth0api.New(ctx, auth0api.Config{
		Domain:       os.Getenv("AUTH0_DOMAIN"),
		ClientID:     os.Getenv("AUTH0_CLIENT_ID"),
		ClientSecret: os.Getenv("AUTH0_CLIENT_SECRET"),
		APIToken:     os.Getenv("AUTH0_API_TOKEN"),
		Audience:     os.Getenv("AUTH0_AUDIENCE"),
	})
	if err != nil {
		t.Fatalf("real tenant client: %v", err)
	}
	sdk, err := management.New(os.Getenv("AUTH0_DOMAIN"),
		management.WithClientCredentials(ctx, os.Getenv("AUTH0_CLIENT_ID"), os.Getenv("AUTH0_CLIENT_SECRET")))
	if err != nil {
		t.Fatalf("real tenant SDK client: %v", err)
	}
	return &Env{Client: client, SDK: sdk}
}

func newEmulated(t *testing.T, cfg emulator.Config, maxRequestRate int) *Env {
	t.Helper()
	ctx := context.Background()
	cfg.ClientID, cfg.ClientSecret = emulatorClientID, emulatorClientSecret
	emu := emulator.New(cfg)
	srv := httptest.NewServer(emu)
	t.Cleanup(srv.Close)
	client, err := auth0api.New(ctx, auth0api.Config{
		Domain: srv.URL, ClientID: emulatorClientID, ClientSecret: emulatorClientSecret,
		MaxRequestRate: emulatorRequestRate,
	})
	if err != nil {
		t.Fatalf("emulator client: %v", err)
	}
	sdk, err := management.New(srv.URL, management.WithInsecure(),
		management.WithClientCredentials(ctx, emulatorClientID, emulatorClientSecret))
	if err != nil {
		t.Fatalf("emulator SDK client: %v", err)
	}
	return &Env{
		Client:        client,
		SDK:           sdk,
		Emulator:      emu,
		providerBlock: providerBlock(srv.URL, maxRequestRate),
	}
}

func providerBlock(url string, maxRequestRate int) string {
	rate := ""
	if maxRequestRate > 0 {
		rate = fmt.Sprintf("  max_request_rate = %d\n", maxRequestRate)
	}
	return fmt.Sprintf("provider \"auth0\" {\n  domain        = %q\n  client_id     = %q\n  client_secret = %q\n%s}\n",
		url, emulatorClientID, emulatorClientSecret, rate)
}

// Config prefixes a test configuration with the provider block.
func (e *Env) Config(hcl string) string {
	return e.providerBlock + hcl
}

// RequireEmulator skips a test that inspects the emulator's request log on
// a real tenant (CI always runs the emulator).
func (e *Env) RequireEmulator(t *testing.T) {
	t.Helper()
	if e.Emulator == nil {
		t.Skip("inspects the emulator's request log; not available against a real tenant")
	}
}

var unsafeNameChars = regexp.MustCompile(`[^a-zA-Z0-9]+`)

// Name returns a connection name unique to this run: real tenants keep
// names of connections being deleted for a while.
func Name(t *testing.T) string {
	base := strings.Trim(unsafeNameChars.ReplaceAllString(strings.TrimPrefix(t.Name(), "TestAcc"), "-"), "-")
	if len(base) > 80 {
		base = base[:80]
	}
	return "tf-acc-" + base + "-" + strings.ToLower(rand.Text()[:8])
}

// CheckDestroyed asks the API that every auth0_connection of the state is
// gone.
func (e *Env) CheckDestroyed(s *terraform.State) error {
	for key, rs := range s.RootModule().Resources {
		if rs.Type != "auth0_connection" || strings.HasPrefix(key, "data.") {
			continue
		}
		_, err := e.Client.ReadConnection(context.Background(), rs.Primary.ID)
		if err == nil {
			return fmt.Errorf("connection %s still exists", rs.Primary.ID)
		}
		if !auth0api.IsNotFound(err) {
			return fmt.Errorf("checking connection %s: %w", rs.Primary.ID, err)
		}
	}
	return nil
}
