package auth0api

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
)

// enabledClientsPageSize is how many enabled clients one read asks for.
const enabledClientsPageSize = 100

// maxClientChangesPerRequest is the most entries one PATCH of
// /connections/{id}/clients accepts.
const maxClientChangesPerRequest = 50

// ClientStatus enables (Status true) or disables a client for a connection.
type ClientStatus struct {
	ClientID string `json:"client_id"`
	Status   bool   `json:"status"`
}

type enabledClientsPage struct {
	Clients []struct {
		ClientID string `json:"client_id"`
	} `json:"clients"`
	Next string `json:"next"`
}

// EnabledClients returns the ids of all clients enabled for a connection,
// following the checkpoint pages.
func (c *Client) EnabledClients(ctx context.Context, connectionID string) ([]string, error) {
	ids := []string{}
	from := ""
	for {
		q := url.Values{"take": {strconv.Itoa(enabledClientsPageSize)}}
		if from != "" {
			q.Set("from", from)
		}
		var page enabledClientsPage
		if err := c.do(ctx, http.MethodGet, route{"connections", connectionID, "clients"}, q, nil, &page); err != nil {
			return nil, err
		}
		for _, cl := range page.Clients {
			ids = append(ids, cl.ClientID)
		}
		if page.Next == "" || len(page.Clients) == 0 {
			return ids, nil
		}
		from = page.Next
	}
}

// UpdateEnabledClients applies the changes in requests of at most 50.
func (c *Client) UpdateEnabledClients(ctx context.Context, connectionID string, changes []ClientStatus) error {
	for start := 0; start < len(changes); start += maxClientChangesPerRequest {
		batch := changes[start:min(start+maxClientChangesPerRequest, len(changes))]
		if err := c.do(ctx, http.MethodPatch, route{"connections", connectionID, "clients"}, nil, batch, nil); err != nil {
			return err
		}
	}
	return nil
}
