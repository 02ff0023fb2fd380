package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"flag"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestRunServesUntilCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	stdoutR, stdoutW := io.Pipe()
	var stderr bytes.Buffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"-listen", "127.0.0.1:0", "-client-id", "id", "-client-secret", "s3cr3t-value"}, stdoutW, &stderr)
		stdoutW.Close()
	}()

	line, err := bufio.NewReader(stdoutR).ReadString('\n')
	if err != nil {
		t.Fatalf("reading the base URL: %v", err)
	}
	base := strings.TrimSpace(line)
	if !strings.HasPrefix(base, "http://127.0.0.1:") || strings.HasSuffix(base, ":0") {
		t.Fatalf("first line %q is not the bound base URL", line)
	}
	go func() { _, _ = io.Copy(io.Discard, stdoutR) }() // keep the writer unblocked

	resp, err := http.PostForm(base+"/oauth/token", url.Values{
		"grant_type": {"client_credentials"}, "client_id": {"id"}, "client_secret": {"s3cr3t-value"}, "audience": {base + "/api/v2/"},
	})
	if err != nil {
		t.Fatal(err)
	}
	var token struct {
		AccessToken string `json:"access_token"`
	}
	err = json.NewDecoder(resp.Body).Decode(&token)
	resp.Body.Close()
	if err != nil || resp.StatusCode != http.StatusOK || token.AccessToken == "" {
		t.Fatalf("token request: status %d, err %v", resp.StatusCode, err)
	}
	req, _ := http.NewRequest(http.MethodGet, base+"/api/v2/connections", nil)
	req.Header.Set("Authorization", "Bearer "+token.AccessToken)
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("list connections: status %d", resp.StatusCode)
	}

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("run: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("run did not return after cancellation")
	}
	logs := stderr.String()
	if !strings.Contains(logs, "POST /oauth/token 200") || !strings.Contains(logs, "GET /api/v2/connections 200") {
		t.Errorf("requests not logged:\n%s", logs)
	}
	for _, secret := range []string{"s3cr3t-value", token.AccessToken} {
		if strings.Contains(logs, secret) {
			t.Errorf("log leaks %q:\n%s", secret, logs)
		}
	}
}

func TestRunHelp(t *testing.T) {
	var stdout, stderr bytes.Buffer
	err := run(t.Context(), []string{"-h"}, &stdout, &stderr)
	if !errors.Is(err, flag.ErrHelp) {
		t.Fatalf("err %v, want flag.ErrHelp", err)
	}
	for _, want := range []string{
		"Usage: auth0-emulator", "-listen", "127.0.0.1:4010", "-client-id", "emulator-client-id",
		"-client-secret", "emulator-client-secret", "-token-ttl", "-scopes", "read:connections create:connections",
		"-rate-limit-rps", "-rate-limit-burst", "-latency", "-fail-rate", "-drop-after-commit-rate", "-seed",
		"-data", "-tls-self-signed", "SSL_CERT_FILE",
		"-client-secret-file", "AUTH0_EMULATOR_CLIENT_SECRET", "(ps)", "-allow-host", "421",
		"-read-timeout", "-write-timeout", "-idle-timeout", "-max-connections",
	} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("help lacks %q:\n%s", want, stderr.String())
		}
	}
	if stdout.Len() != 0 {
		t.Errorf("help wrote to stdout: %q", stdout.String())
	}
}

func TestRunRejectsBadInvocations(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		return path
	}
	secret := write("secret", "from-file\n")
	tests := map[string][]string{
		"two secrets":         {"-client-secret", "x", "-client-secret-file", secret},
		"empty secret file":   {"-client-secret-file", write("empty", "\n")},
		"missing secret file": {"-client-secret-file", filepath.Join(dir, "missing")},
		"zero read timeout":   {"-read-timeout", "0s"},
		"zero idle timeout":   {"-idle-timeout", "0s"},
		"no connections":      {"-max-connections", "0"},
		"bad allowed host":    {"-allow-host", "user@host"},
		"data with garbage":   {"-data", write("garbage.json", `{"version":1,"connections":[],"clients":[]} trailing`)},
		"data with duplicates": {"-data", write("dup.json", `{"version":1,"connections":[`+
			`{"id":"con_a","name":"n","strategy":"auth0"},{"id":"con_b","name":"n","strategy":"auth0"}],"clients":[]}`)},
		"unknown flag":   {"-port", "1"},
		"extra argument": {"serve"},
		"empty id":       {"-client-id", ""},
		"empty secret":   {"-client-secret", ""},
		"zero ttl":       {"-token-ttl", "0s"},
		"bad address":    {"-listen", "127.0.0.1:notaport"},
		"negative rps":   {"-rate-limit-rps", "-1"},
		"burst alone":    {"-rate-limit-burst", "5"},
		"fail rate":      {"-fail-rate", "1.5"},
		"drop rate":      {"-drop-after-commit-rate", "-0.5"},
		"latency":        {"-latency", "-1s"},
		"bad data file":  {"-data", "/nonexistent-dir/state.json"},
	}
	for name, args := range tests {
		t.Run(name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if err := run(t.Context(), args, &stdout, &stderr); err == nil {
				t.Fatal("run succeeded")
			}
			if stdout.Len() != 0 {
				t.Errorf("wrote to stdout: %q", stdout.String())
			}
		})
	}
}

// serving runs the command with args until the test ends and returns the
// base URL it printed and its log.
func serving(t *testing.T, args ...string) (string, *syncBuffer) {
	t.Helper()
	ctx, cancel := context.WithCancel(t.Context())
	stdoutR, stdoutW := io.Pipe()
	stderr := &syncBuffer{}
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, append([]string{"-listen", "127.0.0.1:0", "-client-id", "id", "-client-secret", "secret"}, args...), stdoutW, stderr)
		stdoutW.Close()
	}()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("run: %v", err)
		}
	})
	line, err := bufio.NewReader(stdoutR).ReadString('\n')
	if err != nil {
		t.Fatalf("reading the base URL: %v (log: %s)", err, stderr)
	}
	go func() { _, _ = io.Copy(io.Discard, stdoutR) }()
	return strings.TrimSpace(line), stderr
}

// syncBuffer is a bytes.Buffer safe for the server's and the test's
// goroutines.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// token fetches a token from the command's server with client.
func token(t *testing.T, client *http.Client, base string) string {
	t.Helper()
	resp, err := client.PostForm(base+"/oauth/token", url.Values{
		"grant_type": {"client_credentials"}, "client_id": {"id"}, "client_secret": {"secret"}, "audience": {base + "/api/v2/"},
	})
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body struct {
		AccessToken string `json:"access_token"`
		Scope       string `json:"scope"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil || body.AccessToken == "" {
		t.Fatalf("token: status %d, %v", resp.StatusCode, err)
	}
	return body.AccessToken
}

func call(t *testing.T, client *http.Client, method, target, tok, body string) (*http.Response, []byte) {
	t.Helper()
	req, _ := http.NewRequest(method, target, strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+tok)
	req.Header.Set("Content-Type", "application/json")
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	return resp, out
}

func TestRunTLSSelfSigned(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "tls")
	base, logs := serving(t, "-tls-self-signed", dir)
	if !strings.HasPrefix(base, "https://127.0.0.1:") {
		t.Fatalf("base URL %q", base)
	}
	pemBytes, err := os.ReadFile(filepath.Join(dir, "cert.pem"))
	if err != nil {
		t.Fatal(err)
	}
	if info, err := os.Stat(filepath.Join(dir, "key.pem")); err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("key.pem: %v %v", info, err)
	}
	// Trusting the file alone, as SSL_CERT_FILE does, is enough.
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(pemBytes) {
		t.Fatal("cert.pem holds no certificate")
	}
	client := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}}}
	tok := token(t, client, base)
	if resp, _ := call(t, client, http.MethodGet, base+"/api/v2/connections", tok, ""); resp.StatusCode != http.StatusOK {
		t.Errorf("list: %d", resp.StatusCode)
	}
	localhost := strings.Replace(base, "127.0.0.1", "localhost", 1)
	if resp, _ := call(t, client, http.MethodGet, localhost+"/api/v2/connections", tok, ""); resp.StatusCode != http.StatusOK {
		t.Errorf("via localhost: %d", resp.StatusCode)
	}
	if !strings.Contains(logs.String(), "SSL_CERT_FILE="+filepath.Join(dir, "cert.pem")) {
		t.Errorf("log does not say how to trust the certificate:\n%s", logs)
	}

	// A second start keeps the certificate clients already trust.
	again, _ := serving(t, "-tls-self-signed", dir)
	if now, _ := os.ReadFile(filepath.Join(dir, "cert.pem")); string(now) != string(pemBytes) {
		t.Error("the certificate was replaced")
	}
	if resp, _ := call(t, client, http.MethodGet, again+"/api/v2/connections", token(t, client, again), ""); resp.StatusCode != http.StatusOK {
		t.Errorf("second server: %d", resp.StatusCode)
	}
}

func TestRunDataSurvivesRestart(t *testing.T) {
	data := filepath.Join(t.TempDir(), "state.json")
	var id string
	func() {
		base, _ := serving(t, "-data", data)
		resp, body := call(t, http.DefaultClient, http.MethodPost, base+"/api/v2/connections", token(t, http.DefaultClient, base), `{"name":"kept","strategy":"auth0"}`)
		if resp.StatusCode != http.StatusCreated {
			t.Fatalf("create: %d %s", resp.StatusCode, body)
		}
		var created struct{ ID string }
		_ = json.Unmarshal(body, &created)
		id = created.ID
	}()
	base, _ := serving(t, "-data", data)
	resp, body := call(t, http.DefaultClient, http.MethodGet, base+"/api/v2/connections/"+id, token(t, http.DefaultClient, base), "")
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), `"name":"kept"`) {
		t.Errorf("after restart: %d %s", resp.StatusCode, body)
	}
}

func TestRunFaultsAndLimits(t *testing.T) {
	base, logs := serving(t, "-scopes", "read:connections", "-rate-limit-rps", "1000", "-rate-limit-burst", "7",
		"-drop-after-commit-rate", "1", "-latency", "1ms")
	tok := token(t, http.DefaultClient, base)
	req, _ := http.NewRequest(http.MethodGet, base+"/api/v2/connections", nil)
	req.Header.Set("Authorization", "Bearer "+tok)
	if resp, err := http.DefaultClient.Do(req); err == nil {
		resp.Body.Close()
		t.Fatalf("a dropped request got an answer: %d", resp.StatusCode)
	}
	if !strings.Contains(logs.String(), "GET /api/v2/connections dropped") {
		t.Errorf("the drop is not logged:\n%s", logs)
	}

	base, _ = serving(t, "-scopes", "read:connections", "-rate-limit-rps", "1000", "-rate-limit-burst", "7", "-fail-rate", "0")
	tok = token(t, http.DefaultClient, base)
	resp, body := call(t, http.DefaultClient, http.MethodPost, base+"/api/v2/connections", tok, `{"name":"x","strategy":"auth0"}`)
	if resp.StatusCode != http.StatusForbidden || !strings.Contains(string(body), "expected any of: create:connections") {
		t.Errorf("create without the scope: %d %s", resp.StatusCode, body)
	}
	if resp.Header.Get("X-RateLimit-Limit") != "7" {
		t.Errorf("X-RateLimit-Limit %q", resp.Header.Get("X-RateLimit-Limit"))
	}
}
