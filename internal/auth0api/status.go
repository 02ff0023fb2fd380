package auth0api

import (
	"context"
	"errors"
	"net/http"
)

// ConnectionStatus is what GET /connections/{id}/status says. The API
// documents (openapi-connections-described.json, get_status) a 200 when the
// connection is online and, for an ad/ldap connection whose agent is not
// connected, a 404 with an error message ("not connected to any node"); no
// recording shows either.
type ConnectionStatus struct {
	Online bool
	// StatusCode is the status Auth0 answered (200 or 404).
	StatusCode int
	// ErrorCode and Message are those of the error answer, when offline.
	ErrorCode string
	Message   string
}

// ConnectionStatus sends GET /connections/{id}/status. An offline
// connection is a status, not an error; a connection that does not exist
// is the 404 error (errorCode inexistent_connection).
func (c *Client) ConnectionStatus(ctx context.Context, id string) (*ConnectionStatus, error) {
	err := c.do(ctx, http.MethodGet, route{"connections", id, "status"}, nil, nil, nil)
	if err == nil {
		return &ConnectionStatus{Online: true, StatusCode: http.StatusOK}, nil
	}
	var apiErr *APIError
	if errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusNotFound && !connectionMissing(apiErr) {
		return &ConnectionStatus{StatusCode: apiErr.StatusCode, ErrorCode: apiErr.ErrorCode, Message: apiErr.Message}, nil
	}
	return nil, err
}

// connectionMissing tells Auth0's 404 for a connection that does not exist
// (CONTRACT.md: errorCode inexistent_connection) from an offline agent's.
func connectionMissing(e *APIError) bool {
	return e.ErrorCode == "inexistent_connection" || e.Message == "The connection does not exist"
}
