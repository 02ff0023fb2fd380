package emulator

import (
	"bytes"
	"context"
	crand "crypto/rand"
	"encoding/binary"
	"math/rand/v2"
	"net/http"
	"sync"
	"time"
)

// faults injects the failures Config asks for into /api/v2 requests. One
// seeded generator draws every decision, so a sequential test sees the same
// faults on every run.
type faults struct {
	latency  time.Duration
	failRate float64
	dropRate float64

	mu  sync.Mutex
	rng *rand.Rand
}

func newFaults(cfg Config) *faults {
	seed := uint64(cfg.Seed)
	if cfg.Seed == 0 {
		var b [8]byte
		_, _ = crand.Read(b[:])
		seed = binary.LittleEndian.Uint64(b[:])
	}
	return &faults{
		latency:  cfg.Latency,
		failRate: cfg.FailRate,
		dropRate: cfg.DropAfterCommitRate,
		rng:      rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)),
	}
}

// fail and drop draw the two fault decisions of a request.
func (f *faults) fail() bool { return f.roll(&f.failRate) }
func (f *faults) drop() bool { return f.roll(&f.dropRate) }

// roll reports whether an event of probability *p happens. Nothing is drawn
// when it is 0, so enabling one fault does not shift another's sequence.
func (f *faults) roll(p *float64) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	if *p <= 0 {
		return false
	}
	return f.rng.Float64() < *p
}

// setRates changes the fault rates of a running emulator (for tests).
func (f *faults) setRates(fail, drop float64) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.failRate, f.dropRate = fail, drop
}

// wait sleeps for the configured latency, or until the client goes away.
func (f *faults) wait(ctx context.Context) {
	if f.latency <= 0 {
		return
	}
	t := time.NewTimer(f.latency)
	defer t.Stop()
	select {
	case <-t.C:
	case <-ctx.Done():
	}
}

// errUnavailable is the injected failure: nothing has been changed.
var errUnavailable = &apiError{
	status:  http.StatusServiceUnavailable,
	message: "The service is temporarily unavailable, please try again later",
	code:    "temporarily_unavailable",
}

// dropConnection closes the client's connection without an answer: the TCP
// connection is hijacked and closed, or, where the server cannot hand it
// over (HTTP/2), the stream is aborted.
func dropConnection(w http.ResponseWriter) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err == nil {
		_ = conn.Close()
		return
	}
	panic(http.ErrAbortHandler)
}

// bufferedResponse holds an answer until the emulator decides whether to
// send it or to drop the connection.
type bufferedResponse struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func newBufferedResponse() *bufferedResponse { return &bufferedResponse{header: http.Header{}} }

func (b *bufferedResponse) Header() http.Header { return b.header }

func (b *bufferedResponse) WriteHeader(status int) {
	if b.status == 0 {
		b.status = status
	}
}

func (b *bufferedResponse) Write(p []byte) (int, error) {
	if b.status == 0 {
		b.status = http.StatusOK
	}
	return b.body.Write(p)
}

// reset forgets a partial answer, so that an error can replace it.
func (b *bufferedResponse) reset() {
	b.header = http.Header{}
	b.status = 0
	b.body.Reset()
}

// flush sends the held answer through w.
func (b *bufferedResponse) flush(w http.ResponseWriter) {
	for k, v := range b.header {
		w.Header()[k] = v
	}
	status := b.status
	if status == 0 {
		status = http.StatusOK
	}
	w.WriteHeader(status)
	_, _ = w.Write(b.body.Bytes())
}
