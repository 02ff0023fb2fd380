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
// headers of every answer, so that a large apply never meets a 429 and
// never leaves budget unspent:
//
//   - Until the first answer, one request goes alone: the tenant's budget
//     is unknown, and a first wave at Terraform's parallelism could spend a
//     small tenant's whole burst at once.
//   - Answers without the headers leave requests unpaced (Terraform's
//     parallelism bounds them), or paced at the ceiling when one is set.
//   - With the headers, the limiter keeps a mirror of the tenant's token
//     bucket (a golang.org/x/time/rate limiter of Limit tokens), set again
//     at each answer to what the bucket surely holds for the next request:
//     Remaining less the requests still on their way, refilling at a lower
//     bound of the tenant's rate. Requests go as soon as the mirror has a
//     token: the budget left is spent at once (Terraform's parallelism
//     bounds the wave), then at the refill rate.
//   - The refill rate r is bounded from below by counting (refillBound):
//     between two answers the bucket gained Remaining_j - Remaining_i plus
//     the tokens our requests took in between, within the time from the
//     first one's send to the second one's answer. Every term is taken on
//     the safe side (Remaining is whole tokens, a token is taken somewhere
//     between send and answer, a 429 takes none), so the bound holds
//     whatever the order of the answers; the best bound seen is kept, and
//     it tightens as the run goes on (its error is one token over the time
//     between the two answers). Until the counts say more, the Reset header
//     gives a weaker bound: the bucket is full at Reset. Reset alone is a
//     poor estimate: whole seconds rounded up, it is up to a second late,
//     which made the rate look half of what it is on a tenant whose bucket
//     fills in a second (2 per second, burst 2), and such a run twice as
//     slow as the tenant allows.
//   - With nothing left and no refill rate known, nobody sends before Reset;
//     after a 429, nobody sends before its Retry-After, and the refill
//     estimate is lowered and capped, so a tenant whose headers mean
//     something else is not overrun twice.
//
// ceiling (max_request_rate, 0 = none) is a second rate limiter every
// request passes too.
type limiter struct {
	ceiling *rate.Limiter // nil: none
	now     func() time.Time
	sleep   func(ctx context.Context, d time.Duration) error

	mu          sync.Mutex
	bucket      *rate.Limiter // the mirror of the tenant's bucket; replaced at each answer
	started     bool          // an answer (or a failure) has come back
	probing     bool          // the first request is on its way
	ready       chan struct{} // closed when started
	inflight    int           // requests past wait that have not been observed
	limitHeader int           // X-RateLimit-Limit the estimate belongs to
	refill      float64       // best lower bound of the tenant's refill rate; 0: unknown
	refillCap   float64       // after a 429, refill stays below this; 0: no cap
	pausedUntil time.Time     // nobody sends before
	sent        int64         // requests past wait
	consumed    int64         // answers that took a token (with headers, not 429)
	refused     int64         // answers 429, which took none
	samples     []budgetSample
}

// ticket is what wait hands the request it lets go, for observe.
type ticket struct {
	sentAt         time.Time
	consumedBefore int64 // l.consumed when it went
}

// budgetSample is one answer's budget, with the counts that bound the
// tokens taken by the time the tenant answered it.
type budgetSample struct {
	sent, answered time.Time
	remaining      int
	limit          int // X-RateLimit-Limit, 0 if not told
	// The tokens our requests took up to and including this one: at least
	// takenMin (the answers seen before it went, and itself), at most
	// takenMax (every request sent before its answer came, but 429s).
	takenMin, takenMax int64
}

// maxSamples bounds the answers refillBound compares a new one with.
const maxSamples = 128

// budgetMargin keeps the refill rate the mirror uses a little under the
// bound, for a tenant clock a little off ours (the Reset bound).
const budgetMargin = 0.98

func newLimiter(ceiling float64) *limiter {
	l := &limiter{now: time.Now, sleep: sleep, ready: make(chan struct{}), bucket: unpacedBucket()}
	if ceiling > 0 {
		l.ceiling = rate.NewLimiter(rate.Limit(ceiling), 1)
	}
	return l
}

func unpacedBucket() *rate.Limiter { return rate.NewLimiter(rate.Inf, 1) }

// wait blocks until the next request may go, or ctx is done. Every wait
// that returns nil must be followed by observe with its ticket.
func (l *limiter) wait(ctx context.Context) (ticket, error) {
	for {
		l.mu.Lock()
		if !l.started && l.probing {
			ready := l.ready
			l.mu.Unlock()
			select {
			case <-ctx.Done():
				return ticket{}, ctx.Err()
			case <-ready:
			}
			continue
		}
		now := l.now()
		delay := l.pausedUntil.Sub(now)
		if delay <= 0 {
			delay = l.reserve(now)
		}
		if delay <= 0 {
			l.probing = l.probing || !l.started
			l.inflight++
			l.sent++
			t := ticket{sentAt: now, consumedBefore: l.consumed}
			l.mu.Unlock()
			return t, nil
		}
		l.mu.Unlock()
		// Not the whole delay: an answer may bring the turn nearer.
		if err := l.sleep(ctx, min(delay, maxPaceCheck)); err != nil {
			return ticket{}, err
		}
	}
}

// reserve takes a token from the mirror and the ceiling, or none and says
// how long until there is one; l.mu is held. It does not reserve a slot
// ahead (as rate.Limiter.Wait would): a request waiting for its turn goes
// at the pace of the latest answer, not of the one it started under.
func (l *limiter) reserve(now time.Time) time.Duration {
	b := l.bucket.ReserveN(now, 1)
	if d := b.DelayFrom(now); d > 0 {
		b.CancelAt(now)
		return d
	}
	if l.ceiling != nil {
		c := l.ceiling.ReserveN(now, 1)
		if d := c.DelayFrom(now); d > 0 {
			c.CancelAt(now)
			b.CancelAt(now)
			return d
		}
	}
	return 0
}

// maxPaceCheck is how often a waiting request looks at its turn again.
const maxPaceCheck = 20 * time.Millisecond

// observe adapts the pace to what the answer to the request of t said of
// the budget (h is nil when no answer came).
func (l *limiter) observe(t ticket, h http.Header, status int) {
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
		l.refused++
		// The requests refused together are one overrun: the estimate is
		// lowered once for them.
		overrun := !l.pausedUntil.After(now)
		l.pausedUntil = later(l.pausedUntil, now.Add(rateLimitWait(h, now)))
		if l.refill > 0 && overrun {
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
			l.bucket = unpacedBucket()
		}
		return
	}
	if status != http.StatusTooManyRequests {
		l.consumed++
	}
	l.setBucket(now, t, status, limit, errL == nil, max(remaining, 0), time.Unix(reset, 0))
}

// setBucket sets the mirror from one answer's budget; l.mu is held.
func (l *limiter) setBucket(now time.Time, t ticket, status int, limit int, limitKnown bool, remaining int, reset time.Time) {
	if limitKnown && limit != l.limitHeader {
		// Another budget (a new plan, another bucket): start over.
		l.limitHeader, l.refill, l.refillCap, l.samples = limit, 0, 0, nil
	}
	if status != http.StatusTooManyRequests {
		// (A refused request took no token: its answer is no sample.)
		s := budgetSample{
			sent: t.sentAt, answered: now, remaining: remaining, limit: limit,
			takenMin: t.consumedBefore + 1, takenMax: l.sent - l.refused,
		}
		r := refillBound(l.samples, s)
		if untilFull := reset.Sub(t.sentAt).Seconds(); limitKnown && untilFull > 0 && limit-remaining-1 > 0 {
			// The bucket is full at Reset: it refills the more than
			// Limit-Remaining-1 tokens it lacks by then.
			r = max(r, float64(limit-remaining-1)/untilFull)
		}
		if l.refillCap > 0 {
			r = min(r, l.refillCap)
		}
		l.refill = max(l.refill, r)
		if len(l.samples) == maxSamples {
			l.samples = append(l.samples[:0], l.samples[1:]...)
		}
		l.samples = append(l.samples, s)
	}
	size := max(remaining+1, 1)
	if limitKnown {
		size = max(size, limit)
	}
	r := l.refill * budgetMargin
	avail := l.surelyLeft(now, r, size, remaining)
	if r == 0 {
		until := reset.Sub(now).Seconds()
		switch {
		case until <= 0:
			// The reset has passed: the budget is whole again.
			l.bucket = unpacedBucket()
			return
		case avail < 1:
			// Nothing left and no refill known: wait for the reset.
			l.pausedUntil = later(l.pausedUntil, reset.Add(time.Duration(rand.Int64N(int64(100*time.Millisecond)))))
		}
		// The bucket is fuller at Reset by one token at least.
		r = 1 / max(until, 1)
	}
	l.bucket = mirror(now, r, size, avail)
}

// surelyLeft is how many tokens the tenant's bucket surely holds now for
// the next request, refilling at r, from the answer that says the most: its
// Remaining, what refilled since it came, less every request that may have
// been taken after it (an answer that comes late may be older than the
// ones before it); l.mu is held.
func (l *limiter) surelyLeft(now time.Time, r float64, size, remaining int) int {
	if len(l.samples) == 0 {
		return remaining - l.inflight
	}
	taken := l.sent - l.refused
	best := math.Inf(-1)
	for _, e := range l.samples {
		x := math.Min(float64(size), float64(e.remaining)+r*now.Sub(e.answered).Seconds())
		best = max(best, x-float64(taken-e.takenMin))
	}
	return int(math.Floor(best))
}

// mirror is a token bucket of size tokens that holds tokens (perhaps less
// than none: owed) at now, and refills at r per second.
func mirror(now time.Time, r float64, size, tokens int) *rate.Limiter {
	b := rate.NewLimiter(rate.Limit(r), size)
	for owed := size - tokens; owed > 0; owed -= size {
		b.ReserveN(now, min(owed, size))
	}
	return b
}

// refillBound is the best lower bound of the tenant's refill rate (tokens
// per second) that s and each earlier answer give; 0 when none does.
//
// Between the tokens taken for answers e and s the bucket gained what it
// holds more (Remaining is the whole tokens left: it holds between
// Remaining and Remaining+1, and at most Limit-1) plus what was taken in between (at least
// s.takenMin - e.takenMax), in at most the time from e's send to s's
// answer. A bucket that was full for a while, or another client spending
// the same budget, only makes the gain look smaller: the bound still holds.
// (The recordings keep no response header but Content-Type, so the
// X-RateLimit-* semantics are CONTRACT.md's token bucket, as the emulator
// models it.)
func refillBound(earlier []budgetSample, s budgetSample) float64 {
	best := 0.0
	for _, e := range earlier {
		held := e.remaining + 1
		if e.limit > 0 {
			// After a token is taken, a bucket of Limit holds Limit-1 at
			// most: Remaining Limit-1 is exact.
			held = min(held, e.limit-1)
		}
		gained := float64(s.remaining - held + int(s.takenMin-e.takenMax))
		window := s.answered.Sub(e.sent).Seconds()
		if gained > 0 && window > 0 {
			best = max(best, gained/window)
		}
	}
	return best
}

// limit is the refill rate of the mirror, in requests per second.
func (l *limiter) limit() float64 {
	l.mu.Lock()
	defer l.mu.Unlock()
	return float64(l.bucket.Limit())
}

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
