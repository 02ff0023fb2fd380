package auth0api

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// batchReader serves the connection reads of one run (one provider process:
// a plan's refresh, say) from one paginated listing when that is cheaper than
// a GET per connection:
//
//   - the first read fetches the first page of 100 with the total count; a
//     tenant of up to 100 connections is then read whole;
//   - a read that page does not serve costs one GET, until the listing pays
//     (see listingPays): then the whole listing is fetched once, in
//     checkpoint pages, and serves the others.
//
// Terraform does not tell a provider how many reads a refresh will make.
// Each read brings instead the hint its connection keeps in state (see
// RefreshHint). When the hints say an earlier run handled more connections
// than the listing has pages, and a whole first wave of reads has come, the
// listing is fetched at once: refreshing N connections of a tenant of T,
// P = ⌈T/100⌉, costs min(N, P) + 1 calls. Otherwise (no hints yet: the
// first refresh after an import; a run of fewer than a wave: a -target of a
// few) the listing is bought once the reads so far would have paid for it,
// the ski-rental rule: at most min(N + 1, 2P − 1) calls, never more than
// twice the cheaper way. A -target of more than a wave of a large run's
// connections costs what the whole run would.
//
// A listing never serves a connection that this client wrote after the
// listing began (it answers with a GET), nor anything after listingTTL.
type batchReader struct {
	asked      atomic.Int64 // reads asked for so far
	handled    atomic.Int64 // connections read or created so far
	hintedSize atomic.Int64 // the largest size the current hints brought
	waveOnce   sync.Once
	wave       chan struct{} // closed when a whole first wave of reads has come
	waited     bool
	mu         sync.Mutex
	probed     bool
	total      int
	full       bool // byID holds every connection of the tenant
	byID       map[string]*Connection
	fetched    time.Time
	written    map[string]bool
	// epoch returns the current hint epoch; tests replace it.
	epoch func() int64
}

// A RefreshHint is what a connection's state keeps for the refreshes to
// come: Size, how many connections the provider had handled in the run that
// set it (refreshed or created) when it handled this one, a lower bound on
// how many that configuration manages; and the Epoch it was set in.
// Terraform refreshes in an order that changes from run to run, so the
// first reads of a refresh bring a sample of a whole run's sizes.
//
// A hint is set once per epoch (30 days) and then kept as it is, so that a
// run with no changes leaves the state file unchanged; the first refresh
// of a new epoch sets it anew, so that a configuration that shrank stops
// listing its tenant on an old size. Hints of the current and the previous
// epoch count.
type RefreshHint struct {
	Size  int64 `json:"size"`
	Epoch int64 `json:"epoch"`
}

// hintEpoch is how long a hint is kept before a refresh sets it anew.
const hintEpoch = 30 * 24 * time.Hour

func currentEpoch() int64 { return time.Now().Unix() / int64(hintEpoch/time.Second) }

func (b *batchReader) currentEpoch() int64 {
	if b.epoch != nil {
		return b.epoch()
	}
	return currentEpoch()
}

// counts reports whether the hint may decide a listing in epoch now.
func (h RefreshHint) counts(now int64) bool {
	return h.Size > 0 && (h.Epoch == now || h.Epoch == now-1)
}

// next is the hint to keep after handling the connection as the rank-th
// of this run: the old one while its epoch lasts.
func (h RefreshHint) next(rank, now int64) RefreshHint {
	if h.Epoch == now && h.Size > 0 {
		return h
	}
	return RefreshHint{Size: rank, Epoch: now}
}

// terraformWave is how many reads Terraform sends at once (its default
// -parallelism). A run that stays below it is not trusted to be as large
// as the last one: it may be a -target of a few connections.
const terraformWave = 10

// waveWait bounds how long a read waits, once per run, for the rest of the
// first wave before it is answered with a GET.
const waveWait = 250 * time.Millisecond

// listingTTL bounds how long a listing may serve reads.
const listingTTL = time.Minute

// ReadConnectionInBatch reads a connection like ReadConnection, served from
// the run's listing when that is cheaper (see batchReader). hint is the one
// the connection keeps (zero when none); the one to keep now is returned.
func (c *Client) ReadConnectionInBatch(ctx context.Context, id string, hint RefreshHint) (*Connection, RefreshHint, error) {
	now := c.batch.currentEpoch()
	next := hint.next(c.batch.handled.Add(1), now)
	if hint.counts(now) {
		c.batch.remember(hint.Size)
	}
	if c.batch.asked.Add(1) == terraformWave {
		close(c.batch.waveFull())
	}
	if conn := c.batch.serve(ctx, c, id); conn != nil {
		return conn, next, nil
	}
	conn, err := c.ReadConnection(ctx, id)
	return conn, next, err
}

// CountCreated counts a connection created in this run and returns the
// hint to keep with it.
func (c *Client) CountCreated() RefreshHint {
	return RefreshHint{}.next(c.batch.handled.Add(1), c.batch.currentEpoch())
}

// remember keeps the largest size the hints brought.
func (b *batchReader) remember(size int64) {
	for {
		known := b.hintedSize.Load()
		if size <= known || b.hintedSize.CompareAndSwap(known, size) {
			return
		}
	}
}

func (b *batchReader) waveFull() chan struct{} {
	b.waveOnce.Do(func() { b.wave = make(chan struct{}) })
	return b.wave
}

// serve returns the connection from the listing, or nil to have it read
// with a GET.
func (b *batchReader) serve(ctx context.Context, c *Client, id string) *Connection {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.written[id] || (b.probed && time.Since(b.fetched) > listingTTL) {
		return nil
	}
	if !b.probed {
		b.probed = true
		if err := b.probe(ctx, c); err != nil {
			return nil
		}
	}
	if conn, ok := b.byID[id]; ok {
		cp := *conn
		return &cp
	}
	// Not listed (created since, or gone): a GET tells. Or the listing
	// does not pay (yet).
	if b.full || !b.listingPays(ctx) {
		return nil
	}
	if err := b.list(ctx, c); err != nil {
		return nil
	}
	if conn, ok := b.byID[id]; ok {
		cp := *conn
		return &cp
	}
	return nil
}

// listingPays reports whether fetching the whole listing now is cheaper
// than answering the reads still to come with GETs: the reads asked for so
// far would have paid for it, or the hints say an earlier run handled more
// connections than the listing has pages and this run has a whole first wave of reads (for
// that, a read waits once, briefly, for the rest of the wave). Called with
// b.mu held.
func (b *batchReader) listingPays(ctx context.Context) bool {
	pages := int64((b.total + connectionsPageSize - 1) / connectionsPageSize)
	if b.asked.Load() >= pages-1 {
		return true
	}
	if b.hintedSize.Load() <= pages {
		return false
	}
	if !b.waited {
		b.waited = true
		timer := time.NewTimer(waveWait)
		defer timer.Stop()
		select {
		case <-b.waveFull():
		case <-timer.C:
		case <-ctx.Done():
		}
	}
	return b.asked.Load() >= terraformWave
}

type offsetPage struct {
	Total       int          `json:"total"`
	Connections []Connection `json:"connections"`
}

// probe fetches the first page with the tenant's total.
func (b *batchReader) probe(ctx context.Context, c *Client) error {
	q := url.Values{"include_totals": {"true"}, "per_page": {strconv.Itoa(connectionsPageSize)}, "page": {"0"}}
	var page offsetPage
	if err := c.do(ctx, http.MethodGet, route{"connections"}, q, nil, &page); err != nil {
		return err
	}
	b.fetched = time.Now()
	b.total = page.Total
	b.byID = make(map[string]*Connection, len(page.Connections))
	for i := range page.Connections {
		b.byID[page.Connections[i].ID] = &page.Connections[i]
	}
	b.full = len(page.Connections) >= page.Total
	return nil
}

// list fetches the whole listing.
func (b *batchReader) list(ctx context.Context, c *Client) error {
	byID := make(map[string]*Connection, b.total)
	fetched := time.Now()
	err := c.ListConnections(ctx, ListFilter{}, func(conn *Connection) bool {
		byID[conn.ID] = conn
		return true
	})
	if err != nil {
		return err
	}
	b.byID, b.full, b.fetched = byID, true, fetched
	return nil
}

// markWritten keeps a connection this client changed out of the listing.
func (b *batchReader) markWritten(id string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.written == nil {
		b.written = map[string]bool{}
	}
	b.written[id] = true
}
