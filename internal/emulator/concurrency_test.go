package emulator

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
	"testing"
)

// TestConcurrentRequests exercises every store path from several goroutines;
// run it with -race.
func TestConcurrentRequests(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	clientID := h.createClient("shared")
	const workers, rounds = 8, 10
	var wg sync.WaitGroup
	errs := make(chan error, workers*rounds)
	for w := range workers {
		wg.Go(func() {
			for r := range rounds {
				if err := h.roundTrip(fmt.Sprintf("w%d-r%d", w, r), clientID); err != nil {
					errs <- err
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if list := get[[]any](t, h.do(http.MethodGet, "/api/v2/connections", nil).json(t)); len(list) != 0 {
		t.Errorf("%d connections left over", len(list))
	}
	// The client creation, seven requests per round, and the list above.
	if got, want := len(h.emu.Requests()), 1+workers*rounds*7+1; got != want {
		t.Errorf("%d requests recorded, want %d", got, want)
	}
}

// roundTrip creates, reads, updates, lists and deletes one connection,
// returning errors since t.Fatal must stay on the test goroutine.
func (h *harness) roundTrip(name, clientID string) error {
	auth := "Bearer " + h.token
	resp, err := h.request(http.MethodPost, "/api/v2/connections", map[string]any{"name": name, "strategy": "auth0"}, auth)
	if err != nil || resp.status != http.StatusCreated {
		return fmt.Errorf("%s: create: %v %d %s", name, err, resp.status, resp.body)
	}
	var created struct{ ID string }
	if err := json.Unmarshal(resp.body, &created); err != nil {
		return err
	}
	path := "/api/v2/connections/" + created.ID
	steps := []struct {
		method, path string
		body         any
		status       int
	}{
		{http.MethodGet, path, nil, http.StatusOK},
		{http.MethodPatch, path, map[string]any{"options": map[string]any{"disable_signup": true}}, http.StatusOK},
		{http.MethodPatch, path + "/clients", []map[string]any{{"client_id": clientID, "status": true}}, http.StatusNoContent},
		{http.MethodGet, path + "/clients", nil, http.StatusOK},
		{http.MethodGet, "/api/v2/connections?take=5", nil, http.StatusOK},
		{http.MethodDelete, path, nil, http.StatusAccepted},
	}
	for _, s := range steps {
		resp, err := h.request(s.method, s.path, s.body, auth)
		if err != nil || resp.status != s.status {
			return fmt.Errorf("%s: %s %s: %v %d %s", name, s.method, s.path, err, resp.status, resp.body)
		}
	}
	return nil
}
