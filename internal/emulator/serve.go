package emulator

import (
	"fmt"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"
)

// What a program serving the emulator on a socket adds around it (the
// auth0-emulator command uses both; tests may too): a Host check against DNS
// rebinding, and limits on what one client can hold.

// Hosts is the Host header policy of a served emulator. A web page the
// user opens can make the browser send requests to a loopback port under a
// name the page's author controls, once that name resolves to 127.0.0.1
// (DNS rebinding): the Host header then carries the author's name. Answering
// only the names the emulator is known by keeps such a page from getting a
// token with the default credentials and reading the stored connections'
// secrets.
//
// The loopback hosts are always answered: localhost, 127.0.0.0/8 and ::1,
// with any port.
type Hosts struct {
	// Names are further host names or IP addresses to answer, compared
	// without case, without a trailing dot and without the port.
	Names []string
	// AnyIP answers every Host that is an IP address: a name-less Host
	// cannot be rebound, so an emulator listening on every interface can
	// answer all of its addresses.
	AnyIP bool
}

// hostName is the host of a Host header, without port, brackets, trailing
// dot or case.
func hostName(host string) string {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	} else if strings.HasPrefix(host, "[") && strings.HasSuffix(host, "]") {
		host = host[1 : len(host)-1]
	}
	return strings.TrimSuffix(strings.ToLower(host), ".")
}

// Allows reports whether a request with this Host header is answered.
func (h Hosts) Allows(host string) bool {
	name := hostName(host)
	if name == "" {
		return false
	}
	if name == "localhost" {
		return true
	}
	if ip := net.ParseIP(name); ip != nil && (ip.IsLoopback() || h.AnyIP) {
		return true
	}
	for _, n := range h.Names {
		if n = hostName(n); n != "" && n == name {
			return true
		}
	}
	return false
}

// Handler answers requests whose Host the policy does not allow with 421
// Misdirected Request in Auth0's error shape, and passes the others to next.
func (h Hosts) Handler(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !h.Allows(r.Host) {
			writeError(w, misdirected(r.Host))
			return
		}
		next.ServeHTTP(w, r)
	})
}

func misdirected(host string) *apiError {
	if len(host) > 100 {
		host = host[:100] + "…"
	}
	return &apiError{
		status: http.StatusMisdirectedRequest,
		message: fmt.Sprintf("The emulator does not answer for host %q: it answers localhost, loopback addresses "+
			"and the names it was started with (-allow-host)", host),
		code: "misdirected_request",
	}
}

// Limits bounds what clients can hold of a served emulator: how long a
// request may take to arrive and its answer to leave, how long an idle
// connection stays open, and how many connections are open at once.
type Limits struct {
	// ReadHeaderTimeout bounds the reading of a request's headers; 0 means
	// ReadTimeout.
	ReadHeaderTimeout time.Duration
	// ReadTimeout bounds the reading of a whole request, body included: a
	// client that stalls mid-request is cut off.
	ReadTimeout time.Duration
	// WriteTimeout bounds the time from the end of the request's headers to
	// the end of the answer; it must leave room for Config.Latency.
	WriteTimeout time.Duration
	// IdleTimeout bounds how long a keep-alive connection waits for its
	// next request.
	IdleTimeout time.Duration
	// MaxConnections caps the connections open at once; further ones wait
	// to be accepted until one closes. 0 means no cap.
	MaxConnections int
}

// DefaultLimits are generous for any client of the API, and tight enough
// that a stalled or idle client lets go of its connection within a minute
// or two.
func DefaultLimits() Limits {
	return Limits{
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxConnections:    256,
	}
}

// HTTPServer returns an http.Server for handler with the timeouts of l. Serve
// it on l.Listener(ln) for the connection cap.
func (l Limits) HTTPServer(handler http.Handler) *http.Server {
	return &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: l.ReadHeaderTimeout,
		ReadTimeout:       l.ReadTimeout,
		WriteTimeout:      l.WriteTimeout,
		IdleTimeout:       l.IdleTimeout,
	}
}

// Listener returns ln with at most l.MaxConnections connections open at
// once: Accept waits while that many are open. With no cap it returns ln.
func (l Limits) Listener(ln net.Listener) net.Listener {
	if l.MaxConnections <= 0 {
		return ln
	}
	return &limitListener{Listener: ln, slots: make(chan struct{}, l.MaxConnections), done: make(chan struct{})}
}

type limitListener struct {
	net.Listener
	slots     chan struct{}
	done      chan struct{}
	closeOnce sync.Once
}

func (l *limitListener) Accept() (net.Conn, error) {
	select {
	case l.slots <- struct{}{}:
	case <-l.done:
		return nil, net.ErrClosed
	}
	c, err := l.Listener.Accept()
	if err != nil {
		<-l.slots
		return nil, err
	}
	return &limitConn{Conn: c, release: func() { <-l.slots }}, nil
}

func (l *limitListener) Close() error {
	l.closeOnce.Do(func() { close(l.done) })
	return l.Listener.Close()
}

// limitConn gives its slot back when closed, once.
type limitConn struct {
	net.Conn
	once    sync.Once
	release func()
}

func (c *limitConn) Close() error {
	err := c.Conn.Close()
	c.once.Do(c.release)
	return err
}
