package emulator

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
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

// TestDataFileRejectsHandEditMistakes: a hand-edited data file with a
// second document or stray characters after the first, or two connections
// of one name, is refused with a message that says what is wrong.
func TestDataFileRejectsHandEditMistakes(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	valid := `{"version":1,"seq":2,"connections":[{"seq":1,"id":"con_a","name":"a","strategy":"auth0"}],"clients":[]}`
	for name, tt := range map[string]struct{ content, want string }{
		"second document": {valid + "\n" + valid, `unexpected { after the JSON document`},
		"stray character": {valid + "\n}", `unexpected data after the JSON document`},
		"trailing text":   {valid + " x", `unexpected data after the JSON document`},
		"duplicate name": {`{"version":1,"seq":3,"connections":[` +
			`{"seq":1,"id":"con_a","name":"same","strategy":"auth0"},` +
			`{"seq":2,"id":"con_b","name":"same","strategy":"sms"}],"clients":[]}`,
			`connections "con_a" and "con_b" have the same name "same"`},
		"no name": {`{"version":1,"seq":1,"connections":[{"seq":1,"id":"con_a","strategy":"auth0"}],"clients":[]}`,
			`connection "con_a" has no name`},
	} {
		path := filepath.Join(dir, strings.ReplaceAll(name, " ", "-")+".json")
		if err := os.WriteFile(path, []byte(tt.content), 0o600); err != nil {
			t.Fatal(err)
		}
		_, err := Open(Config{DataFile: path})
		if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), path) {
			t.Errorf("%s: Open: %v, want an error naming the file and saying %q", name, err, tt.want)
		}
		if got, _ := os.ReadFile(path); string(got) != tt.content {
			t.Errorf("%s: the file was changed", name)
		}
	}
	// Whitespace after the document is fine, as an editor leaves it.
	path := filepath.Join(dir, "valid.json")
	if err := os.WriteFile(path, []byte(valid+"\n\n  \n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(Config{DataFile: path}); err != nil {
		t.Errorf("a valid file with trailing whitespace: %v", err)
	}
}
