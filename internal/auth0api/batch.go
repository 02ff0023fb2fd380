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
//   - a read that page does not serve costs one GET, until as many reads
//     have been asked for as the rest of the listing costs: then the whole
//     listing is fetched once, in checkpoint pages, and serves the others.
//
// Terraform does not tell a provider how many reads a refresh will make, so
// the listing is bought only once the reads so far would have paid for it
// (the ski-rental rule). Refreshing N connections of a tenant of T, P =
// ⌈T/100⌉, then costs at most min(N + 1, 2P − 1) calls: never more than
// twice the cheaper way. Terraform's ten parallel reads usually decide
// early (N = 500, T = 1000: 11 calls); N = 1000, T = 2000 costs 39.
//
// A listing never serves a connection that this client wrote after the
// listing began (it answers with a GET), nor anything after listingTTL.
type batchReader struct {
	asked   atomic.Int64 // reads asked for so far
	mu      sync.Mutex
	probed  bool
	total   int
	full    bool // byID holds every connection of the tenant
	byID    map[string]*Connection
	fetched time.Time
	written map[string]bool
}

// listingTTL bounds how long a listing may serve reads.
const listingTTL = time.Minute

// ReadConnectionInBatch reads a connection like ReadConnection, served from
// the run's listing when that is cheaper (see batchReader).
func (c *Client) ReadConnectionInBatch(ctx context.Context, id string) (*Connection, error) {
	c.batch.asked.Add(1)
	if conn := c.batch.serve(ctx, c, id); conn != nil {
		return conn, nil
	}
	return c.ReadConnection(ctx, id)
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
	pages := (b.total + connectionsPageSize - 1) / connectionsPageSize
	if b.full || b.asked.Load() < int64(pages-1) {
		// Not listed (created since, or gone): a GET tells. Or too few
		// reads yet to pay for the listing.
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

type offsetPage struct {
	Total       int          `json:"total"`
	Connections []Connection `json:"connections"`
}

// probe fetches the first page with the tenant's total.
func (b *batchReader) probe(ctx context.Context, c *Client) error {
	q := url.Values{"include_totals": {"true"}, "per_page": {strconv.Itoa(connectionsPageSize)}, "page": {"0"}}
	var page offsetPage
	if err := c.do(ctx, http.MethodGet, "connections", q, nil, &page); err != nil {
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
