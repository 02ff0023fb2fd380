package auth0api

import (
	"context"
	"math"
	"math/rand/v2"
	"net/http"
	"strconv"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// limiter paces the requests of one provider instance (all its resources
// together) from what the tenant says of its budget in the X-RateLimit-*
// headers of every answer, so that a large apply spends the budget evenly
// instead of bouncing off 429s:
//
//   - Until the first answer, one request goes alone: the tenant's budget
//     is unknown, and a first wave at Terraform's parallelism could spend a
//     small tenant's whole burst at once.
//   - Answers without the headers leave requests unpaced (Terraform's
//     parallelism bounds them), or paced at the ceiling when one is set.
//   - With the headers, the tenant's bucket refills at some rate r: each
//     answer bounds it from below, (Limit-Remaining) / (Reset-now), since
//     Reset (whole seconds, rounded up) is when the bucket is full again.
//     The best bound seen is kept. The pace is then r plus the Remaining
//     budget (less the requests already on their way) spread evenly until
//     Reset: at Reset the bucket is spent, never overdrawn.
//   - With nothing left and no refill rate known, nobody sends before Reset;
//     after a 429, nobody sends before its Retry-After, and the refill
//     estimate is lowered and capped, so a tenant whose headers mean
//     something else is not overrun twice.
//
// The pacing is a golang.org/x/time/rate limiter whose limit changes as
// answers arrive; ceiling (max_request_rate, 0 = none) bounds it.
type limiter struct {
	lim     *rate.Limiter
	ceiling float64 // requests per second; 0: none
	now     func() time.Time

	mu          sync.Mutex
	started     bool          // an answer (or a failure) has come back
	probing     bool          // the first request is on its way
	ready       chan struct{} // closed when started
	inflight    int           // requests past wait that have not been observed
	limitHeader int           // X-RateLimit-Limit the estimate belongs to
	refill      float64       // best lower bound of the tenant's refill rate; 0: unknown
	refillCap   float64       // after a 429, refill stays below this; 0: no cap
	pausedUntil time.Time     // nobody sends before
}

// unpaced stands for no limit: a finite rate, as rate.Inf does not mix
// with changing limits.
const unpaced = 1e6

// budgetMargin keeps the pace a little under what the headers allow, for
// answers that arrive out of order.
const budgetMargin = 0.95

func newLimiter(ceiling float64) *limiter {
	l := &limiter{ceiling: max(ceiling, 0), now: time.Now, ready: make(chan struct{})}
	l.lim = rate.NewLimiter(rate.Limit(l.capped(unpaced)), 1)
	return l
}

func (l *limiter) capped(r float64) float64 {
	if l.ceiling > 0 {
		return min(r, l.ceiling)
	}
	return r
}

// wait blocks until the next request may go, or ctx is done. Every wait
// that returns nil must be followed by observe.
func (l *limiter) wait(ctx context.Context) error {
	for {
		l.mu.Lock()
		if !l.started && l.probing {
			ready := l.ready
			l.mu.Unlock()
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-ready:
			}
			continue
		}
		probe := !l.started
		if probe {
			l.probing = true
		}
		pause := l.pausedUntil.Sub(l.now())
		l.mu.Unlock()
		err := sleep(ctx, pause)
		if err == nil {
			err = l.take(ctx)
		}
		l.mu.Lock()
		if err != nil {
			if probe {
				l.probing = false
			}
			l.mu.Unlock()
			return err
		}
		if !probe && l.pausedUntil.After(l.now()) {
			// A 429 came back while this request waited.
			l.mu.Unlock()
			continue
		}
		l.inflight++
		l.mu.Unlock()
		return nil
	}
}

// take waits for the pacing limiter's next slot. It does not reserve a
// slot ahead (as rate.Limiter.Wait would): a request waiting for its turn
// goes at the pace of the latest answer, not of the one it started under.
func (l *limiter) take(ctx context.Context) error {
	for {
		now := l.now()
		r := l.lim.ReserveN(now, 1)
		delay := r.DelayFrom(now)
		if delay == 0 {
			return nil
		}
		r.CancelAt(now)
		if err := sleep(ctx, min(delay, maxPaceCheck)); err != nil {
			return err
		}
	}
}

// maxPaceCheck is how often a waiting request looks at the pace again.
const maxPaceCheck = 20 * time.Millisecond

// observe adapts the pace to what one answer said of the budget (h is nil
// when no answer came).
func (l *limiter) observe(h http.Header, status int) {
	now := l.now()
	l.mu.Lock()
	defer l.mu.Unlock()
	l.inflight = max(l.inflight-1, 0)
	if !l.started {
		l.started = true
		close(l.ready)
	}
	if h == nil {
		return
	}
	if status == http.StatusTooManyRequests {
		l.pausedUntil = later(l.pausedUntil, now.Add(rateLimitWait(h, now)))
		if l.refill > 0 {
			l.refill *= 0.8
			l.refillCap = l.refill
		}
	}
	limit, errL := strconv.Atoi(h.Get("X-RateLimit-Limit"))
	remaining, errR := strconv.Atoi(h.Get("X-RateLimit-Remaining"))
	reset, errT := strconv.ParseInt(h.Get("X-RateLimit-Reset"), 10, 64)
	if errR != nil || errT != nil {
		if status != http.StatusTooManyRequests {
			// No budget told: Terraform's parallelism (or the ceiling).
			l.lim.SetLimitAt(now, rate.Limit(l.capped(unpaced)))
		}
		return
	}
	l.setPace(now, limit, errL == nil, remaining, time.Unix(reset, 0))
}

// setPace sets the limit from one answer's budget; l.mu is held.
func (l *limiter) setPace(now time.Time, limit int, limitKnown bool, remaining int, reset time.Time) {
	until := reset.Sub(now).Seconds()
	if limitKnown {
		if limit != l.limitHeader {
			// Another budget (a new plan, another bucket): start over.
			l.limitHeader, l.refill, l.refillCap = limit, 0, 0
		}
		if until > 0 && limit > remaining {
			r := float64(limit-remaining) / until
			if l.refillCap > 0 {
				r = min(r, l.refillCap)
			}
			l.refill = max(l.refill, r)
		}
	}
	// The other requests on their way may each take one of what is left,
	// and the limiter may hold one slot from a faster pace.
	avail := float64(remaining - l.inflight - 1)
	pace := l.refill
	if avail > 0 && until > 0 {
		pace += avail / until
	}
	switch {
	case pace > 0:
		pace *= budgetMargin
		if avail <= 0 {
			// No slot to spare: the next request waits a whole interval
			// from this answer, whatever slot the limiter holds.
			l.pausedUntil = later(l.pausedUntil, now.Add(time.Duration(float64(time.Second)/pace)))
		}
	case until > 0:
		// Nothing left and no refill known: wait for the reset.
		l.pausedUntil = later(l.pausedUntil, reset.Add(time.Duration(rand.Int64N(int64(100*time.Millisecond)))))
		return
	default:
		// The reset has passed: the budget is whole again.
		pace = unpaced
	}
	l.lim.SetLimitAt(now, rate.Limit(l.capped(math.Min(pace, unpaced))))
}

// limit is the pace requests go at now, in requests per second.
func (l *limiter) limit() float64 { return float64(l.lim.Limit()) }

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// maxRateLimitWait caps one wait for the rate limit to reset: a reset time
// far away (or a wrong clock) must not stall a run without a word.
const maxRateLimitWait = 60 * time.Second

// rateLimitWait is how long to wait before trying again after a 429 (or
// when X-RateLimit-Remaining is 0): Retry-After when given, else until
// X-RateLimit-Reset (epoch seconds), else one second; capped.
func rateLimitWait(h http.Header, now time.Time) time.Duration {
	wait := time.Second
	if s, err := strconv.Atoi(h.Get("Retry-After")); err == nil && s >= 0 {
		wait = time.Duration(s) * time.Second
	} else if reset, err := strconv.ParseInt(h.Get("X-RateLimit-Reset"), 10, 64); err == nil {
		wait = time.Unix(reset, 0).Sub(now)
	}
	// A little jitter so that waiting requests do not return all at once.
	wait += time.Duration(rand.Int64N(int64(100 * time.Millisecond)))
	return min(max(wait, 50*time.Millisecond), maxRateLimitWait)
}

// backoff is the jittered exponential wait before attempt+1 after a server
// or network error: about 0.2s, 0.4s, 0.8s ... capped at 10s.
func backoff(attempt int) time.Duration {
	base := min(200*time.Millisecond<<(attempt-1), 10*time.Second)
	return base/2 + time.Duration(rand.Int64N(int64(base)))
}

// sleep waits for d, or until ctx is done.
func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
