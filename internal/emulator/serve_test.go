package emulator

import (
	"bufio"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestHostsAllows(t *testing.T) {
	t.Parallel()
	named := Hosts{Names: []string{"emulator.internal", "Build-Box."}}
	for host, want := range map[string]bool{
		"localhost": true, "localhost:4010": true, "LOCALHOST:1": true, "localhost.:4010": true,
		"127.0.0.1": true, "127.0.0.1:4010": true, "127.1.2.3:80": true,
		"[::1]:4010": true, "[::1]": true, "::1": true,
		"emulator.internal:4010": true, "EMULATOR.internal": true, "build-box:8080": true,
		"": false, "evil.example": false, "evil.example:4010": false, "localhost.evil.example": false,
		"127.0.0.1.evil.example": false, "10.0.0.5:4010": false, "[::2]:4010": false, "0.0.0.0:4010": false,
		"emulator.internal.evil.example": false,
	} {
		if got := named.Allows(host); got != want {
			t.Errorf("Allows(%q) = %v, want %v", host, got, want)
		}
	}
	anyIP := Hosts{AnyIP: true}
	for host, want := range map[string]bool{"10.0.0.5:4010": true, "[fd00::1]:1": true, "evil.example": false} {
		if got := anyIP.Allows(host); got != want {
			t.Errorf("AnyIP: Allows(%q) = %v, want %v", host, got, want)
		}
	}
}

// TestHostsHandlerRefusesForeignHosts: a request whose Host is not one the
// emulator is known by (as after DNS rebinding) gets neither a token nor a
// connection, and is answered 421 in Auth0's error shape.
func TestHostsHandlerRefusesForeignHosts(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.createID(map[string]any{"name": "social", "strategy": "google-oauth2",
		"options": map[string]any{"client_id": "gid", "client_secret": "google-secret"}})
	srv := httptest.NewServer(Hosts{}.Handler(h.emu))
	t.Cleanup(srv.Close)

	send := func(host, method, path, body, auth string) (*http.Response, string) {
		t.Helper()
		req, _ := http.NewRequest(method, srv.URL+path, strings.NewReader(body))
		req.Host = host
		if auth != "" {
			req.Header.Set("Authorization", auth)
		}
		if body != "" {
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		}
		resp, err := srv.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		raw, _ := io.ReadAll(resp.Body)
		return resp, string(raw)
	}
	port := srv.URL[strings.LastIndex(srv.URL, ":"):]
	form := "grant_type=client_credentials&client_id=" + testClientID + "&client_secret=s3cr%3Aet%2F%2B%26&audience=http://rebound.example" + port + "/api/v2/"
	for _, tt := range []struct{ method, path, body, auth string }{
		{http.MethodPost, "/oauth/token", form, ""},
		{http.MethodGet, "/api/v2/connections", "", "Bearer " + h.token},
	} {
		resp, body := send("rebound.example"+port, tt.method, tt.path, tt.body, tt.auth)
		if resp.StatusCode != http.StatusMisdirectedRequest {
			t.Errorf("%s %s with a foreign Host: %d %s", tt.method, tt.path, resp.StatusCode, body)
		}
		if strings.Contains(body, "google-secret") || strings.Contains(body, "access_token") {
			t.Errorf("%s %s answered a foreign Host with data: %s", tt.method, tt.path, body)
		}
		var e errorBody
		if err := json.Unmarshal([]byte(body), &e); err != nil || e.StatusCode != 421 || e.Error != "Misdirected Request" ||
			e.ErrorCode != "misdirected_request" || !strings.Contains(e.Message, `"rebound.example`+port+`"`) {
			t.Errorf("error body %s (%v)", body, err)
		}
		if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
			t.Errorf("Content-Type %q", ct)
		}
	}
	// The loopback names still work.
	for _, host := range []string{"127.0.0.1" + port, "localhost" + port} {
		if resp, body := send(host, http.MethodGet, "/api/v2/connections", "", "Bearer "+h.token); resp.StatusCode != http.StatusOK {
			t.Errorf("Host %s: %d %s", host, resp.StatusCode, body)
		}
	}
}

// TestLimitsCutStalledRequests: a client that sends its headers and part of
// its body, then stalls, is cut off once the read timeout has passed.
func TestLimitsCutStalledRequests(t *testing.T) {
	t.Parallel()
	limits := Limits{ReadTimeout: 300 * time.Millisecond, WriteTimeout: time.Second, IdleTimeout: time.Second}
	emu := New(Config{ClientID: testClientID, ClientSecret: testClientSecret})
	srv := httptest.NewUnstartedServer(nil)
	srv.Config = limits.HTTPServer(emu)
	srv.Start()
	t.Cleanup(srv.Close)

	elapsed := stall(t, srv.Listener.Addr().String())
	if elapsed < limits.ReadTimeout || elapsed > 5*time.Second {
		t.Errorf("the stalled connection was cut after %v, want about %v", elapsed, limits.ReadTimeout)
	}
}

// stall sends the headers and a part of the body of a token request, then
// waits for the server to close the connection; it returns how long that
// took, and fails the test when the server still holds it after 5s.
func stall(t *testing.T, addr string) time.Duration {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	start := time.Now()
	_, err = io.WriteString(conn, "POST /oauth/token HTTP/1.1\r\nHost: 127.0.0.1\r\n"+
		"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\ngrant_type=client_")
	if err != nil {
		t.Fatal(err)
	}
	_ = conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	// The server may answer the broken request before it closes; either
	// way the connection ends.
	_, err = io.Copy(io.Discard, bufio.NewReader(conn))
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		t.Fatalf("the server still holds a stalled connection after %v", time.Since(start).Round(time.Millisecond))
	}
	return time.Since(start)
}

// TestLimitsCapConnections: with MaxConnections open, the next connection
// is not served until one of them closes.
func TestLimitsCapConnections(t *testing.T) {
	t.Parallel()
	limits := Limits{MaxConnections: 2}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := limits.HTTPServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { _, _ = io.WriteString(w, "ok") }))
	go func() { _ = srv.Serve(limits.Listener(ln)) }()
	t.Cleanup(func() { _ = srv.Close() })

	get := func(conn net.Conn) error {
		if _, err := io.WriteString(conn, "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"); err != nil {
			return err
		}
		_ = conn.SetReadDeadline(time.Now().Add(300 * time.Millisecond))
		resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
		if err != nil {
			return err
		}
		return resp.Body.Close()
	}
	var held []net.Conn
	for range 2 {
		c, err := net.Dial("tcp", ln.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		if err := get(c); err != nil {
			t.Fatalf("connection %d within the cap: %v", len(held)+1, err)
		}
		held = append(held, c)
	}
	extra, err := net.Dial("tcp", ln.Addr().String()) // the kernel accepts it; the server does not
	if err != nil {
		t.Fatal(err)
	}
	defer extra.Close()
	if err := get(extra); err == nil {
		t.Fatal("a connection beyond the cap was served")
	}
	held[0].Close()
	if err := get(extra); err != nil {
		t.Errorf("the waiting connection was not served once a slot was free: %v", err)
	}
}
