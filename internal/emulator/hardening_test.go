package emulator

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"
)

// TestTokenStoreStaysFlat issues 50,000 tokens through POST /oauth/token on
// a clock that moves 1ms a request, with tokens living 1s: the store holds
// the valid ones only, about a thousand, however many were issued.
func TestTokenStoreStaysFlat(t *testing.T) {
	t.Parallel()
	clock := &fakeClock{now: time.Unix(1_700_000_000, 0)}
	emu := New(Config{ClientID: testClientID, ClientSecret: testClientSecret, TokenTTL: time.Second})
	emu.now = clock.Now
	form := url.Values{
		"grant_type": {"client_credentials"}, "client_id": {testClientID}, "client_secret": {testClientSecret},
		"audience": {"http://127.0.0.1:4010/api/v2/"},
	}.Encode()
	const requests, live = 50_000, 1000 // live: tokens valid at any time
	var first, last string
	maxQueued := 0
	for i := range requests {
		req := httptest.NewRequest(http.MethodPost, "http://127.0.0.1:4010/oauth/token", strings.NewReader(form))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		rec := httptest.NewRecorder()
		emu.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			t.Fatalf("request %d: %d %s", i, rec.Code, rec.Body)
		}
		var body tokenResponse
		if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			first = body.AccessToken
		}
		last = body.AccessToken
		if i%1000 == 999 {
			tokens, queued := emu.tokens.stored()
			if tokens > live+1 || queued > 2*(live+1) {
				t.Fatalf("after %d requests the store holds %d tokens (%d queued), want at most %d", i+1, tokens, queued, live+1)
			}
			maxQueued = max(maxQueued, queued)
		}
		clock.Add(time.Millisecond)
	}
	if n := len(emu.IssuedTokens()); n > live {
		t.Errorf("IssuedTokens holds %d tokens, want the %d still valid at most", n, live)
	}
	emu.tokens.mu.Lock()
	capacity := cap(emu.tokens.queue)
	emu.tokens.mu.Unlock()
	if capacity > 8*live {
		t.Errorf("the token queue's capacity grew to %d", capacity)
	}
	if _, ok := emu.tokens.lookup(last); !ok {
		t.Error("the last token is not valid")
	}
	if _, ok := emu.tokens.lookup(first); ok {
		t.Error("the first token is still valid")
	}
	t.Logf("at most %d tokens queued", maxQueued)
}

// TestIssuedTokensAreTheValidOnes: IssuedTokens lists what was issued until
// it expires.
func TestIssuedTokensAreTheValidOnes(t *testing.T) {
	t.Parallel()
	clock := &fakeClock{now: time.Unix(1_700_000_000, 0)}
	emu := New(Config{ClientID: testClientID, ClientSecret: testClientSecret, TokenTTL: time.Minute})
	emu.now = clock.Now
	a := emu.IssueToken()
	clock.Add(30 * time.Second)
	b := emu.IssueToken()
	if got := emu.IssuedTokens(); len(got) != 2 || got[0] != a || got[1] != b {
		t.Fatalf("IssuedTokens %q, want [a b]", got)
	}
	clock.Add(30 * time.Second)
	if got := emu.IssuedTokens(); len(got) != 1 || got[0] != b {
		t.Errorf("after a's expiry IssuedTokens %q, want [b]", got)
	}
}
