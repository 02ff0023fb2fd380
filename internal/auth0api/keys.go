package auth0api

import (
	"context"
	"net/http"
)

// ConnectionKey is one signing key of an oidc or okta connection, as
// GET /connections/{id}/keys lists it. Auth0 leaves out the flags that are
// false; current_since is on the current key only.
type ConnectionKey struct {
	Kid          string `json:"kid"`
	Algorithm    string `json:"algorithm,omitempty"`
	KeyUse       string `json:"key_use,omitempty"`
	SubjectDN    string `json:"subject_dn,omitempty"`
	Cert         string `json:"cert"`
	PKCS         string `json:"pkcs,omitempty"`
	Fingerprint  string `json:"fingerprint"`
	Thumbprint   string `json:"thumbprint"`
	Current      bool   `json:"current,omitempty"`
	Next         bool   `json:"next,omitempty"`
	Previous     bool   `json:"previous,omitempty"`
	CurrentSince string `json:"current_since,omitempty"`
}

// keysBody is the body of POST /keys and /keys/rotate: none without an
// algorithm (the recorded rotations send none), else {"signing_alg"}.
func keysBody(signingAlg string) any {
	if signingAlg == "" {
		return nil
	}
	return map[string]string{"signing_alg": signingAlg}
}

// ConnectionKeys sends GET /connections/{id}/keys: the connection's keys,
// current, previous and next; none for a connection that has none yet.
func (c *Client) ConnectionKeys(ctx context.Context, connectionID string) ([]ConnectionKey, error) {
	keys := []ConnectionKey{}
	if err := c.do(ctx, http.MethodGet, route{"connections", connectionID, "keys"}, nil, nil, &keys); err != nil {
		return nil, err
	}
	return keys, nil
}

// CreateConnectionKeys sends POST /connections/{id}/keys, which provisions
// the first keys of a connection that has none (409 otherwise), with the
// algorithm signingAlg ("" for Auth0's default).
func (c *Client) CreateConnectionKeys(ctx context.Context, connectionID, signingAlg string) ([]ConnectionKey, error) {
	keys := []ConnectionKey{}
	if err := c.do(ctx, http.MethodPost, route{"connections", connectionID, "keys"}, nil, keysBody(signingAlg), &keys); err != nil {
		return nil, err
	}
	return keys, nil
}

// RotateConnectionKeys sends POST /connections/{id}/keys/rotate: the next
// key becomes current, the current one previous, and a new next key, of
// the algorithm signingAlg ("" for Auth0's choice), is made and returned.
// A lost answer is not retried (the rotation may have happened).
func (c *Client) RotateConnectionKeys(ctx context.Context, connectionID, signingAlg string) (*ConnectionKey, error) {
	var key ConnectionKey
	if err := c.do(ctx, http.MethodPost, route{"connections", connectionID, "keys", "rotate"}, nil, keysBody(signingAlg), &key); err != nil {
		return nil, err
	}
	return &key, nil
}
