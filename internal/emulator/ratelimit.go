package emulator

import (
	"math"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// limiter is the tenant's token bucket: it holds up to burst tokens, refills
// at rate tokens per second, and every /api/v2 request takes one.
type limiter struct {
	mu     sync.Mutex
	rate   float64
	burst  float64
	tokens float64
	last   time.Time
}

func newLimiter(rate float64, burst int, now time.Time) *limiter {
	if burst <= 0 {
		burst = max(1, int(math.Ceil(rate)))
	}
	return &limiter{rate: rate, burst: float64(burst), tokens: float64(burst), last: now}
}

// decision is what the limiter answers for one request.
type decision struct {
	allowed    bool
	limit      int
	remaining  int
	reset      int64         // Unix time at which the bucket is full again
	retryAfter time.Duration // until the next token, when refused
}

func (l *limiter) take(now time.Time) decision {
	l.mu.Lock()
	defer l.mu.Unlock()
	if elapsed := now.Sub(l.last).Seconds(); elapsed > 0 {
		l.tokens = math.Min(l.burst, l.tokens+elapsed*l.rate)
		l.last = now
	}
	d := decision{limit: int(l.burst)}
	if l.tokens >= 1 {
		l.tokens--
		d.allowed = true
	} else {
		d.retryAfter = time.Duration((1 - l.tokens) / l.rate * float64(time.Second))
	}
	d.remaining = int(math.Floor(l.tokens))
	untilFull := time.Duration((l.burst - l.tokens) / l.rate * float64(time.Second))
	d.reset = int64(math.Ceil(float64(now.Add(untilFull).UnixNano()) / 1e9))
	return d
}

// setHeaders adds Auth0's rate limit headers, and Retry-After on a refusal.
func (d decision) setHeaders(h http.Header) {
	h.Set("X-RateLimit-Limit", strconv.Itoa(d.limit))
	h.Set("X-RateLimit-Remaining", strconv.Itoa(d.remaining))
	h.Set("X-RateLimit-Reset", strconv.FormatInt(d.reset, 10))
	if !d.allowed {
		h.Set("Retry-After", strconv.FormatInt(max(1, int64(math.Ceil(d.retryAfter.Seconds()))), 10))
	}
}
