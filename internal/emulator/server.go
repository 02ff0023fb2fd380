package emulator

import (
	"errors"
	"io"
	"maps"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"
)

// Config sets the credentials the emulator accepts.
type Config struct {
	// ClientID and ClientSecret are the client credentials POST /oauth/token
	// accepts.
	ClientID     string
	ClientSecret string
	TokenTTL     time.Duration // lifetime of issued tokens; 0 means 86400s
}

// Request is one request made to /api/v2/*, as recorded for tests.
type Request struct {
	Method   string
	Path     string
	RawQuery string
	Body     []byte
	Status   int
}

// Server is an http.Handler serving the emulated API. It is safe for
// concurrent use.
type Server struct {
	cfg    Config
	tokens *tokenStore
	store  *store
	routes []route

	logMu sync.Mutex
	log   []Request
}

const (
	apiPrefix    = "/api/v2/"
	maxBodyBytes = 1 << 20
)

// New returns an emulator with no connections and no clients.
func New(cfg Config) *Server {
	if cfg.TokenTTL <= 0 {
		cfg.TokenTTL = 86400 * time.Second
	}
	s := &Server{cfg: cfg, tokens: newTokenStore(cfg.TokenTTL), store: newStore()}
	s.routes = []route{
		{"connections", map[string]handler{http.MethodGet: s.listConnections, http.MethodPost: s.createConnection}},
		{"connections/{}", map[string]handler{http.MethodGet: s.getConnection, http.MethodPatch: s.updateConnection, http.MethodDelete: s.deleteConnection}},
		{"connections/{}/clients", map[string]handler{http.MethodGet: s.listEnabledClients, http.MethodPatch: s.patchEnabledClients}},
		{"clients", map[string]handler{http.MethodGet: s.listClients, http.MethodPost: s.createClient}},
		{"clients/{}", map[string]handler{http.MethodGet: s.getClient, http.MethodDelete: s.deleteClient}},
	}
	return s
}

// IssueToken returns a valid bearer token with every scope, for tests that
// edit state over HTTP behind the code under test's back.
func (s *Server) IssueToken() string { return s.tokens.issue() }

// IssuedTokens returns every access token issued so far, expired or not.
func (s *Server) IssuedTokens() []string {
	s.tokens.mu.Lock()
	defer s.tokens.mu.Unlock()
	return slices.Clone(s.tokens.issued)
}

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

// ResetRequests forgets the recorded requests.
func (s *Server) ResetRequests() {
	s.logMu.Lock()
	defer s.logMu.Unlock()
	s.log = nil
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rw := &statusWriter{ResponseWriter: w}
	switch {
	case strings.HasPrefix(r.URL.Path, apiPrefix):
		s.serveAPI(rw, r)
	case r.URL.Path == "/oauth/token":
		defer recoverPanic(rw)
		s.handleToken(rw, r)
	default:
		writeError(rw, errRouteNotFound)
	}
}

// call is what a route handler gets besides the ResponseWriter.
type call struct {
	r    *http.Request
	ids  []string // path parameters, in order
	body []byte
}

type handler func(w http.ResponseWriter, c call)

// route maps a path pattern below /api/v2/ to handlers by method; "{}"
// matches one non-empty segment.
type route struct {
	pattern  string
	handlers map[string]handler
}

func (rt route) match(path string) ([]string, bool) {
	want, got := strings.Split(rt.pattern, "/"), strings.Split(path, "/")
	if len(want) != len(got) {
		return nil, false
	}
	var ids []string
	for i, seg := range want {
		switch {
		case seg == "{}" && got[i] != "":
			ids = append(ids, got[i])
		case seg != got[i]:
			return nil, false
		}
	}
	return ids, true
}

func (s *Server) serveAPI(w *statusWriter, r *http.Request) {
	var body []byte
	defer func() { s.record(r, body, w.status) }()
	defer recoverPanic(w)

	body, err := readBody(w, r)
	if err != nil {
		writeError(w, err)
		return
	}
	path := strings.TrimPrefix(r.URL.Path, apiPrefix)
	for _, rt := range s.routes {
		ids, ok := rt.match(path)
		if !ok {
			continue
		}
		h := rt.handlers[r.Method]
		switch {
		case h == nil:
			w.Header().Set("Allow", strings.Join(slices.Sorted(maps.Keys(rt.handlers)), ", "))
			writeError(w, errMethodNotAllowed)
		case !s.tokens.valid(bearerToken(r)):
			writeError(w, errInvalidToken)
		default:
			h(w, call{r: r, ids: ids, body: body})
		}
		return
	}
	writeError(w, errRouteNotFound)
}

func (s *Server) record(r *http.Request, body []byte, status int) {
	s.logMu.Lock()
	defer s.logMu.Unlock()
	s.log = append(s.log, Request{
		Method:   r.Method,
		Path:     r.URL.Path,
		RawQuery: r.URL.RawQuery,
		Body:     body,
		Status:   status,
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
