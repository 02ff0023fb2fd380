// Command auth0-emulator serves an in-memory emulation of the Auth0
// Management API's connections endpoints, for running the provider against
// without a tenant.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/seedtf/terraform-provider-auth0/internal/emulator"
)

const usageHeader = `Usage: auth0-emulator [flags]

Serves an in-memory emulation of the Auth0 Management API: POST /oauth/token
(client credentials), /api/v2/connections, /api/v2/connections/{id}/clients
and a minimal /api/v2/clients. State lives in memory and is lost on exit.

The base URL is printed as the first line on stdout once the listener is
ready; requests are logged to stderr. SIGINT or SIGTERM stops the server.

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

// run serves until ctx is done, then shuts the server down gracefully.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("auth0-emulator", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), usageHeader)
		fs.PrintDefaults()
	}
	listen := fs.String("listen", "127.0.0.1:4010", "`address` to listen on; port 0 picks a free port")
	clientID := fs.String("client-id", "emulator-client-id", "client `id` accepted by POST /oauth/token")
	clientSecret := fs.String("client-secret", "emulator-client-secret", "client `secret` accepted by POST /oauth/token")
	tokenTTL := fs.Duration("token-ttl", 24*time.Hour, "lifetime of issued access tokens")
	if err := fs.Parse(args); err != nil {
		return err
	}
	switch {
	case fs.NArg() > 0:
		return fmt.Errorf("unexpected arguments: %q", fs.Args())
	case *clientID == "" || *clientSecret == "":
		return errors.New("-client-id and -client-secret must not be empty")
	case *tokenTTL <= 0:
		return errors.New("-token-ttl must be positive")
	}

	ln, err := net.Listen("tcp", *listen)
	if err != nil {
		return err
	}
	logger := log.New(stderr, "", log.LstdFlags)
	if tcp, ok := ln.Addr().(*net.TCPAddr); ok && !tcp.IP.IsLoopback() {
		logger.Printf("warning: listening on non-loopback address %s; anyone who can reach it can use the default credentials", tcp)
	}
	handler := emulator.New(emulator.Config{ClientID: *clientID, ClientSecret: *clientSecret, TokenTTL: *tokenTTL})
	srv := &http.Server{
		Handler:           logRequests(logger, handler),
		ReadHeaderTimeout: 10 * time.Second,
		ErrorLog:          logger,
	}
	if _, err := fmt.Fprintf(stdout, "http://%s\n", ln.Addr()); err != nil {
		ln.Close()
		return err
	}

	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
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

// logRequests logs method, path, status and duration of each request. It
// never logs headers or bodies, which carry tokens and client secrets.
func logRequests(logger *log.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(rec, r)
		logger.Printf("%s %s %d %s", r.Method, r.URL.Path, rec.status, time.Since(start).Round(time.Microsecond))
	})
}

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (r *statusRecorder) WriteHeader(status int) {
	r.status = status
	r.ResponseWriter.WriteHeader(status)
}
