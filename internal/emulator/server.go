package emulator

import (
	"errors"
	"fmt"
	"io"
	"maps"
	"math"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"
)

// Config sets the credentials the emulator accepts and the behaviour it
// adds on top of the API: scopes, rate limiting, injected faults and
// persistence. The zero value of each optional field turns it off. The
// auth0-emulator command sets one field per flag.
type Config struct {
	// ClientID and ClientSecret are the client credentials POST /oauth/token
	// accepts.
	ClientID     string
	ClientSecret string
	// TokenTTL is the lifetime of issued tokens; 0 means 86400s. An expired
	// token gets 401 "Invalid token", so clients fetch a new one.
	TokenTTL time.Duration

	// Scopes are the scopes tokens from POST /oauth/token carry; nil means
	// AllScopes(). A request whose token lacks the scope its endpoint needs
	// gets 403 insufficient_scope; without read:connections_options the
	// connections' options are left out of answers, and changing them needs
	// update:connections_options.
	Scopes []string

	// RateLimitRPS turns on the tenant's token bucket: it refills at this
	// many requests per second and holds RateLimitBurst (0 means
	// ceil(RateLimitRPS), at least 1). Every /api/v2 answer then carries
	// X-RateLimit-Limit, -Remaining and -Reset, and requests beyond the
	// bucket get 429 with Retry-After.
	RateLimitRPS   float64
	RateLimitBurst int

	// Latency delays every /api/v2 request.
	Latency time.Duration
	// FailRate is the probability (0..1) that an /api/v2 request gets 503
	// before anything is changed.
	FailRate float64
	// DropAfterCommitRate is the probability (0..1) that an /api/v2 request
	// is processed in full (any change it makes is stored) and then its
	// connection is closed without an answer. It needs a real HTTP server
	// (such as httptest.Server): a bare ResponseRecorder cannot be dropped.
	DropAfterCommitRate float64
	// Seed seeds the generator that draws the faults, so that a sequential
	// test sees the same faults on every run; 0 picks a random seed.
	Seed int64

	// DataFile, when set, keeps the connections and clients in this file:
	// they are loaded from it when the emulator starts (a missing file is an
	// empty tenant) and written to it, atomically, after every change.
	// Tokens are not kept: clients fetch new ones after a restart. The file
	// (mode 0600) holds options.configuration values in clear.
	DataFile string
}

// validate checks the fields a caller may get wrong.
func (cfg Config) validate() error {
	switch {
	case cfg.TokenTTL < 0:
		return errors.New("the token TTL must not be negative")
	case cfg.RateLimitRPS < 0 || math.IsNaN(cfg.RateLimitRPS) || math.IsInf(cfg.RateLimitRPS, 0):
		return errors.New("the rate limit must be a finite number of requests per second, 0 or more")
	case cfg.RateLimitBurst < 0:
		return errors.New("the rate limit burst must not be negative")
	case cfg.RateLimitBurst > 0 && cfg.RateLimitRPS == 0:
		return errors.New("a rate limit burst needs a rate limit")
	case cfg.Latency < 0:
		return errors.New("the latency must not be negative")
	case !(cfg.FailRate >= 0 && cfg.FailRate <= 1):
		return errors.New("the fail rate must be between 0 and 1")
	case !(cfg.DropAfterCommitRate >= 0 && cfg.DropAfterCommitRate <= 1):
		return errors.New("the drop-after-commit rate must be between 0 and 1")
	}
	for _, s := range cfg.Scopes {
		if s == "" || strings.ContainsAny(s, " \t\n") {
			return fmt.Errorf("invalid scope %q", s)
		}
	}
	return nil
}

// Request is one request made to /api/v2/*, as recorded for tests.
type Request struct {
	Method string
	// Path is the decoded path (URL.Path), in which an escaped "%2F" and a
	// "/" look the same; EscapedPath is the path as sent
	// (URL.EscapedPath), which is what the emulator routes on.
	Path        string
	EscapedPath string
	RawQuery    string
	Body        []byte
	// Status is the status code answered, or 0 when the connection was
	// dropped without an answer (Config.DropAfterCommitRate).
	Status int
}

// Server is an http.Handler serving the emulated API. It is safe for
// concurrent use.
type Server struct {
	cfg           Config
	now           func() time.Time
	grantedScopes scopeSet
	tokens        *tokenStore
	store         *store
	routes        []route
	limiter       *limiter // nil without rate limiting
	faults        *faults

	logMu sync.Mutex
	log   []Request
	stats map[string]int
}

const (
	apiPrefix    = "/api/v2/"
	maxBodyBytes = 1 << 20
)

// New returns an emulator configured by cfg. It panics when cfg is invalid
// or cfg.DataFile cannot be loaded; Open returns those errors instead.
func New(cfg Config) *Server {
	s, err := Open(cfg)
	if err != nil {
		panic("emulator: " + err.Error())
	}
	return s
}

// Open returns an emulator configured by cfg, with the connections and
// clients of cfg.DataFile if it exists, or none.
func Open(cfg Config) (*Server, error) {
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	if cfg.TokenTTL == 0 {
		cfg.TokenTTL = 86400 * time.Second
	}
	scopes := cfg.Scopes
	if scopes == nil {
		scopes = AllScopes()
	}
	s := &Server{
		cfg:           cfg,
		now:           time.Now,
		grantedScopes: newScopeSet(scopes),
		store:         newStore(),
		faults:        newFaults(cfg),
		stats:         map[string]int{},
	}
	s.tokens = newTokenStore(cfg.TokenTTL, func() time.Time { return s.now() })
	if cfg.RateLimitRPS > 0 {
		s.limiter = newLimiter(cfg.RateLimitRPS, cfg.RateLimitBurst, s.now())
	}
	if cfg.DataFile != "" {
		if err := s.store.open(cfg.DataFile); err != nil {
			return nil, err
		}
	}
	s.routes = []route{
		{pattern: "connections", methods: map[string]endpoint{
			http.MethodGet:  {s.listConnections, ScopeReadConnections},
			http.MethodPost: {s.createConnection, ScopeCreateConnections},
		}},
		{pattern: "connections/{id}", methods: map[string]endpoint{
			http.MethodGet:    {s.getConnection, ScopeReadConnections},
			http.MethodPatch:  {s.updateConnection, ScopeUpdateConnections},
			http.MethodDelete: {s.deleteConnection, ScopeDeleteConnections},
		}},
		{pattern: "connections/{id}/clients", methods: map[string]endpoint{
			http.MethodGet:   {s.listEnabledClients, ScopeReadConnections},
			http.MethodPatch: {s.patchEnabledClients, ScopeUpdateConnections},
		}},
		{pattern: "clients", methods: map[string]endpoint{
			http.MethodGet:  {s.listClients, ScopeReadClients},
			http.MethodPost: {s.createClient, ScopeCreateClients},
		}},
		{pattern: "clients/{id}", methods: map[string]endpoint{
			http.MethodGet:    {s.getClient, ScopeReadClients},
			http.MethodDelete: {s.deleteClient, ScopeDeleteClients},
		}},
	}
	// The connection estate, a file each.
	s.routes = slices.Concat(s.routes, s.keyRoutes(), s.scimRoutes(), s.directoryRoutes(), s.profileRoutes(), s.statusRoutes())
	return s, nil
}

// IssueToken returns a valid bearer token with every scope, for tests that
// edit state over HTTP behind the code under test's back.
func (s *Server) IssueToken() string { return s.tokens.issue(newScopeSet(AllScopes())) }

// IssueTokenWithScopes returns a valid bearer token with exactly the given
// scopes, for tests of what a token without some scope may do.
func (s *Server) IssueTokenWithScopes(scopes ...string) string {
	return s.tokens.issue(newScopeSet(scopes))
}

// IssuedTokens returns the access tokens issued so far that have not
// expired, in the order they were issued, for tests that make sure no token
// leaks into state, plans or logs. Expired tokens are forgotten, so that the
// emulator's memory does not grow with the number of tokens it issues.
func (s *Server) IssuedTokens() []string { return s.tokens.valid() }

// Requests returns a copy of the /api/v2/* requests served so far, in the
// order they completed.
func (s *Server) Requests() []Request {
	s.logMu.Lock()
	defer s.logMu.Unlock()
	out := slices.Clone(s.log)
	for i := range out {
		out[i].Body = slices.Clone(out[i].Body)
	}
	return out
}

// SetFaultRates changes the rates of injected faults (Config.FailRate and
// Config.DropAfterCommitRate) of a running emulator, for tests that need an
// outage for a while.
func (s *Server) SetFaultRates(fail, drop float64) { s.faults.setRates(fail, drop) }

// ResetRequests forgets the recorded requests and the counts of Stats.
func (s *Server) ResetRequests() {
	s.logMu.Lock()
	defer s.logMu.Unlock()
	s.log = nil
	s.stats = map[string]int{}
}

// Stats counts the requests received since the emulator started (or since
// ResetRequests), keyed by method and route template, such as
// "GET /api/v2/connections/{id}" or "POST /oauth/token". Every request
// counts, whatever the answer (429, 503 and dropped ones included);
// requests for paths the emulator does not serve count under
// "<METHOD> (unknown route)".
func (s *Server) Stats() map[string]int {
	s.logMu.Lock()
	defer s.logMu.Unlock()
	return maps.Clone(s.stats)
}

func (s *Server) count(key string) {
	s.logMu.Lock()
	defer s.logMu.Unlock()
	s.stats[key]++
}

// ServeHTTP implements http.Handler. It routes on the escaped path, as
// Auth0 does: an escaped "/" (%2F) is part of its segment, never a
// separator, so /api/v2/connections%2Fcon_123 is one segment
// "connections/con_123" that no route serves (see CONTRACT.md, Paths).
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	path := r.URL.EscapedPath()
	switch {
	case strings.HasPrefix(path, apiPrefix):
		s.serveAPI(w, r)
	case path == "/oauth/token":
		s.count(r.Method + " /oauth/token")
		sw := &statusWriter{ResponseWriter: w}
		defer recoverPanic(sw)
		s.handleToken(sw, r)
	default:
		s.count(r.Method + " (unknown route)")
		writeError(w, errRouteNotFound)
	}
}

// call is what a route handler gets besides the ResponseWriter.
type call struct {
	r      *http.Request
	ids    []string // path parameters, in order
	body   []byte
	scopes scopeSet // the token's
}

type handler func(w http.ResponseWriter, c call) error

// endpoint is one method of a route and the scope it needs.
type endpoint struct {
	h     handler
	scope string
}

// route maps a path pattern below /api/v2/ to endpoints by method; "{id}"
// matches one non-empty segment.
type route struct {
	pattern string
	methods map[string]endpoint
}

func (rt route) match(segs []string) ([]string, bool) {
	want := strings.Split(rt.pattern, "/")
	if len(want) != len(segs) {
		return nil, false
	}
	var ids []string
	for i, seg := range want {
		switch {
		case seg == "{id}" && segs[i] != "":
			ids = append(ids, segs[i])
		case seg != segs[i]:
			return nil, false
		}
	}
	return ids, true
}

// pathSegments splits an escaped path below /api/v2/ at its literal "/"
// and only then unescapes each segment, so that an escaped "/" stays inside
// its segment. ok is false when a segment is not validly escaped.
func pathSegments(escaped string) (segs []string, ok bool) {
	segs = strings.Split(strings.TrimPrefix(escaped, apiPrefix), "/")
	for i, seg := range segs {
		plain, err := url.PathUnescape(seg)
		if err != nil {
			return nil, false
		}
		segs[i] = plain
	}
	return segs, true
}

// findRoute returns the route serving an escaped /api/v2 path and the
// unescaped values of its {id} segments, or nil.
func (s *Server) findRoute(escaped string) (*route, []string) {
	segs, ok := pathSegments(escaped)
	if !ok {
		return nil, nil
	}
	for i := range s.routes {
		if ids, ok := s.routes[i].match(segs); ok {
			return &s.routes[i], ids
		}
	}
	return nil, nil
}

// serveAPI runs one /api/v2 request through the emulated tenant: latency,
// rate limit and failure injection, then routing, authentication, scopes
// and the handler, whose answer is held until the drop decision is made.
func (s *Server) serveAPI(w http.ResponseWriter, r *http.Request) {
	rt, ids := s.findRoute(r.URL.EscapedPath())
	if rt != nil {
		s.count(r.Method + " " + apiPrefix + rt.pattern)
	} else {
		s.count(r.Method + " (unknown route)")
	}
	var body []byte
	status, recorded := 0, false
	defer func() {
		if !recorded {
			s.record(r, body, status)
		}
	}()

	s.faults.wait(r.Context())
	if s.limiter != nil {
		d := s.limiter.take(s.now())
		d.setHeaders(w.Header())
		if !d.allowed {
			status = http.StatusTooManyRequests
			writeError(w, errTooManyRequests)
			return
		}
	}
	if s.faults.fail() {
		status = http.StatusServiceUnavailable
		writeError(w, errUnavailable)
		return
	}
	drop := s.faults.drop()

	buf := newBufferedResponse()
	body = s.handle(buf, w, r, rt, ids)
	if drop {
		// Recorded first: the client may read the log as soon as it sees
		// the connection close.
		s.record(r, body, 0)
		recorded = true
		dropConnection(w)
		return
	}
	status = buf.status
	buf.flush(w)
}

// handle answers into buf; raw is the connection's writer, which the body
// size limit needs. It returns the request body it read.
func (s *Server) handle(buf *bufferedResponse, raw http.ResponseWriter, r *http.Request, rt *route, ids []string) (body []byte) {
	defer func() {
		if p := recover(); p != nil {
			if p == http.ErrAbortHandler {
				panic(p)
			}
			buf.reset()
			writeError(buf, errInternal)
		}
	}()
	body, err := readBody(raw, r)
	if err != nil {
		writeError(buf, err)
		return nil
	}
	if rt == nil {
		writeError(buf, errRouteNotFound)
		return body
	}
	ep, ok := rt.methods[r.Method]
	if !ok {
		buf.Header().Set("Allow", strings.Join(slices.Sorted(maps.Keys(rt.methods)), ", "))
		writeError(buf, errMethodNotAllowed)
		return body
	}
	scopes, ok := s.tokens.lookup(bearerToken(r))
	switch {
	case !ok:
		writeError(buf, errInvalidToken)
	case !scopes.has(ep.scope):
		writeError(buf, insufficientScope(ep.scope))
	default:
		if err := ep.h(buf, call{r: r, ids: ids, body: body, scopes: scopes}); err != nil {
			buf.reset()
			writeError(buf, err)
		}
	}
	return body
}

func (s *Server) record(r *http.Request, body []byte, status int) {
	s.logMu.Lock()
	defer s.logMu.Unlock()
	s.log = append(s.log, Request{
		Method:      r.Method,
		Path:        r.URL.Path,
		EscapedPath: r.URL.EscapedPath(),
		RawQuery:    r.URL.RawQuery,
		Body:        body,
		Status:      status,
	})
}

// readBody reads at most maxBodyBytes of the request body.
func readBody(w http.ResponseWriter, r *http.Request) ([]byte, error) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBodyBytes))
	var tooLarge *http.MaxBytesError
	switch {
	case errors.As(err, &tooLarge):
		return nil, errPayloadTooLarge
	case err != nil:
		return nil, invalidBody("Invalid request payload")
	}
	return body, nil
}

// recoverPanic turns a handler panic into an Auth0-shaped 500 so one bad
// request cannot take the emulator down.
func recoverPanic(w *statusWriter) {
	p := recover()
	if p == nil {
		return
	}
	if p == http.ErrAbortHandler {
		panic(p)
	}
	if w.status == 0 {
		writeError(w, errInternal)
	}
}

// statusWriter remembers the status code written through it.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(status int) {
	if w.status == 0 {
		w.status = status
	}
	w.ResponseWriter.WriteHeader(status)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the connection's writer.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
