// Command auth0-emulator serves an emulation of the Auth0 Management API's
// connections endpoints, for running the provider (or any Management API
// client) against without a tenant.
package main

import (
	"context"
	"crypto/tls"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/seedtf/terraform-provider-auth0/internal/emulator"
)

const usageHeader = `Usage: auth0-emulator [flags]

Serves an emulation of the Auth0 Management API: POST /oauth/token (client
credentials), /api/v2/connections, /api/v2/connections/{id}/clients and a
minimal /api/v2/clients. It validates requests against Auth0's schema,
answers with Auth0's defaults and error shapes, and can add what a real
tenant adds: scopes, rate limits, latency and failures.

State lives in memory and is lost on exit, unless -data names a file.

The client secret can come from -client-secret, from the file named by
-client-secret-file, or from the environment variable
AUTH0_EMULATOR_CLIENT_SECRET (used when neither flag is given). Prefer the
file or the variable: every local user can read a command line (ps).

It answers only requests for localhost and loopback addresses (any port),
and for the names given with -allow-host, so that a web page cannot reach it
through DNS rebinding; other Host headers get 421 Misdirected Request. When
-listen names another host, that host is answered too; with a wildcard
address (0.0.0.0:4010, :4010) every IP address is. Slow or idle clients are
cut off (-read-timeout, -write-timeout, -idle-timeout) and at most
-max-connections connections are served at once.

The base URL is printed as the first line on stdout once the listener is
ready; requests are logged to stderr. SIGINT or SIGTERM stops the server.

Examples:
  auth0-emulator -listen 127.0.0.1:4010
  auth0-emulator -data state.json -rate-limit-rps 2 -rate-limit-burst 10
  auth0-emulator -tls-self-signed ./tls   # then SSL_CERT_FILE=./tls/cert.pem
  auth0-emulator -client-id ci -client-secret-file ./secret
  auth0-emulator -listen 0.0.0.0:4010 -allow-host auth0-emulator   # in a container

Flags:
`

// shutdownGrace bounds how long in-flight requests may take to finish.
const shutdownGrace = 5 * time.Second

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	switch {
	case errors.Is(err, flag.ErrHelp):
	case err != nil:
		fmt.Fprintln(os.Stderr, "auth0-emulator:", err)
		os.Exit(1)
	}
}

// secretEnv is the environment variable the client secret may come from.
const secretEnv = "AUTH0_EMULATOR_CLIENT_SECRET"

// maxSecretFileBytes bounds what -client-secret-file reads.
const maxSecretFileBytes = 64 << 10

// options are the parsed command line.
type options struct {
	listen     string
	tlsDir     string
	scopes     string
	allowHosts []string
	limits     emulator.Limits
	// secretSource says where the client secret came from, for the log:
	// "", "flag", "file" or "environment".
	secretSource string
	// secretFileMode is the mode of -client-secret-file, to warn when it is
	// readable by others.
	secretFileMode os.FileMode
	emulator       emulator.Config
}

// hostList is a repeatable flag of comma-separated host names.
type hostList []string

func (h *hostList) String() string { return strings.Join(*h, ",") }

func (h *hostList) Set(v string) error {
	for _, name := range strings.Split(v, ",") {
		name = strings.TrimSpace(name)
		switch {
		case name == "":
			continue
		case strings.ContainsAny(name, "/@ \t"):
			return fmt.Errorf("%q is not a host name", name)
		}
		if host, _, err := net.SplitHostPort(name); err == nil {
			name = host // the port does not matter
		}
		*h = append(*h, name)
	}
	return nil
}

func parseFlags(args []string, stderr io.Writer) (options, error) {
	var o options
	fs := flag.NewFlagSet("auth0-emulator", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), usageHeader)
		fs.PrintDefaults()
	}
	cfg := &o.emulator
	fs.StringVar(&o.listen, "listen", "127.0.0.1:4010", "`address` to listen on; port 0 picks a free port")
	fs.StringVar(&cfg.ClientID, "client-id", "emulator-client-id", "client `id` accepted by POST /oauth/token")
	fs.StringVar(&cfg.ClientSecret, "client-secret", "emulator-client-secret", "client `secret` accepted by POST /oauth/token. Every local user sees a\n"+
		"command line (ps): prefer -client-secret-file, or $"+secretEnv+",\n"+
		"which is used when neither flag is given")
	secretFile := fs.String("client-secret-file", "", "`file` holding the client secret (trailing newlines are ignored); keep it private")
	fs.Var((*hostList)(&o.allowHosts), "allow-host", "`name` (or comma-separated names) to answer besides localhost and loopback addresses,\n"+
		"such as the host name clients use in a container network; repeatable")
	defaults := emulator.DefaultLimits()
	fs.DurationVar(&o.limits.ReadTimeout, "read-timeout", defaults.ReadTimeout, "how long a client may take to send a whole request")
	fs.DurationVar(&o.limits.WriteTimeout, "write-timeout", defaults.WriteTimeout, "how long an answer may take, on top of -latency")
	fs.DurationVar(&o.limits.IdleTimeout, "idle-timeout", defaults.IdleTimeout, "how long an idle keep-alive connection stays open")
	fs.IntVar(&o.limits.MaxConnections, "max-connections", defaults.MaxConnections, "how many `connections` are served at once; others wait")
	fs.DurationVar(&cfg.TokenTTL, "token-ttl", 24*time.Hour, "lifetime of issued access tokens; expired ones get 401 \"Invalid token\"")
	fs.StringVar(&o.scopes, "scopes", strings.Join(emulator.AllScopes(), " "),
		"space-separated `scopes` issued tokens carry; a call needing another gets 403 insufficient_scope,\n"+
			"and without read:connections_options answers leave the options out")
	fs.Float64Var(&cfg.RateLimitRPS, "rate-limit-rps", 0, "refill rate, in requests per second, of the tenant's token bucket for /api/v2;\n"+
		"0 turns rate limiting off. Answers carry X-RateLimit-Limit/-Remaining/-Reset, and\n"+
		"requests beyond the bucket get 429 with Retry-After")
	fs.IntVar(&cfg.RateLimitBurst, "rate-limit-burst", 0, "how many `requests` the token bucket holds; 0 means the rate, rounded up")
	fs.DurationVar(&cfg.Latency, "latency", 0, "delay added to every /api/v2 request")
	fs.Float64Var(&cfg.FailRate, "fail-rate", 0, "probability (0..1) that an /api/v2 request gets 503 before anything changes")
	fs.Float64Var(&cfg.DropAfterCommitRate, "drop-after-commit-rate", 0,
		"probability (0..1) that an /api/v2 request is processed in full, its change stored,\n"+
			"and its connection then closed without an answer")
	fs.Int64Var(&cfg.Seed, "seed", 0, "seed for the fault decisions of -fail-rate and -drop-after-commit-rate; 0 picks one")
	fs.StringVar(&cfg.DataFile, "data", "", "`file` that keeps connections and clients across restarts, rewritten atomically\n"+
		"after every change; created if missing. It holds configuration secrets in clear: keep it private")
	fs.StringVar(&o.tlsDir, "tls-self-signed", "", "serve HTTPS with a self-signed certificate kept in `dir` (cert.pem, key.pem),\n"+
		"made on first use; clients trust it with SSL_CERT_FILE=dir/cert.pem")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	cfg.Scopes = strings.Fields(o.scopes)
	if fs.NArg() > 0 {
		return o, fmt.Errorf("unexpected arguments: %q", fs.Args())
	}
	secretFlag := false
	fs.Visit(func(f *flag.Flag) { secretFlag = secretFlag || f.Name == "client-secret" })
	switch env, inEnv := os.LookupEnv(secretEnv); {
	case secretFlag && *secretFile != "":
		return o, errors.New("-client-secret and -client-secret-file are both set: give one")
	case *secretFile != "":
		secret, mode, err := readSecretFile(*secretFile)
		if err != nil {
			return o, err
		}
		cfg.ClientSecret, o.secretSource, o.secretFileMode = secret, "file", mode
	case secretFlag:
		o.secretSource = "flag"
	case inEnv && env == "":
		return o, errors.New("$" + secretEnv + " is set but empty")
	case inEnv:
		cfg.ClientSecret, o.secretSource = env, "environment"
	}
	switch {
	case cfg.ClientID == "" || cfg.ClientSecret == "":
		return o, errors.New("-client-id and -client-secret must not be empty")
	case o.limits.ReadTimeout <= 0 || o.limits.WriteTimeout <= 0 || o.limits.IdleTimeout <= 0:
		return o, errors.New("-read-timeout, -write-timeout and -idle-timeout must be positive")
	case o.limits.MaxConnections < 1:
		return o, errors.New("-max-connections must be at least 1")
	case cfg.TokenTTL <= 0:
		return o, errors.New("-token-ttl must be positive")
	case cfg.RateLimitRPS < 0:
		return o, errors.New("-rate-limit-rps must not be negative")
	case cfg.RateLimitBurst < 0:
		return o, errors.New("-rate-limit-burst must not be negative")
	case cfg.RateLimitBurst > 0 && cfg.RateLimitRPS == 0:
		return o, errors.New("-rate-limit-burst needs -rate-limit-rps")
	case cfg.Latency < 0:
		return o, errors.New("-latency must not be negative")
	case cfg.FailRate < 0 || cfg.FailRate > 1:
		return o, errors.New("-fail-rate must be between 0 and 1")
	case cfg.DropAfterCommitRate < 0 || cfg.DropAfterCommitRate > 1:
		return o, errors.New("-drop-after-commit-rate must be between 0 and 1")
	}
	o.limits.ReadHeaderTimeout = min(defaults.ReadHeaderTimeout, o.limits.ReadTimeout)
	o.limits.WriteTimeout += cfg.Latency // the delay is part of every answer
	return o, nil
}

// readSecretFile returns the client secret kept in path, without trailing
// newlines, and the file's mode.
func readSecretFile(path string) (string, os.FileMode, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", 0, fmt.Errorf("-client-secret-file: %w", err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return "", 0, fmt.Errorf("-client-secret-file: %w", err)
	}
	data, err := io.ReadAll(io.LimitReader(f, maxSecretFileBytes+1))
	switch {
	case err != nil:
		return "", 0, fmt.Errorf("-client-secret-file: %w", err)
	case len(data) > maxSecretFileBytes:
		return "", 0, fmt.Errorf("-client-secret-file: %s is larger than %d bytes: not a secret", path, maxSecretFileBytes)
	}
	secret := strings.TrimRight(string(data), "\r\n")
	if secret == "" {
		return "", 0, fmt.Errorf("-client-secret-file: %s is empty", path)
	}
	return secret, info.Mode(), nil
}

// allowedHosts is the Host policy for the listen address: the loopback
// names, the -allow-host names, and the host -listen names when it is not a
// loopback one; a wildcard address answers every IP address.
func allowedHosts(listen string, names []string) emulator.Hosts {
	hosts := emulator.Hosts{Names: slices.Clone(names)}
	host, _, err := net.SplitHostPort(listen)
	if err != nil {
		return hosts
	}
	switch ip := net.ParseIP(host); {
	case host == "" || ip != nil && ip.IsUnspecified():
		hosts.AnyIP = true
	case ip != nil && ip.IsLoopback(), strings.EqualFold(host, "localhost"):
	default:
		hosts.Names = append(hosts.Names, host)
	}
	return hosts
}

// describeHosts says which Host headers are answered, for the log.
func describeHosts(h emulator.Hosts) string {
	parts := []string{"localhost", "loopback addresses"}
	if h.AnyIP {
		parts[1] = "any IP address"
	}
	parts = append(parts, h.Names...)
	return strings.Join(parts, ", ")
}

// run serves until ctx is done, then shuts the server down gracefully.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	o, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	handler, err := emulator.Open(o.emulator)
	if err != nil {
		return err
	}

	ln, err := net.Listen("tcp", o.listen)
	if err != nil {
		return err
	}
	logger := log.New(stderr, "", log.LstdFlags)
	tcp, _ := ln.Addr().(*net.TCPAddr)
	if tcp != nil && !tcp.IP.IsLoopback() {
		logger.Printf("warning: listening on non-loopback address %s; anyone who can reach it can use the credentials", tcp)
	}
	switch {
	case o.secretSource == "flag":
		logger.Printf("note: -client-secret is visible to every local user (ps); prefer -client-secret-file or $%s", secretEnv)
	case o.secretSource == "file" && o.secretFileMode.Perm()&0o077 != 0:
		logger.Printf("warning: -client-secret-file is readable by other users (mode %v); chmod 600 it", o.secretFileMode.Perm())
	}
	hosts := allowedHosts(o.listen, o.allowHosts)
	logger.Printf("answering requests for %s; other Host headers get 421", describeHosts(hosts))
	srv := o.limits.HTTPServer(logRequests(logger, hosts.Handler(handler)))
	srv.ErrorLog = log.New(&quietAborts{w: stderr}, "", log.LstdFlags)
	ln = o.limits.Listener(ln)
	scheme := "http"
	if o.tlsDir != "" {
		cert, certFile, err := selfSignedCertificate(o.tlsDir, certificateHosts(o.listen, tcp, o.allowHosts), logger.Printf)
		if err != nil {
			ln.Close()
			return err
		}
		srv.TLSConfig = &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
		scheme = "https"
		logger.Printf("serving HTTPS with %s; trust it with SSL_CERT_FILE=%s", certFile, certFile)
	}
	if o.emulator.DataFile != "" {
		logger.Printf("keeping state in %s", o.emulator.DataFile)
	}
	for _, scope := range o.emulator.Scopes {
		if !slices.Contains(emulator.AllScopes(), scope) {
			logger.Printf("warning: -scopes: %q is not a scope the emulator checks (known: %s)", scope, strings.Join(emulator.AllScopes(), " "))
		}
	}
	if _, err := fmt.Fprintf(stdout, "%s://%s\n", scheme, ln.Addr()); err != nil {
		ln.Close()
		return err
	}

	served := make(chan error, 1)
	go func() {
		if scheme == "https" {
			served <- srv.ServeTLS(ln, "", "")
			return
		}
		served <- srv.Serve(ln)
	}()
	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return err
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// logRequests logs method, path, status and duration of each request
// ("dropped" for a connection closed without an answer). It never logs
// headers or bodies, which carry tokens and client secrets.
func logRequests(logger *log.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w}
		defer func() {
			status := fmt.Sprint(rec.status)
			if rec.status == 0 {
				status = "dropped"
			}
			logger.Printf("%s %s %s %s", r.Method, r.URL.EscapedPath(), status, time.Since(start).Round(time.Microsecond))
		}()
		next.ServeHTTP(rec, r)
	})
}

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (r *statusRecorder) WriteHeader(status int) {
	if r.status == 0 {
		r.status = status
	}
	r.ResponseWriter.WriteHeader(status)
}

func (r *statusRecorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	return r.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the connection, which the
// emulator hijacks to drop it.
func (r *statusRecorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

// quietAborts drops the server's log lines about handlers aborted on
// purpose (dropped HTTP/2 streams), which are noise here.
type quietAborts struct{ w io.Writer }

func (q *quietAborts) Write(p []byte) (int, error) {
	if strings.Contains(string(p), http.ErrAbortHandler.Error()) {
		return len(p), nil
	}
	return q.w.Write(p)
}
