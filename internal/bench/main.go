// Command bench measures what Terraform runs of the provider cost against
// the emulator: API calls by method and route, wall time and the provider's
// peak memory, for N managed connections in a tenant of T = 2N, with and
// without a rate limit. It prints tables; it asserts nothing.
//
//	go run ./internal/bench -n 10,100,500
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/seedtf/terraform-provider-auth0/internal/auth0api"
	"github.com/seedtf/terraform-provider-auth0/internal/emulator"
)

func main() {
	sizes := flag.String("n", "10,100,500", "comma-separated numbers of managed connections")
	rate := flag.Float64("rate", 5, "requests per second of the rate-limited runs (0 skips them)")
	verbose := flag.Bool("v", false, "show terraform's output")
	flag.Parse()
	if err := run(*sizes, *rate, *verbose); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func run(sizes string, rate float64, verbose bool) error {
	tf, err := exec.LookPath("terraform")
	if err != nil {
		return fmt.Errorf("terraform is not on PATH (make bench finds one): %w", err)
	}
	work, err := os.MkdirTemp("", "auth0-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)
	bin := filepath.Join(work, "bin")
	build := exec.Command("go", "build", "-o", filepath.Join(bin, "terraform-provider-auth0"), "github.com/seedtf/terraform-provider-auth0")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		return fmt.Errorf("building the provider: %w", err)
	}
	b := &bench{terraform: tf, bin: bin, verbose: verbose}
	var ns []int
	for _, s := range strings.Split(sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n <= 0 {
			return fmt.Errorf("bad -n %q", sizes)
		}
		ns = append(ns, n)
	}
	fmt.Printf("terraform-provider-auth0 benchmark, %s, GOMAXPROCS %d, %s\n\n", time.Now().Format("2006-01-02"), maxProcs(), version(tf))
	var rows []row
	for _, n := range ns {
		r, err := b.scenario(n, 0)
		if err != nil {
			return err
		}
		rows = append(rows, r...)
	}
	if rate > 0 {
		for _, n := range ns {
			r, err := b.scenario(n, rate)
			if err != nil {
				return err
			}
			rows = append(rows, r...)
		}
	}
	printTable(os.Stdout, rows)
	return nil
}

type bench struct {
	terraform string
	bin       string
	verbose   bool
}

// row is one phase of one scenario.
type row struct {
	n, tenant int
	rate      float64
	phase     string
	calls     map[string]int
	wall      time.Duration
	peakRSS   int64 // bytes
}

func (r row) total() int {
	t := 0
	for _, c := range r.calls {
		t += c
	}
	return t
}

// scenario runs the phases for n connections in a tenant of 2n, with the
// emulator limited to rate requests per second (0: unlimited).
func (b *bench) scenario(n int, rate float64) ([]row, error) {
	ctx := context.Background()
	cfg := emulator.Config{ClientID: "bench-client", ClientSecret: "bench-secret"}
	if rate > 0 {
		cfg.RateLimitRPS, cfg.RateLimitBurst = rate, int(rate)
	}
	emu := emulator.New(cfg)
	srv := httptest.NewServer(emu)
	defer srv.Close()

	// The other half of the tenant: connections Terraform does not manage.
	seed, err := auth0api.New(ctx, auth0api.Config{Domain: srv.URL, ClientID: cfg.ClientID, ClientSecret: cfg.ClientSecret, MaxRequestRate: 1000})
	if err != nil {
		return nil, err
	}
	if rate > 0 {
		seed, err = auth0api.New(ctx, auth0api.Config{Domain: srv.URL, ClientID: cfg.ClientID, ClientSecret: cfg.ClientSecret, MaxRequestRate: rate})
		if err != nil {
			return nil, err
		}
	}
	for i := range n {
		name, strategy := fmt.Sprintf("unmanaged-%04d", i), "auth0"
		if _, err := seed.CreateConnection(ctx, &auth0api.Connection{Name: &name, Strategy: &strategy}); err != nil {
			return nil, fmt.Errorf("seeding the tenant: %w", err)
		}
	}

	dir, err := os.MkdirTemp("", "auth0-bench-run-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	rc := filepath.Join(dir, "terraformrc")
	if err := os.WriteFile(rc, []byte(fmt.Sprintf(`provider_installation {
  dev_overrides {
    "registry.terraform.io/seedtf/auth0" = %q
    "registry.opentofu.org/seedtf/auth0" = %q
  }
  direct {}
}
`, b.bin, b.bin)), 0o600); err != nil {
		return nil, err
	}
	providerRate := 1000.0 // unlimited emulator: the provider does not hold back
	if rate > 0 {
		providerRate = rate
	}
	env := append(os.Environ(),
		"TF_CLI_CONFIG_FILE="+rc, "TF_IN_AUTOMATION=1", "CHECKPOINT_DISABLE=1",
		"AUTH0_DOMAIN="+srv.URL, "AUTH0_CLIENT_ID="+cfg.ClientID, "AUTH0_CLIENT_SECRET="+cfg.ClientSecret, "AUTH0_API_TOKEN=",
	)
	phases := []struct {
		name, displayName, policy string
		args                      []string
		okCodes                   []int
	}{
		{"create", "Users", "good", []string{"apply", "-auto-approve", "-input=false"}, nil},
		{"no-change plan", "Users", "good", []string{"plan", "-input=false", "-detailed-exitcode"}, nil},
		{"update attribute", "Staff", "good", []string{"apply", "-auto-approve", "-input=false"}, nil},
		{"update options", "Staff", "excellent", []string{"apply", "-auto-approve", "-input=false"}, nil},
		{"destroy", "Staff", "excellent", []string{"destroy", "-auto-approve", "-input=false"}, nil},
	}
	var rows []row
	for _, p := range phases {
		if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(configFor(n, providerRate, p.displayName, p.policy)), 0o600); err != nil {
			return nil, err
		}
		emu.ResetRequests()
		tokensBefore := len(emu.IssuedTokens())
		watch := watchRSS(filepath.Join(b.bin, "terraform-provider-auth0"))
		start := time.Now()
		cmd := exec.Command(b.terraform, append([]string{"-chdir=" + dir}, p.args...)...)
		cmd.Env = env
		var out strings.Builder
		cmd.Stdout, cmd.Stderr = &out, &out
		err := cmd.Run()
		wall := time.Since(start)
		peak := watch()
		if b.verbose {
			fmt.Fprintln(os.Stderr, out.String())
		}
		if err != nil {
			return nil, fmt.Errorf("phase %q of n=%d, rate %v: %v\n%s", p.name, n, rate, err, out.String())
		}
		calls := map[string]int{}
		for _, r := range emu.Requests() {
			calls[r.Method+" "+route(r.Path)]++
		}
		calls["POST /oauth/token"] = len(emu.IssuedTokens()) - tokensBefore
		rows = append(rows, row{n: n, tenant: 2 * n, rate: rate, phase: p.name, calls: calls, wall: wall, peakRSS: peak})
	}
	return rows, nil
}

// route folds ids out of a path: /api/v2/connections/{id}.
func route(p string) string {
	parts := strings.Split(p, "/")
	for i, s := range parts {
		if strings.HasPrefix(s, "con_") {
			parts[i] = "{id}"
		}
	}
	return strings.Join(parts, "/")
}

func configFor(n int, rate float64, displayName, policy string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "terraform {\n  required_providers {\n    auth0 = { source = \"seedtf/auth0\" }\n  }\n}\n\nprovider \"auth0\" {\n  max_request_rate = %v\n}\n", rate)
	fmt.Fprintf(&b, `
resource "auth0_connection" "c" {
  count        = %d
  name         = "managed-${count.index}"
  strategy     = "auth0"
  display_name = "%s ${count.index}"
  options = {
    passwordPolicy   = %q
    password_history = { enable = true, size = 5 }
  }
}
`, n, displayName, policy)
	return b.String()
}

func printTable(w io.Writer, rows []row) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "N\tT\trate limit\tphase\tAPI calls\tcalls by method and route\twall time\tphysical bound\tprovider peak RSS\t")
	for _, r := range rows {
		limit, bound := "none", "-"
		if r.rate > 0 {
			limit = fmt.Sprintf("%g/s", r.rate)
			bound = (time.Duration(float64(r.total()) / r.rate * float64(time.Second))).Round(100 * time.Millisecond).String()
		}
		fmt.Fprintf(tw, "%d\t%d\t%s\t%s\t%d\t%s\t%s\t%s\t%.1f MB\t\n", r.n, r.tenant, limit, r.phase, r.total(),
			byRoute(r.calls), r.wall.Round(10*time.Millisecond), bound, float64(r.peakRSS)/(1<<20))
	}
	tw.Flush()
	fmt.Fprintln(w, "\nphysical bound: the least time the calls can take at the rate limit (calls / rate).")
}

func byRoute(calls map[string]int) string {
	keys := make([]string, 0, len(calls))
	for k, v := range calls {
		if v > 0 {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s %d", k, calls[k])
	}
	return strings.Join(parts, ", ")
}

func version(tf string) string {
	out, err := exec.Command(tf, "version").Output()
	if err != nil {
		return "terraform ?"
	}
	return strings.SplitN(string(out), "\n", 2)[0]
}
