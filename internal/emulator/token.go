package emulator

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/json"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// tokenStore holds issued opaque access tokens until they expire. Tokens
// are looked up by their SHA-256 digest in a map, in constant time. Every
// token lives for the same ttl, so tokens expire in the order they were
// issued: a queue in that order lets each issue drop the expired ones at its
// front, and the store holds only the tokens still valid (amortized O(1) per
// token, however many were issued before).
type tokenStore struct {
	mu     sync.Mutex
	ttl    time.Duration
	now    func() time.Time
	tokens map[[sha256.Size]byte]tokenInfo
	// queue holds the valid tokens in the order they were issued, from
	// head on; the token itself is kept for IssuedTokens, which tests use to
	// make sure none leaks into state, plans or logs.
	queue []issuedToken
	head  int
}

type tokenInfo struct {
	expiry time.Time
	scopes scopeSet
}

type issuedToken struct {
	token  string
	digest [sha256.Size]byte
	expiry time.Time
}

func newTokenStore(ttl time.Duration, now func() time.Time) *tokenStore {
	return &tokenStore{ttl: ttl, now: now, tokens: map[[sha256.Size]byte]tokenInfo{}}
}

func (ts *tokenStore) issue(scopes scopeSet) string {
	token := base64.RawURLEncoding.EncodeToString(randomBytes(32))
	digest := sha256.Sum256([]byte(token))
	now := ts.now()
	ts.mu.Lock()
	defer ts.mu.Unlock()
	ts.sweep(now)
	expiry := now.Add(ts.ttl)
	ts.tokens[digest] = tokenInfo{expiry: expiry, scopes: scopes}
	ts.queue = append(ts.queue, issuedToken{token: token, digest: digest, expiry: expiry})
	return token
}

// sweep forgets the tokens expired at now, from the front of the queue. A
// clock set back (tests only) leaves some expired tokens behind the first
// valid one; lookup refuses them and a later sweep drops them.
func (ts *tokenStore) sweep(now time.Time) {
	for ts.head < len(ts.queue) && !now.Before(ts.queue[ts.head].expiry) {
		delete(ts.tokens, ts.queue[ts.head].digest)
		ts.queue[ts.head] = issuedToken{}
		ts.head++
	}
	// Compact once the dropped front is at least half the slice, so the
	// backing array does not grow with the number of tokens ever issued.
	if ts.head > 0 && ts.head*2 >= len(ts.queue) {
		n := copy(ts.queue, ts.queue[ts.head:])
		clear(ts.queue[n:])
		ts.queue, ts.head = ts.queue[:n], 0
	}
}

// stored is the number of tokens the store holds, for tests of its size.
func (ts *tokenStore) stored() (tokens, queued int) {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	return len(ts.tokens), len(ts.queue)
}

// valid returns the tokens still valid, in the order they were issued.
func (ts *tokenStore) valid() []string {
	now := ts.now()
	ts.mu.Lock()
	defer ts.mu.Unlock()
	var out []string
	for _, it := range ts.queue[ts.head:] {
		if now.Before(it.expiry) {
			out = append(out, it.token)
		}
	}
	return out
}

// lookup returns the scopes of a valid token.
func (ts *tokenStore) lookup(token string) (scopeSet, bool) {
	if token == "" {
		return nil, false
	}
	digest := sha256.Sum256([]byte(token))
	now := ts.now()
	ts.mu.Lock()
	defer ts.mu.Unlock()
	info, ok := ts.tokens[digest]
	if !ok || !now.Before(info.expiry) {
		return nil, false
	}
	return info.scopes, true
}

// bearerToken extracts the token of an "Authorization: Bearer" header.
func bearerToken(r *http.Request) string {
	scheme, token, ok := strings.Cut(r.Header.Get("Authorization"), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return ""
	}
	return strings.TrimSpace(token)
}

type tokenResponse struct {
	AccessToken string `json:"access_token"`
	ExpiresIn   int64  `json:"expires_in"`
	Scope       string `json:"scope"`
	TokenType   string `json:"token_type"`
}

// handleToken implements the client credentials grant of POST /oauth/token.
// A "scope" parameter narrows the granted scopes to those it lists.
func (s *Server) handleToken(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		writeError(w, errMethodNotAllowed)
		return
	}
	body, err := readBody(w, r)
	if err != nil {
		writeError(w, err)
		return
	}
	params, ok := tokenParams(r.Header.Get("Content-Type"), body)
	if !ok {
		writeOAuthError(w, http.StatusBadRequest, "invalid_request", "Invalid request body")
		return
	}
	clientID, secret := params.Get("client_id"), params.Get("client_secret")
	if user, pass, ok := r.BasicAuth(); ok {
		// golang.org/x/oauth2 URL-encodes Basic credentials (RFC 6749 §2.3.1).
		clientID, secret = unescape(user), unescape(pass)
	}
	switch audience := params.Get("audience"); {
	case params.Get("grant_type") != "client_credentials":
		writeOAuthError(w, http.StatusBadRequest, "unsupported_grant_type", "Unsupported grant type: "+params.Get("grant_type"))
	case !s.validCredentials(clientID, secret):
		writeOAuthError(w, http.StatusUnauthorized, "access_denied", "Unauthorized")
	case audience == "":
		writeOAuthError(w, http.StatusForbidden, "access_denied", "No audience parameter was provided, and no default audience has been configured")
	case strings.TrimSuffix(audience, "/") != apiAudience(r):
		writeOAuthError(w, http.StatusForbidden, "access_denied", "Service not enabled within domain: "+audience)
	default:
		scopes := s.grantedScopes
		if requested := strings.Fields(params.Get("scope")); len(requested) > 0 {
			scopes = scopes.intersect(requested)
		}
		w.Header().Set("Cache-Control", "no-store")
		writeJSON(w, http.StatusOK, tokenResponse{
			AccessToken: s.tokens.issue(scopes),
			ExpiresIn:   int64(s.cfg.TokenTTL / time.Second),
			Scope:       scopes.String(),
			TokenType:   "Bearer",
		})
	}
}

func (s *Server) validCredentials(clientID, secret string) bool {
	idOK := subtle.ConstantTimeCompare([]byte(clientID), []byte(s.cfg.ClientID)) == 1
	secretOK := subtle.ConstantTimeCompare([]byte(secret), []byte(s.cfg.ClientSecret)) == 1
	return idOK && secretOK
}

// apiAudience is the Management API identifier for the host the request
// reached, without the trailing slash.
func apiAudience(r *http.Request) string { return baseURL(r) + "/api/v2" }

// tokenParams reads a JSON or form-encoded token request.
func tokenParams(contentType string, body []byte) (url.Values, bool) {
	if mediaType, _, _ := mime.ParseMediaType(contentType); mediaType == "application/json" {
		var fields map[string]any
		if err := json.Unmarshal(body, &fields); err != nil {
			return nil, false
		}
		params := url.Values{}
		for k, v := range fields {
			if s, ok := v.(string); ok {
				params.Set(k, s)
			}
		}
		return params, true
	}
	params, err := url.ParseQuery(string(body))
	return params, err == nil
}

func unescape(s string) string {
	if u, err := url.QueryUnescape(s); err == nil {
		return u
	}
	return s
}

func writeOAuthError(w http.ResponseWriter, status int, code, description string) {
	writeJSON(w, status, map[string]string{"error": code, "error_description": description})
}
