package auth0api

import (
	"context"
	"fmt"
	"math"
	mrand "math/rand/v2"
	"net/http"
	"sort"
	"strconv"
	"testing"
	"time"

	"golang.org/x/time/rate"
)

// budget is the X-RateLimit-* headers of an answer.
func budget(limit, remaining int, reset time.Time) http.Header {
	h := http.Header{}
	h.Set("X-RateLimit-Limit", strconv.Itoa(limit))
	h.Set("X-RateLimit-Remaining", strconv.Itoa(remaining))
	h.Set("X-RateLimit-Reset", strconv.FormatInt(reset.Unix(), 10))
	return h
}

// tenantBucket is a tenant's token bucket as CONTRACT.md describes Auth0's (and
// internal/emulator models it): Limit is its size, Remaining the whole
// tokens left after the request, Reset the second (rounded up) at which it
// is full again, 429 when no token is left.
type tenantBucket struct {
	rate, size float64
	tokens     float64
	last       time.Time
	refused    int
}

func (b *tenantBucket) take(now time.Time) (http.Header, int) {
	b.tokens = math.Min(b.size, b.tokens+now.Sub(b.last).Seconds()*b.rate)
	b.last = now
	status := http.StatusOK
	if b.tokens >= 1 {
		b.tokens--
	} else {
		status = http.StatusTooManyRequests
		b.refused++
	}
	full := now.Add(time.Duration((b.size - b.tokens) / b.rate * float64(time.Second)))
	reset := time.Unix(int64(math.Ceil(float64(full.UnixNano())/1e9)), 0)
	return budget(int(b.size), int(math.Floor(b.tokens)), reset), status
}

// simulation runs requests through a limiter against a tenant's bucket on a fake
// clock, in one goroutine: the limiter's sleeps move the clock on and
// deliver the answers that come in meanwhile. Nothing depends on timing.
type simulation struct {
	l       *limiter
	bucket  *tenantBucket
	now     time.Time
	latency time.Duration
	jitter  *mrand.Rand // the answers' latencies vary, so they come out of order
	pending []answer    // by time
}

type answer struct {
	at     time.Time
	t      ticket
	h      http.Header
	status int
}

func newSimulation(rate float64, size int, latency time.Duration, ceiling float64) *simulation {
	s := &simulation{now: time.Unix(1_000_000, 300_000_000), latency: latency, jitter: mrand.New(mrand.NewPCG(1, 2))}
	// The tenant's bucket starts with one token: another run just spent
	// the rest.
	s.bucket = &tenantBucket{rate: rate, size: float64(size), tokens: 1, last: s.now}
	s.l = newLimiter(ceiling)
	s.l.now = func() time.Time { return s.now }
	s.l.sleep = func(ctx context.Context, d time.Duration) error {
		s.advance(s.now.Add(d))
		return ctx.Err()
	}
	return s
}

// advance delivers the answers due by to, then sets the clock to it.
func (s *simulation) advance(to time.Time) {
	for len(s.pending) > 0 && !s.pending[0].at.After(to) {
		a := s.pending[0]
		s.pending = s.pending[1:]
		s.now = a.at
		s.l.observe(a.t, a.h, a.status)
	}
	if to.After(s.now) {
		s.now = to
	}
}

// run sends n requests, at most parallel at a time, and returns how long
// they took.
func (s *simulation) run(t *testing.T, n, parallel int) time.Duration {
	t.Helper()
	start := s.now
	for sent := 0; sent < n; {
		s.l.mu.Lock()
		probing := !s.l.started && len(s.pending) > 0
		s.l.mu.Unlock()
		if len(s.pending) >= parallel || probing {
			s.advance(s.pending[0].at)
			continue
		}
		tk, err := s.l.wait(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		// Between half and twice the latency, the token taken anywhere on
		// the way.
		latency := time.Duration(float64(s.latency) * (0.5 + 1.5*s.jitter.Float64()))
		h, status := s.bucket.take(s.now.Add(time.Duration(float64(latency) * s.jitter.Float64())))
		s.pending = append(s.pending, answer{at: s.now.Add(latency), t: tk, h: h, status: status})
		sort.SliceStable(s.pending, func(i, j int) bool { return s.pending[i].at.Before(s.pending[j].at) })
		if status != http.StatusTooManyRequests {
			sent++
		}
	}
	for len(s.pending) > 0 {
		s.advance(s.pending[len(s.pending)-1].at)
	}
	return s.now.Sub(start)
}

// A run spends what the tenant allows: within 10% of the least time its
// requests can take at the tenant's rate (from an empty bucket: n / rate),
// with no 429, alone or at Terraform's parallelism, for free (2/s, burst
// 2), self-service (150 a minute, burst 10) and larger tenants. Estimating
// the refill rate from X-RateLimit-Reset (whole seconds, rounded up) made
// the 2/s tenant's run about twice as long as it needs.
func TestLimiterSpendsTheTenantsBudget(t *testing.T) {
	for _, tc := range []struct {
		rate     float64
		size     int
		parallel int
	}{
		{2, 2, 1}, {2, 2, 10}, {5, 5, 10}, {20, 20, 10}, {2.5, 10, 10}, {50, 50, 10},
	} {
		t.Run(fmt.Sprintf("%g per second, burst %d, parallelism %d", tc.rate, tc.size, tc.parallel), func(t *testing.T) {
			s := newSimulation(tc.rate, tc.size, 30*time.Millisecond, 0)
			n := int(30 * tc.rate)
			took := s.run(t, n, tc.parallel)
			bound := time.Duration(float64(n) / tc.rate * float64(time.Second))
			if s.bucket.refused > 0 {
				t.Errorf("%d requests were answered 429", s.bucket.refused)
			}
			t.Logf("%d requests took %v, bound %v (%.3f)", n, took, bound, took.Seconds()/bound.Seconds())
			if took > bound*11/10 {
				t.Errorf("%d requests took %v, more than 10%% over the %v the tenant's rate allows", n, took, bound)
			}
			if s.l.refill > tc.rate {
				t.Errorf("the refill bound %v is above the tenant's rate %v", s.l.refill, tc.rate)
			}
		})
	}
}

// max_request_rate is a ceiling: however generous the tenant, requests go
// no faster; and 0 sets none.
func TestLimiterCeiling(t *testing.T) {
	s := newSimulation(100, 100, 10*time.Millisecond, 4)
	s.bucket.tokens = 100
	took := s.run(t, 40, 10)
	if least := 39 * time.Second / 4; took < least {
		t.Errorf("40 requests under a ceiling of 4/s took %v, less than %v", took, least)
	}
	if s.bucket.refused > 0 {
		t.Errorf("%d requests were answered 429", s.bucket.refused)
	}
}

// The refill bound holds whatever the order in which answers come back,
// and says nothing from answers that tell nothing.
func TestRefillBound(t *testing.T) {
	at := func(ms int) time.Time { return time.Unix(1000, 0).Add(time.Duration(ms) * time.Millisecond) }
	first := budgetSample{sent: at(0), answered: at(10), remaining: 0, takenMin: 1, takenMax: 1}
	// 10 more requests answered within 2s of the first, the bucket still
	// at 0: it refilled at least 9 tokens (Remaining 0 may be 0.99) in
	// 2.01s.
	later := budgetSample{sent: at(1990), answered: at(2010), remaining: 0, takenMin: 11, takenMax: 11}
	if got, want := refillBound([]budgetSample{first}, later), 9/2.010; math.Abs(got-want) > 1e-9 {
		t.Errorf("bound = %v, want %v", got, want)
	}
	// Two requests were on their way when the first was answered: they may
	// have been taken before it, and count on its side.
	first.takenMax = 3
	if got, want := refillBound([]budgetSample{first}, later), 7/2.010; math.Abs(got-want) > 1e-9 {
		t.Errorf("bound with requests on their way = %v, want %v", got, want)
	}
	// Nothing gained: no bound.
	if got := refillBound([]budgetSample{first}, budgetSample{sent: at(20), answered: at(30), remaining: 0, takenMin: 2, takenMax: 4}); got != 0 {
		t.Errorf("bound from an answer that tells nothing = %v, want 0", got)
	}
}

// fixedLimiter is a limiter whose clock stands still.
func fixedLimiter() (*limiter, time.Time) {
	now := time.Unix(1000, 0)
	l := newLimiter(0)
	l.now = func() time.Time { return now }
	return l, now
}

// goNow counts the requests that may go at once (up to 100).
func goNow(l *limiter, now time.Time) int {
	n := 0
	for n < 100 && l.reserve(now) == 0 {
		n++
	}
	return n
}

// send lets one request go, for the tests that give its answer by hand.
func send(t *testing.T, l *limiter) ticket {
	t.Helper()
	tk, err := l.wait(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return tk
}

// Answers without headers leave requests unpaced; a budget told paces them.
func TestLimiterPaceFollowsTheHeaders(t *testing.T) {
	l, _ := fixedLimiter()
	l.observe(send(t, l), http.Header{}, http.StatusOK)
	if got := l.limit(); got != float64(rate.Inf) {
		t.Errorf("answers without headers pace at %v, want unpaced", got)
	}

	l, now := fixedLimiter()
	// 10 of 20 left, full again in 2s: the bucket refills at more than
	// 9/2 per second.
	l.observe(send(t, l), budget(20, 10, now.Add(2*time.Second)), http.StatusOK)
	if got, want := l.limit(), 4.5*budgetMargin; got != want {
		t.Errorf("pace = %v, want %v", got, want)
	}
	// The 10 left go at once, the eleventh waits for the refill.
	if got := goNow(l, now); got != 10 {
		t.Errorf("%d requests go at once on 10 left, want 10", got)
	}
}

// An answer that comes late tells less than it seems: the requests that
// went while it was on its way may have been taken after it.
func TestLimiterLateAnswer(t *testing.T) {
	l, now := fixedLimiter()
	l.observe(send(t, l), budget(5, 4, now.Add(time.Second)), http.StatusOK)
	a, b, c := send(t, l), send(t, l), send(t, l)
	// Taken in the order a, b, c (Remaining 3, 2, 1), answered c, b, a.
	l.observe(c, budget(5, 1, now.Add(time.Second)), http.StatusOK)
	l.observe(b, budget(5, 2, now.Add(time.Second)), http.StatusOK)
	l.observe(a, budget(5, 3, now.Add(time.Second)), http.StatusOK)
	if got := goNow(l, now); got != 1 {
		t.Errorf("%d requests go at once, want 1: the one token c's answer leaves, not a's late Remaining 3", got)
	}
}

// With nothing left and no refill rate known, nobody sends before the reset.
func TestLimiterWaitsForTheResetWhenTheBudgetIsUnknown(t *testing.T) {
	l, now := fixedLimiter()
	h := http.Header{}
	h.Set("X-RateLimit-Remaining", "0")
	h.Set("X-RateLimit-Reset", strconv.FormatInt(now.Add(3*time.Second).Unix(), 10))
	l.observe(send(t, l), h, http.StatusOK)
	if !l.pausedUntil.After(now.Add(2900 * time.Millisecond)) {
		t.Errorf("an exhausted budget holds requests back until %v, want the reset", l.pausedUntil.Sub(now))
	}
}

// A 429 holds everyone back until Retry-After and lowers the refill
// estimate for good.
func TestLimiterAfter429(t *testing.T) {
	l, now := fixedLimiter()
	l.limitHeader, l.refill = 20, 5
	h := budget(20, 0, now.Add(4*time.Second))
	h.Set("Retry-After", "2")
	l.observe(ticket{sentAt: now}, h, http.StatusTooManyRequests)
	if !l.pausedUntil.After(now.Add(1900 * time.Millisecond)) {
		t.Errorf("after a 429 requests resume at %v, want after Retry-After", l.pausedUntil.Sub(now))
	}
	if got, want := l.refill, 4.0; got != want {
		t.Errorf("refill after a 429 = %v, want %v", got, want)
	}
	l.observe(ticket{sentAt: now}, budget(20, 0, now.Add(time.Second)), http.StatusOK)
	if l.refill > 4 {
		t.Errorf("the refill estimate rose to %v after a 429", l.refill)
	}
}

// Until the first answer, one request goes alone; then the others follow.
func TestLimiterFirstRequestGoesAlone(t *testing.T) {
	l := newLimiter(0)
	first, err := l.wait(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	second := make(chan error, 1)
	go func() { _, err := l.wait(context.Background()); second <- err }()
	select {
	case err := <-second:
		t.Fatalf("a second request went before the first answer (err %v)", err)
	default:
	}
	l.observe(first, nil, 0)
	if err := <-second; err != nil {
		t.Fatal(err)
	}
}
