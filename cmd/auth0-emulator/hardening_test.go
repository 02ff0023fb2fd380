package main

import (
	"bufio"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"errors"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// get sends a GET with the given Host header and returns the status and body.
func getWithHost(t *testing.T, client *http.Client, target, host, tok string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, target, nil)
	req.Host = host
	req.Header.Set("Authorization", "Bearer "+tok)
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

// TestRunRefusesForeignHosts: a request for a name the emulator is not
// known by, as a DNS-rebinding web page sends, gets 421 in Auth0's error
// shape; loopback names and -allow-host names are answered.
func TestRunRefusesForeignHosts(t *testing.T) {
	base, logs := serving(t, "-allow-host", "build-box,ci.internal", "-allow-host", "runner:9999")
	port := base[strings.LastIndex(base, ":"):]
	tok := token(t, http.DefaultClient, base)
	create, body := call(t, http.DefaultClient, http.MethodPost, base+"/api/v2/connections", tok,
		`{"name":"g","strategy":"google-oauth2","options":{"client_id":"gid","client_secret":"google-secret"}}`)
	if create.StatusCode != http.StatusCreated {
		t.Fatalf("create: %d %s", create.StatusCode, body)
	}
	for _, host := range []string{"attacker.example" + port, "attacker.example", "localhost.attacker.example" + port, "10.1.2.3" + port} {
		status, body := getWithHost(t, http.DefaultClient, base+"/api/v2/connections", host, tok)
		var e struct {
			StatusCode int    `json:"statusCode"`
			Error      string `json:"error"`
			Message    string `json:"message"`
			ErrorCode  string `json:"errorCode"`
		}
		err := json.Unmarshal([]byte(body), &e)
		if status != http.StatusMisdirectedRequest || err != nil || e.StatusCode != 421 || e.Error != "Misdirected Request" || e.ErrorCode != "misdirected_request" {
			t.Errorf("Host %s: %d %s", host, status, body)
		}
		if strings.Contains(body, "google-secret") {
			t.Errorf("Host %s got the connection's secret", host)
		}
	}
	// Nor can a foreign Host get a token.
	req, _ := http.NewRequest(http.MethodPost, base+"/oauth/token", strings.NewReader(url.Values{
		"grant_type": {"client_credentials"}, "client_id": {"id"}, "client_secret": {"secret"}, "audience": {"http://attacker.example" + port + "/api/v2/"},
	}.Encode()))
	req.Host = "attacker.example" + port
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusMisdirectedRequest || strings.Contains(string(raw), "access_token") {
		t.Errorf("token for a foreign Host: %d %s", resp.StatusCode, raw)
	}
	for _, host := range []string{"127.0.0.1" + port, "localhost" + port, "LocalHost", "build-box" + port, "ci.internal", "runner" + port} {
		if status, body := getWithHost(t, http.DefaultClient, base+"/api/v2/connections", host, tok); status != http.StatusOK {
			t.Errorf("Host %s: %d %s", host, status, body)
		}
	}
	if !strings.Contains(logs.String(), "GET /api/v2/connections 421") {
		t.Errorf("refusals are not logged:\n%s", logs)
	}
}

func TestAllowedHostsFollowTheListenAddress(t *testing.T) {
	for listen, want := range map[string]struct {
		allows, refuses []string
	}{
		"127.0.0.1:4010": {[]string{"localhost:4010", "127.0.0.1"}, []string{"10.0.0.5:4010", "example.com"}},
		"localhost:4010": {[]string{"localhost:4010", "[::1]:4010"}, []string{"10.0.0.5:4010"}},
		"10.0.0.5:4010":  {[]string{"10.0.0.5:4010", "localhost"}, []string{"10.0.0.6:4010", "example.com"}},
		"emulator:4010":  {[]string{"emulator:4010", "localhost"}, []string{"example.com"}},
		"0.0.0.0:4010":   {[]string{"10.0.0.5:4010", "[fd00::1]:4010", "localhost"}, []string{"example.com"}},
		":4010":          {[]string{"192.168.1.20:4010", "localhost"}, []string{"example.com"}},
		"[::]:4010":      {[]string{"192.168.1.20:4010"}, []string{"example.com"}},
	} {
		hosts := allowedHosts(listen, []string{"extra"})
		for _, h := range append(want.allows, "extra:1") {
			if !hosts.Allows(h) {
				t.Errorf("-listen %s refuses Host %s", listen, h)
			}
		}
		for _, h := range want.refuses {
			if hosts.Allows(h) {
				t.Errorf("-listen %s allows Host %s", listen, h)
			}
		}
	}
}

// TestRunCutsStalledRequests: a client that sends headers and part of a
// body, then nothing, loses its connection after -read-timeout.
func TestRunCutsStalledRequests(t *testing.T) {
	base, _ := serving(t, "-read-timeout", "300ms")
	addr := strings.TrimPrefix(base, "http://")
	// The server's read timeout runs from when it accepts the connection,
	// which is after the dial starts.
	start := time.Now()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := io.WriteString(conn, "POST /oauth/token HTTP/1.1\r\nHost: "+addr+"\r\n"+
		"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\ngrant_type=client_"); err != nil {
		t.Fatal(err)
	}
	_ = conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	_, err = io.Copy(io.Discard, bufio.NewReader(conn)) // an answer to the broken request, if any, then the close
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		t.Fatalf("a stalled request still holds its connection after %v", time.Since(start).Round(time.Millisecond))
	}
	if d := time.Since(start); d < 300*time.Millisecond {
		t.Errorf("the connection was closed after %v, before the read timeout", d)
	}
}

// TestRunIdleConnectionsClose: a keep-alive connection left idle is closed
// after -idle-timeout.
func TestRunIdleConnectionsClose(t *testing.T) {
	base, _ := serving(t, "-idle-timeout", "300ms")
	addr := strings.TrimPrefix(base, "http://")
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := io.WriteString(conn, "GET /api/v2/connections HTTP/1.1\r\nHost: "+addr+"\r\n\r\n"); err != nil {
		t.Fatal(err)
	}
	r := bufio.NewReader(conn)
	resp, err := http.ReadResponse(r, nil)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	_ = conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	_, err = io.Copy(io.Discard, r)
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		t.Fatal("an idle connection is still open after 5s")
	}
}

func TestRunClientSecretFromEnvironment(t *testing.T) {
	t.Setenv(secretEnv, "from-the-environment")
	o, err := parseFlags([]string{"-client-id", "id"}, io.Discard)
	if err != nil || o.emulator.ClientSecret != "from-the-environment" {
		t.Errorf("secret %q, %v", o.emulator.ClientSecret, err)
	}
	// A flag wins over the environment.
	o, err = parseFlags([]string{"-client-secret", "from-the-flag"}, io.Discard)
	if err != nil || o.emulator.ClientSecret != "from-the-flag" {
		t.Errorf("secret %q, %v", o.emulator.ClientSecret, err)
	}
	t.Setenv(secretEnv, "")
	if _, err := parseFlags(nil, io.Discard); err == nil || !strings.Contains(err.Error(), secretEnv) {
		t.Errorf("an empty %s: %v", secretEnv, err)
	}
}

// TestClientSecretFileStaysOutOfArgv runs the built command with
// -client-secret-file: the secret it accepts is the file's, and it is
// nowhere in the process's command line, which every local user can read.
func TestClientSecretFileStaysOutOfArgv(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("reads /proc/<pid>/cmdline")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "auth0-emulator")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	const secret = "file-secret-7c1e9b"
	secretFile := filepath.Join(dir, "secret")
	if err := os.WriteFile(secretFile, []byte(secret+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "-listen", "127.0.0.1:0", "-client-id", "id", "-client-secret-file", secretFile)
	cmd.Env = slices.DeleteFunc(os.Environ(), func(kv string) bool { return strings.HasPrefix(kv, secretEnv+"=") })
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr syncBuffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Signal(os.Interrupt)
		_ = cmd.Wait()
	})
	lines := bufio.NewReader(stdout)
	line, err := lines.ReadString('\n')
	if err != nil {
		t.Fatalf("reading the base URL: %v (log: %s)", err, stderr.String())
	}
	go func() { _, _ = io.Copy(io.Discard, lines) }()
	base := strings.TrimSpace(line)

	cmdline, err := os.ReadFile("/proc/" + strconv.Itoa(cmd.Process.Pid) + "/cmdline")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(cmdline), "-client-secret-file") {
		t.Fatalf("/proc/%d/cmdline is not the emulator's: %q", cmd.Process.Pid, cmdline)
	}
	if strings.Contains(string(cmdline), secret) {
		t.Errorf("the secret is in the command line: %q", cmdline)
	}
	tokenStatus := func(secret string) int {
		resp, err := http.PostForm(base+"/oauth/token", url.Values{
			"grant_type": {"client_credentials"}, "client_id": {"id"}, "client_secret": {secret}, "audience": {base + "/api/v2/"},
		})
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if got := tokenStatus(secret); got != http.StatusOK {
		t.Errorf("token with the file's secret: %d", got)
	}
	if got := tokenStatus("emulator-client-secret"); got != http.StatusUnauthorized {
		t.Errorf("token with the default secret: %d", got)
	}
	if strings.Contains(stderr.String(), secret) {
		t.Errorf("the log holds the secret:\n%s", stderr.String())
	}
}

// TestRunTLSCertificateIsALeaf: the self-signed certificate names the
// listen host and the loopback names and is no CA, so trusting it trusts
// nothing else.
func TestRunTLSCertificateIsALeaf(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "tls")
	base, _ := serving(t, "-tls-self-signed", dir, "-allow-host", "emulator.test")
	cert := readCertificate(t, filepath.Join(dir, "cert.pem"))
	if cert.IsCA || cert.KeyUsage&x509.KeyUsageCertSign != 0 {
		t.Errorf("the certificate is a CA (IsCA %v, key usage %v)", cert.IsCA, cert.KeyUsage)
	}
	var ips []string
	for _, ip := range cert.IPAddresses {
		ips = append(ips, ip.String())
	}
	if !slices.Equal(cert.DNSNames, []string{"localhost", "emulator.test"}) || !slices.Equal(ips, []string{"127.0.0.1", "::1"}) {
		t.Errorf("SANs: DNS %v, IP %v", cert.DNSNames, ips)
	}
	if !slices.Equal(cert.ExtKeyUsage, []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}) {
		t.Errorf("extended key usage %v", cert.ExtKeyUsage)
	}
	pool := x509.NewCertPool()
	pool.AddCert(cert)
	client := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}}}
	if resp, _ := call(t, client, http.MethodGet, base+"/api/v2/connections", token(t, client, base), ""); resp.StatusCode != http.StatusOK {
		t.Errorf("list over TLS: %d", resp.StatusCode)
	}

	// A specific listen address is named too.
	hosts := certificateHosts("10.0.0.5:4010", &net.TCPAddr{IP: net.ParseIP("10.0.0.5"), Port: 4010}, nil)
	if !slices.Equal(hosts, []string{"localhost", "127.0.0.1", "::1", "10.0.0.5"}) {
		t.Errorf("hosts for 10.0.0.5: %v", hosts)
	}
}

func readCertificate(t *testing.T, path string) *x509.Certificate {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	block, _ := pem.Decode(raw)
	if block == nil {
		t.Fatalf("%s holds no PEM block", path)
	}
	cert, err := x509.ParseCertificate(block.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	return cert
}

// TestRunTLSTightensALooseKey: a kept key.pem readable by others is made
// 0600, and the certificate clients trust is kept.
func TestRunTLSTightensALooseKey(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "tls")
	serving(t, "-tls-self-signed", dir)
	keyPath, certPath := filepath.Join(dir, "key.pem"), filepath.Join(dir, "cert.pem")
	before, _ := os.ReadFile(certPath)
	if err := os.Chmod(keyPath, 0o644); err != nil {
		t.Fatal(err)
	}
	_, logs := serving(t, "-tls-self-signed", dir)
	if info, err := os.Stat(keyPath); err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("key.pem after a restart: %v %v", info, err)
	}
	if after, _ := os.ReadFile(certPath); string(after) != string(before) {
		t.Error("the certificate was replaced")
	}
	if !strings.Contains(logs.String(), "0600") {
		t.Errorf("the log does not say the key was made private:\n%s", logs)
	}
}

// TestRunTLSReplacesACACertificate: a certificate an earlier version made,
// a CA, is replaced by a leaf.
func TestRunTLSReplacesACACertificate(t *testing.T) {
	dir := t.TempDir()
	certPEM, keyPEM := oldCACertificate(t)
	if err := os.WriteFile(filepath.Join(dir, "cert.pem"), certPEM, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "key.pem"), keyPEM, 0o600); err != nil {
		t.Fatal(err)
	}
	serving(t, "-tls-self-signed", dir)
	if cert := readCertificate(t, filepath.Join(dir, "cert.pem")); cert.IsCA {
		t.Error("the CA certificate was kept")
	}
}
