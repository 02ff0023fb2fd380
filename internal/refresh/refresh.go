// Package refresh decides how the connection reads of one run (one
// provider process: a plan's refresh, say) reach the Management API: a GET
// each, or one paginated listing of the tenant when that is cheaper.
//
// It is built on the client's calls (Source) and knows no HTTP: the
// policy is testable on its own, and no request or wait ever happens while
// its lock is held.
//
//   - The first read fetches the first page of 100 with the total count; a
//     tenant of up to 100 connections is then read whole.
//   - A read that page does not serve costs one GET, until the listing
//     pays (see listingPays): then the whole listing is fetched once, in
//     checkpoint pages, and serves the others.
//
// Terraform does not tell a provider how many reads a refresh will make.
// Each read brings instead the hint its connection keeps in state (Hint).
// When the hints say an earlier run handled more connections than the
// listing has pages, and a whole first wave of reads has come, the listing
// is fetched at once: refreshing N connections of a tenant of T,
// P = ⌈T/100⌉, costs min(N, P) + 1 calls. Otherwise (no hints yet: the
// first refresh after an import; a run of fewer than a wave: a -target of a
// few) the listing is bought once the reads so far would have paid for it,
// the ski-rental rule: at most min(N + 1, 2P − 1) calls, never more than
// twice the cheaper way. A -target of more than a wave of a large run's
// connections costs what the whole run would.
//
// A listing never serves a connection the client wrote after the listing
// began (it answers with a GET), nor anything after listingTTL.
package refresh

import (
	"context"
	"sync"
	"sync/atomic"
	"time"

	"github.com/seedtf/terraform-provider-auth0/internal/auth0api"
)

// Source is what the reads are made of: the client's calls.
type Source interface {
	ReadConnection(ctx context.Context, id string) (*auth0api.Connection, error)
	// FirstConnectionsPage returns the tenant's total and its first page.
	FirstConnectionsPage(ctx context.Context) (total int, page []auth0api.Connection, err error)
	ListConnections(ctx context.Context, filter auth0api.ListFilter, fn func(*auth0api.Connection) bool) error
}

// pageSize is the size of the pages the listing comes in.
const pageSize = auth0api.ConnectionsPageSize

// A Hint is what a connection's state keeps for the refreshes to come:
// Size, how many connections the provider had handled in the run that set
// it (refreshed or created) when it handled this one, a lower bound on how
// many that configuration manages; and the Epoch it was set in.
// Terraform refreshes in an order that changes from run to run, so the
// first reads of a refresh bring a sample of a whole run's sizes.
//
// A hint is set once per epoch (30 days) and then kept as it is, so that a
// run with no changes leaves the state file unchanged; the first refresh
// of a new epoch sets it anew, so that a configuration that shrank stops
// listing its tenant on an old size. Hints of the current and the previous
// epoch count.
type Hint struct {
	Size  int64 `json:"size"`
	Epoch int64 `json:"epoch"`
}

// hintEpoch is how long a hint is kept before a refresh sets it anew.
const hintEpoch = 30 * 24 * time.Hour

func currentEpoch() int64 { return time.Now().Unix() / int64(hintEpoch/time.Second) }

// counts reports whether the hint may decide a listing in epoch now.
func (h Hint) counts(now int64) bool {
	return h.Size > 0 && (h.Epoch == now || h.Epoch == now-1)
}

// next is the hint to keep after handling the connection as the rank-th
// of this run: the old one while its epoch lasts.
func (h Hint) next(rank, now int64) Hint {
	if h.Epoch == now && h.Size > 0 {
		return h
	}
	return Hint{Size: rank, Epoch: now}
}

// terraformWave is how many reads Terraform sends at once (its default
// -parallelism). A run that stays below it is not trusted to be as large
// as the last one: it may be a -target of a few connections.
const terraformWave = 10

// waveWait bounds how long the reads of a run wait, from the first that
// does, for the rest of the first wave before they are answered with GETs.
// Terraform sends the wave at once, but on a busy machine (2 cores running
// Terraform and tests alongside) it was seen to take over 250 ms to arrive;
// waiting longer costs only a run smaller than a wave (a -target of a
// few), once.
const waveWait = time.Second

// listingTTL bounds how long a listing may serve reads.
const listingTTL = time.Minute

// Reader serves the reads of one run. It is safe for concurrent use.
type Reader struct {
	src Source
	// epoch returns the current hint epoch; tests replace it.
	epoch func() int64

	asked      atomic.Int64  // reads asked for so far
	handled    atomic.Int64  // connections read or created so far
	hintedSize atomic.Int64  // the largest size the current hints brought
	wave       chan struct{} // closed when a whole first wave of reads has come
	waveOnce   sync.Once
	waveOver   chan struct{} // closed waveWait after the first read that waited for the wave

	probe   fetch // the first page with the total
	listing fetch // the whole listing

	mu      sync.Mutex // guards what follows; never held across a call or a wait
	total   int
	full    bool // byID holds every connection of the tenant
	byID    map[string]*auth0api.Connection
	fetched time.Time
	written map[string]bool
}

// fetch is a call made once per run, whose result others wait for.
type fetch struct {
	once sync.Once
	done chan struct{}
	err  error
}

// do makes the call once; every caller waits for it (or for its ctx).
func (f *fetch) do(ctx context.Context, call func() error) error {
	f.once.Do(func() {
		f.done = make(chan struct{})
		go func() {
			// The call outlives the read that started it: the others
			// wait for it.
			f.err = call()
			close(f.done)
		}()
	})
	select {
	case <-f.done:
		return f.err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// NewReader returns the reader of one provider instance's runs.
func NewReader(src Source) *Reader {
	return &Reader{src: src, epoch: currentEpoch, wave: make(chan struct{}), written: map[string]bool{}}
}

// Read reads a connection, from the run's listing when that is cheaper.
// hint is the one the connection keeps (zero when none); the one to keep
// now is returned.
func (r *Reader) Read(ctx context.Context, id string, hint Hint) (*auth0api.Connection, Hint, error) {
	now := r.epoch()
	next := hint.next(r.handled.Add(1), now)
	if hint.counts(now) {
		r.remember(hint.Size)
	}
	if r.asked.Add(1) == terraformWave {
		close(r.wave)
	}
	if conn := r.serve(ctx, id); conn != nil {
		return conn, next, nil
	}
	conn, err := r.src.ReadConnection(ctx, id)
	return conn, next, err
}

// Created counts a connection created in this run and returns the hint to
// keep with it.
func (r *Reader) Created() Hint {
	return Hint{}.next(r.handled.Add(1), r.epoch())
}

// Written keeps a connection the client changed out of the listing.
func (r *Reader) Written(id string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.written[id] = true
}

// remember keeps the largest size the hints brought.
func (r *Reader) remember(size int64) {
	for {
		known := r.hintedSize.Load()
		if size <= known || r.hintedSize.CompareAndSwap(known, size) {
			return
		}
	}
}

// serve returns the connection from the listing, or nil to have it read
// with a GET.
func (r *Reader) serve(ctx context.Context, id string) *auth0api.Connection {
	if r.isWritten(id) {
		return nil
	}
	err := r.probe.do(ctx, func() error {
		total, page, err := r.src.FirstConnectionsPage(context.WithoutCancel(ctx))
		if err == nil {
			r.store(page, len(page) >= total, total)
		}
		return err
	})
	if err != nil {
		return nil
	}
	conn, listed, full := r.lookup(id)
	if listed || full {
		// Not in a complete listing: created since, or gone; a GET tells.
		return conn
	}
	if !r.listingPays(ctx) {
		return nil
	}
	err = r.listing.do(ctx, func() error {
		var conns []auth0api.Connection
		err := r.src.ListConnections(context.WithoutCancel(ctx), auth0api.ListFilter{}, func(c *auth0api.Connection) bool {
			conns = append(conns, *c)
			return true
		})
		if err == nil {
			r.store(conns, true, len(conns))
		}
		return err
	})
	if err != nil {
		return nil
	}
	conn, _, _ = r.lookup(id)
	return conn
}

func (r *Reader) isWritten(id string) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.written[id]
}

// store keeps a listing, whole (full) or its first page, fetched now.
func (r *Reader) store(conns []auth0api.Connection, full bool, total int) {
	byID := make(map[string]*auth0api.Connection, len(conns))
	for i := range conns {
		byID[conns[i].ID] = &conns[i]
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.byID, r.full, r.total, r.fetched = byID, full, total, time.Now()
}

// lookup returns a copy of the listed connection (listed), and whether the
// listing is complete. A connection written since, or a listing past its
// TTL, serves nothing (and reports complete, so that no listing is fetched
// for it).
func (r *Reader) lookup(id string) (conn *auth0api.Connection, listed, full bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.written[id] || time.Since(r.fetched) > listingTTL {
		return nil, false, true
	}
	if c, ok := r.byID[id]; ok {
		cp := *c
		return &cp, true, r.full
	}
	return nil, false, r.full
}

// listingPays reports whether fetching the whole listing now is cheaper
// than answering the reads still to come with GETs: the reads asked for so
// far would have paid for it, or the hints say an earlier run handled more
// connections than the listing has pages and this run has a whole first
// wave of reads (for that, the reads that come before the wave is whole
// wait for it, until one deadline per run: a read answered with a GET while
// the rest of the wave is still arriving would buy GETs a listing saves).
func (r *Reader) listingPays(ctx context.Context) bool {
	r.mu.Lock()
	pages := int64((r.total + pageSize - 1) / pageSize)
	r.mu.Unlock()
	if r.asked.Load() >= pages-1 {
		return true
	}
	if r.hintedSize.Load() <= pages {
		return false
	}
	r.waveOnce.Do(func() {
		r.waveOver = make(chan struct{})
		time.AfterFunc(waveWait, func() { close(r.waveOver) })
	})
	select {
	case <-r.wave:
	case <-r.waveOver:
	case <-ctx.Done():
	}
	return r.asked.Load() >= terraformWave
}
