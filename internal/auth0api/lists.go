package auth0api

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
)

// ConnectionsPageSize is the largest page GET /connections serves.
const ConnectionsPageSize = 100

// ListFilter narrows a listing of connections.
type ListFilter struct {
	// Strategies keeps connections of any of these strategies.
	Strategies []string
	// Name keeps the connection of exactly this name.
	Name string
}

type connectionsPage struct {
	Connections []Connection `json:"connections"`
	Next        string       `json:"next"`
}

// ListConnections calls fn for every connection that passes the filter,
// following checkpoint pages of 100, until fn returns false.
func (c *Client) ListConnections(ctx context.Context, filter ListFilter, fn func(*Connection) bool) error {
	from := ""
	for {
		q := url.Values{"take": {strconv.Itoa(ConnectionsPageSize)}}
		for _, s := range filter.Strategies {
			q.Add("strategy", s)
		}
		if filter.Name != "" {
			q.Set("name", filter.Name)
		}
		if from != "" {
			q.Set("from", from)
		}
		var page connectionsPage
		if err := c.do(ctx, http.MethodGet, route{"connections"}, q, nil, &page); err != nil {
			return err
		}
		for i := range page.Connections {
			if !fn(&page.Connections[i]) {
				return nil
			}
		}
		if page.Next == "" || len(page.Connections) == 0 {
			return nil
		}
		from = page.Next
	}
}

type offsetPage struct {
	Total       int          `json:"total"`
	Connections []Connection `json:"connections"`
}

// FirstConnectionsPage returns the tenant's number of connections and the
// first page of them: one call.
func (c *Client) FirstConnectionsPage(ctx context.Context) (int, []Connection, error) {
	q := url.Values{"include_totals": {"true"}, "per_page": {strconv.Itoa(ConnectionsPageSize)}, "page": {"0"}}
	var page offsetPage
	if err := c.do(ctx, http.MethodGet, route{"connections"}, q, nil, &page); err != nil {
		return 0, nil, err
	}
	return page.Total, page.Connections, nil
}

// EachConnectionsClients calls fn, for every connection that passes the
// filter and has clients enabled, with the ids of those clients: one
// listing, then one read of the enabled clients per connection. A
// connection deleted between the two is skipped. It stops when fn returns
// false.
func (c *Client) EachConnectionsClients(ctx context.Context, filter ListFilter, fn func(conn *Connection, enabled []string) bool) error {
	var failed error
	err := c.ListConnections(ctx, filter, func(conn *Connection) bool {
		enabled, err := c.EnabledClients(ctx, conn.ID)
		if IsNotFound(err) {
			return true
		}
		if err != nil {
			failed = fmt.Errorf("reading the clients enabled for connection %s: %w", conn.ID, err)
			return false
		}
		if len(enabled) == 0 {
			return true
		}
		return fn(conn, enabled)
	})
	if failed != nil {
		return failed
	}
	return err
}
