// Command bench measures what Terraform runs of the provider cost against
// the emulator, served over TLS, beside the official provider
// (auth0/auth0, built once from the Go module proxy): API calls by method
// and route, median wall time over alternating rounds, and each provider's
// peak memory, for N managed connections in a tenant of T = 2N, with and
// without a rate limit. It prints tables; it asserts nothing.
//
//	go run ./internal/bench -n 50,200 -rounds 3
//	go run ./internal/bench -n 50 -unlimited=false -rate 2,5,20 -official=false
package main

import (
	"context"
	"encoding/pem"
	"flag"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/seedtf/terraform-provider-auth0/internal/auth0api"
	"github.com/seedtf/terraform-provider-auth0/internal/emulator"
)

func main() {
	sizes := flag.String("n", "50", "comma-separated numbers of managed connections")
	rates := flag.String("rate", "5", "comma-separated requests per second of the rate-limited runs (0 skips them)")
	unlimited := flag.Bool("unlimited", true, "measure the runs without a rate limit")
	rounds := flag.Int("rounds", 3, "alternating rounds of the runs without a rate limit (the rate-limited runs make one)")
	withOfficial := flag.Bool("official", true, "measure the official provider beside ours")
	cache := flag.String("cache", defaultCache(), "where the official provider is built once")
	verbose := flag.Bool("v", false, "show terraform's output")
	flag.Parse()
	if err := run(*sizes, *rates, *unlimited, *rounds, *withOfficial, *cache, *verbose); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func run(sizes, rateList string, unlimited bool, rounds int, withOfficial bool, cache string, verbose bool) error {
	tf, err := exec.LookPath("terraform")
	if err != nil {
		return fmt.Errorf("terraform is not on PATH (make bench finds one): %w", err)
	}
	var ns []int
	for _, s := range strings.Split(sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n <= 0 {
			return fmt.Errorf("bad -n %q", sizes)
		}
		ns = append(ns, n)
	}
	var rates []float64
	if unlimited {
		rates = append(rates, 0)
	}
	for _, s := range strings.Split(rateList, ",") {
		r, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
		if err != nil || r < 0 {
			return fmt.Errorf("bad -rate %q", rateList)
		}
		if r > 0 {
			rates = append(rates, r)
		}
	}
	work, err := os.MkdirTemp("", "auth0-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)
	exe := filepath.Join(work, "bin", "terraform-provider-auth0")
	build := exec.Command("go", "build", "-o", exe, "github.com/seedtf/terraform-provider-auth0")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		return fmt.Errorf("building the provider: %w", err)
	}
	peers := []peer{ours(exe)}
	if withOfficial {
		off, err := officialProvider(cache)
		if err != nil {
			return err
		}
		peers = append(peers, official(off))
	}
	b := &bench{terraform: tf, verbose: verbose, peers: peers}
	fmt.Printf("terraform-provider-auth0 benchmark, %s, %s, GOMAXPROCS %d, %s; emulator over TLS\n\n",
		time.Now().UTC().Format("2006-01-02"), cpuModel(), maxProcs(), version(tf))
	for _, r := range rates {
		for _, n := range ns {
			k := rounds
			if r > 0 {
				k = 1
			}
			results, err := b.measure(n, r, max(k, 1))
			if err != nil {
				return err
			}
			printResults(os.Stdout, n, r, max(k, 1), peers, results)
		}
	}
	return nil
}

type bench struct {
	terraform string
	verbose   bool
	peers     []peer
}

// phaseRun is one phase of one scenario run by one provider.
type phaseRun struct {
	phase   string
	calls   map[string]int
	wall    time.Duration
	peakRSS int64 // bytes
}

func total(calls map[string]int) int {
	t := 0
	for _, c := range calls {
		t += c
	}
	return t
}

var phases = []struct {
	name, displayName, policy string
	args                      []string
}{
	{"create", "Users", "good", []string{"apply", "-auto-approve", "-input=false"}},
	{"no-change plan", "Users", "good", []string{"plan", "-input=false"}},
	{"update display_name", "Staff", "good", []string{"apply", "-auto-approve", "-input=false"}},
	{"update options", "Staff", "excellent", []string{"apply", "-auto-approve", "-input=false"}},
	{"destroy", "Staff", "excellent", []string{"destroy", "-auto-approve", "-input=false"}},
}

// measure runs the scenario rounds times for each provider, alternating
// them, and returns the runs by provider, round and phase.
func (b *bench) measure(n int, rate float64, rounds int) (map[string][][]phaseRun, error) {
	out := map[string][][]phaseRun{}
	for round := range rounds {
		for i := range b.peers {
			// Alternate who goes first, so neither always runs on a warm machine.
			p := b.peers[(i+round)%len(b.peers)]
			fmt.Fprintf(os.Stderr, "bench: N=%d rate %g, round %d, %s\n", n, rate, round+1, p.name)
			runs, err := b.scenario(p, n, rate)
			if err != nil {
				return nil, err
			}
			out[p.name] = append(out[p.name], runs)
		}
	}
	return out, nil
}

// scenario runs the phases for n connections in a tenant of 2n, with the
// emulator (over TLS) limited to rate requests per second (0: unlimited).
func (b *bench) scenario(p peer, n int, rate float64) ([]phaseRun, error) {
	ctx := context.Background()
	cfg := emulator.Config{ClientID: "bench-client", ClientSecret: "bench-secret"}
	if rate > 0 {
		cfg.RateLimitRPS, cfg.RateLimitBurst = rate, int(rate)
	}
	emu := emulator.New(cfg)
	srv := httptest.NewUnstartedServer(emu)
	srv.StartTLS()
	defer srv.Close()

	dir, err := os.MkdirTemp("", "auth0-bench-run-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	certFile := filepath.Join(dir, "cert.pem")
	if err := os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate().Raw}), 0o600); err != nil {
		return nil, err
	}

	// The other half of the tenant: connections Terraform does not manage.
	seed, err := auth0api.New(ctx, auth0api.Config{Domain: srv.URL, ClientID: cfg.ClientID, ClientSecret: cfg.ClientSecret, HTTPClient: srv.Client()})
	if err != nil {
		return nil, err
	}
	for i := range n {
		name, strategy := fmt.Sprintf("unmanaged-%04d", i), "auth0"
		if _, err := seed.CreateConnection(ctx, &auth0api.Connection{Name: &name, Strategy: &strategy}); err != nil {
			return nil, fmt.Errorf("seeding the tenant: %w", err)
		}
	}

	rc := filepath.Join(dir, "terraformrc")
	if err := os.WriteFile(rc, []byte(fmt.Sprintf(`provider_installation {
  dev_overrides {
    "registry.terraform.io/%s" = %q
  }
  direct {}
}
`, p.source, filepath.Dir(p.exe))), 0o600); err != nil {
		return nil, err
	}
	env := append(os.Environ(),
		"TF_CLI_CONFIG_FILE="+rc, "TF_IN_AUTOMATION=1", "CHECKPOINT_DISABLE=1", "SSL_CERT_FILE="+certFile,
		"AUTH0_DOMAIN="+p.domain(srv.URL), "AUTH0_CLIENT_ID="+cfg.ClientID, "AUTH0_CLIENT_SECRET="+cfg.ClientSecret, "AUTH0_API_TOKEN=",
	)
	var runs []phaseRun
	for _, ph := range phases {
		if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(p.config(n, ph.displayName, ph.policy)), 0o600); err != nil {
			return nil, err
		}
		emu.ResetRequests()
		tokensBefore := len(emu.IssuedTokens())
		watch := watchRSS(p.exe)
		start := time.Now()
		cmd := exec.Command(b.terraform, append([]string{"-chdir=" + dir}, ph.args...)...)
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
			return nil, fmt.Errorf("%s, phase %q of n=%d, rate %v: %v\n%s", p.name, ph.name, n, rate, err, out.String())
		}
		calls := map[string]int{}
		for _, r := range emu.Requests() {
			key := r.Method + " " + route(r.Path)
			if r.Status == 429 {
				key += " (429)"
			}
			calls[key]++
		}
		calls["POST /oauth/token"] = len(emu.IssuedTokens()) - tokensBefore
		runs = append(runs, phaseRun{phase: ph.name, calls: calls, wall: wall, peakRSS: peak})
	}
	return runs, nil
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

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func version(tf string) string {
	out, err := exec.Command(tf, "version").Output()
	if err != nil {
		return "terraform ?"
	}
	return strings.SplitN(string(out), "\n", 2)[0]
}

func cpuModel() string {
	b, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return "cpu ?"
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "model name"); ok {
			return strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(rest), ":"))
		}
	}
	return "cpu ?"
}
