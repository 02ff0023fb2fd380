package emulator

import (
	"encoding/hex"
	"encoding/json"
	"net/http"
	"slices"
	"time"
)

// scimTokenScopes are the scopes a SCIM token may carry: the SCIM
// operations on users. The API's documents list no values; the recordings
// show get:users, post:users, put:users and patch:users
// (TestAccSCIMToken.yaml #4, go-auth0's TestConnectionManager_CreateSCIMToken.yaml #2),
// delete:users is the remaining operation of the SCIM Users endpoint.
var scimTokenScopes = []any{"get:users", "post:users", "put:users", "patch:users", "delete:users"}

// maxSCIMTokens is how many tokens a connection may have at once
// (openapi-connections-described.json: 409 "Maximum of 2 tokens already
// issued for this connection").
const maxSCIMTokens = 2

// minSCIMTokenLifetime is the smallest token_lifetime accepted: the
// described document says "Must be greater than 900".
const minSCIMTokenLifetime = 901

var (
	errSCIMTokenLimit = &apiError{status: http.StatusConflict, message: "Maximum of 2 tokens already issued for this connection"}

	// createSCIMTokenSchema is CreateScimTokenRequestContent
	// (openapi-connections.json, with the descriptions of the described
	// copy).
	createSCIMTokenSchema = closedObject(tObject, "SCIM Token", map[string]*schema{
		"scopes": {
			types: tArray, desc: "The scopes of the scim token", minItems: 1,
			items: oneOf(tString, "The token's scope", scimTokenScopes...),
		},
		"token_lifetime": {
			types: []string{"integer", "null"}, desc: "Lifetime of the token in seconds. Must be greater than 900",
			minimum: limit(minSCIMTokenLifetime),
		},
	})
)

// scimToken is one stored token. Its value is shown once, when created,
// and not kept.
type scimToken struct {
	TokenID    string   `json:"token_id"`
	CreatedAt  string   `json:"created_at"`
	Scopes     []string `json:"scopes"`
	ValidUntil string   `json:"valid_until,omitempty"`
}

// createdSCIMToken is the answer to POST, in the recorded key order.
type createdSCIMToken struct {
	TokenID    string   `json:"token_id"`
	Token      string   `json:"token"`
	Scopes     []string `json:"scopes"`
	CreatedAt  string   `json:"created_at"`
	ValidUntil string   `json:"valid_until,omitempty"`
}

func decodeSCIMTokens(doc json.RawMessage) []scimToken {
	var tokens []scimToken
	if doc != nil {
		_ = json.Unmarshal(doc, &tokens)
	}
	return tokens
}

// hasSCIMConfiguration is nil when the connection has a SCIM
// configuration, which tokens belong to.
func (s *Server) hasSCIMConfiguration(connectionID string) error {
	return s.store.readAttachment(connectionID, attachSCIMConfiguration, func(_ attachedTo, doc json.RawMessage) error {
		if doc == nil {
			return errSCIMNotFound
		}
		return nil
	})
}

// listSCIMTokens answers a bare array of the tokens without their values
// (TestAccSCIMToken.yaml #5).
func (s *Server) listSCIMTokens(w http.ResponseWriter, c call) error {
	if err := s.hasSCIMConfiguration(c.ids[0]); err != nil {
		return err
	}
	var tokens []scimToken
	err := s.store.readAttachment(c.ids[0], attachSCIMTokens, func(_ attachedTo, doc json.RawMessage) error {
		tokens = decodeSCIMTokens(doc)
		return nil
	})
	if err != nil {
		return err
	}
	if tokens == nil {
		tokens = []scimToken{}
	}
	writeJSON(w, http.StatusOK, tokens)
	return nil
}

// createSCIMToken answers 201 with the token's value, tok_<id>.<64 hex>
// (TestAccSCIMToken.yaml #4); valid_until only when a token_lifetime was
// given (none of the recorded tokens has one, nor a valid_until).
func (s *Server) createSCIMToken(w http.ResponseWriter, c call) error {
	v, err := decodeBody(c.body, createSCIMTokenSchema)
	if err != nil {
		return err
	}
	if err := s.hasSCIMConfiguration(c.ids[0]); err != nil {
		return err
	}
	fields, _ := v.(map[string]any)
	scopes := []string{}
	list, _ := fields["scopes"].([]any)
	for _, sc := range list {
		if str, ok := sc.(string); ok {
			scopes = append(scopes, str)
		}
	}
	now := s.scimNow()
	tok := scimToken{TokenID: "tok_" + randomString(16), CreatedAt: scimTime(now), Scopes: scopes}
	if lifetime, ok := fields["token_lifetime"].(json.Number); ok {
		secs, _ := lifetime.Int64()
		tok.ValidUntil = scimTime(now.Add(time.Duration(secs) * time.Second))
	}
	err = s.store.updateAttachment(c.ids[0], attachSCIMTokens, func(_ attachedTo, doc json.RawMessage) (json.RawMessage, error) {
		tokens := decodeSCIMTokens(doc)
		if len(tokens) >= maxSCIMTokens {
			return nil, errSCIMTokenLimit
		}
		return json.Marshal(append(tokens, tok))
	})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, createdSCIMToken{
		TokenID: tok.TokenID, Token: tok.TokenID + "." + hex.EncodeToString(randomBytes(32)),
		Scopes: tok.Scopes, CreatedAt: tok.CreatedAt, ValidUntil: tok.ValidUntil,
	})
	return nil
}

// deleteSCIMToken answers 204 (TestAccSCIMToken.yaml #9), or 404 for a
// token the connection does not have.
func (s *Server) deleteSCIMToken(w http.ResponseWriter, c call) error {
	id := c.ids[1]
	err := s.store.updateAttachment(c.ids[0], attachSCIMTokens, func(_ attachedTo, doc json.RawMessage) (json.RawMessage, error) {
		tokens := decodeSCIMTokens(doc)
		i := slices.IndexFunc(tokens, func(t scimToken) bool { return t.TokenID == id })
		if i < 0 {
			return nil, errSCIMNotFound
		}
		tokens = slices.Delete(tokens, i, i+1)
		if len(tokens) == 0 {
			return nil, nil
		}
		return json.Marshal(tokens)
	})
	if err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
