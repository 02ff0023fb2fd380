package auth0api

import (
	"context"
	"net/http"
	"strconv"
	"testing"
	"time"
)

// budget is the X-RateLimit-* headers of an answer.
func budget(limit, remaining int, reset time.Time) http.Header {
	h := http.Header{}
	h.Set("X-RateLimit-Limit", strconv.Itoa(limit))
	h.Set("X-RateLimit-Remaining", strconv.Itoa(remaining))
	h.Set("X-RateLimit-Reset", strconv.FormatInt(reset.Unix(), 10))
	return h
}

// The pace follows the headers (the clock is fixed: nothing here depends
// on timing).
func TestLimiterPaceFollowsTheHeaders(t *testing.T) {
	now := time.Unix(1000, 0)
	l := newLimiter(0)
	l.now = func() time.Time { return now }
	if got := l.limit(); got != unpaced {
		t.Fatalf("before any answer the pace is %v, want unpaced", got)
	}

	// No headers: Terraform's parallelism.
	l.inflight = 1
	l.observe(http.Header{}, http.StatusOK)
	if got := l.limit(); got != unpaced {
		t.Errorf("answers without headers pace at %v, want unpaced", got)
	}

	// 10 requests used of 20, full again in 2s: the bucket refills at no
	// less than 5/s, and the 10 left are spread over the 2s: 10/s.
	l.inflight = 1
	l.observe(budget(20, 10, now.Add(2*time.Second)), http.StatusOK)
	if got, want := l.limit(), (5.0+4.5)*budgetMargin; got != want {
		t.Errorf("pace = %v, want %v", got, want)
	}

	// Nothing left: the refill rate alone, the best bound seen so far.
	l.inflight = 1
	l.observe(budget(20, 0, now.Add(5*time.Second)), http.StatusOK)
	if got, want := l.limit(), 5.0*budgetMargin; got != want {
		t.Errorf("pace with nothing left = %v, want %v", got, want)
	}

	// Requests on their way count against what is left.
	l.inflight = 3
	l.observe(budget(20, 4, now.Add(4*time.Second)), http.StatusOK)
	if got, want := l.limit(), (5.0+1.0/4)*budgetMargin; got != want {
		t.Errorf("pace with 2 others in flight = %v, want %v", got, want)
	}

	// A 429 holds everyone back until Retry-After and lowers the estimate
	// for good.
	h := budget(20, 0, now.Add(4*time.Second))
	h.Set("Retry-After", "2")
	l.inflight = 1
	l.observe(h, http.StatusTooManyRequests)
	if !l.pausedUntil.After(now.Add(1900 * time.Millisecond)) {
		t.Errorf("after a 429 requests resume at %v, want after Retry-After", l.pausedUntil.Sub(now))
	}
	if got, want := l.refill, 4.0; got != want {
		t.Errorf("refill after a 429 = %v, want %v", got, want)
	}
	l.observe(budget(20, 0, now.Add(time.Second)), http.StatusOK)
	if l.refill > 4 {
		t.Errorf("the refill estimate rose to %v after a 429", l.refill)
	}
}

// With nothing left and no refill rate known, nobody sends before the reset.
func TestLimiterWaitsForTheResetWhenTheBudgetIsUnknown(t *testing.T) {
	now := time.Unix(1000, 0)
	l := newLimiter(0)
	l.now = func() time.Time { return now }
	h := http.Header{}
	h.Set("X-RateLimit-Remaining", "0")
	h.Set("X-RateLimit-Reset", strconv.FormatInt(now.Add(3*time.Second).Unix(), 10))
	l.observe(h, http.StatusOK)
	if !l.pausedUntil.After(now.Add(2900 * time.Millisecond)) {
		t.Errorf("an exhausted budget holds requests back until %v, want the reset", l.pausedUntil.Sub(now))
	}
}

// max_request_rate is a ceiling: the headers never raise the pace above it,
// and without them the pace is the ceiling.
func TestLimiterCeiling(t *testing.T) {
	now := time.Unix(1000, 0)
	l := newLimiter(3)
	l.now = func() time.Time { return now }
	if got := l.limit(); got != 3 {
		t.Errorf("pace before any answer = %v, want the ceiling 3", got)
	}
	l.inflight = 1
	l.observe(budget(100, 90, now.Add(time.Second)), http.StatusOK)
	if got := l.limit(); got != 3 {
		t.Errorf("pace under a generous budget = %v, want the ceiling 3", got)
	}
	l.inflight = 1
	l.observe(budget(100, 0, now.Add(100*time.Second)), http.StatusOK)
	if got, want := l.limit(), 10*budgetMargin; got > 3 || got == 0 {
		t.Errorf("pace = %v, want at most the ceiling (headers allow %v)", got, want)
	}
}

// Until the first answer, one request goes alone; then the others follow.
func TestLimiterFirstRequestGoesAlone(t *testing.T) {
	l := newLimiter(0)
	if err := l.wait(context.Background()); err != nil {
		t.Fatal(err)
	}
	second := make(chan error, 1)
	go func() { second <- l.wait(context.Background()) }()
	select {
	case err := <-second:
		t.Fatalf("a second request went before the first answer (err %v)", err)
	default:
	}
	l.observe(nil, 0)
	if err := <-second; err != nil {
		t.Fatal(err)
	}
}
