package auth0api

import (
	"context"
	"math/rand/v2"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// limiter spaces the requests of one provider instance to at most rate per
// second, and holds them all back while the API says its budget is spent:
// a large apply then stays under the limit instead of bouncing off it.
type limiter struct {
	mu       sync.Mutex
	interval time.Duration
	next     time.Time // the earliest time of the next request
	now      func() time.Time
}

func newLimiter(rate float64) *limiter {
	return &limiter{interval: time.Duration(float64(time.Second) / rate), now: time.Now}
}

// wait blocks until the next request may go, or ctx is done.
func (l *limiter) wait(ctx context.Context) error {
	l.mu.Lock()
	now := l.now()
	at := l.next
	if at.Before(now) {
		at = now
	}
	l.next = at.Add(l.interval)
	l.mu.Unlock()
	return sleep(ctx, at.Sub(now))
}

// observe adapts to what the API said of its budget: with nothing left (or
// after a 429), nobody sends before the budget resets.
func (l *limiter) observe(h http.Header, status int) {
	if h == nil {
		return
	}
	remaining, err := strconv.Atoi(h.Get("X-RateLimit-Remaining"))
	if status != http.StatusTooManyRequests && (err != nil || remaining > 0) {
		return
	}
	resume := l.now().Add(rateLimitWait(h, l.now()))
	l.mu.Lock()
	if resume.After(l.next) {
		l.next = resume
	}
	l.mu.Unlock()
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
