package emulator

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"net/http"
	"sync"
	"time"
)

// client is an application. The emulator keeps what the request sent plus
// the defaults Auth0 adds (recorded in TestAccConnectionClient*.yaml), and
// models nothing else about it.
type client struct {
	seq    uint64
	id     string
	fields map[string]any // the whole object as shown, client_id included
}

// newClient builds a client from a validated POST /clients body.
func newClient(seq uint64, body map[string]any) *client {
	fields := cloneMap(body)
	id := newClientID()
	fields["client_id"] = id
	fields["client_secret"] = randomString(64)
	refresh := map[string]any{
		"rotation_type": "non-rotating", "expiration_type": "non-expiring", "leeway": 0,
		"token_lifetime": 2592000, "infinite_token_lifetime": true,
		"infinite_idle_token_lifetime": true, "idle_token_lifetime": 1296000,
	}
	if fields["app_type"] == "non_interactive" {
		refresh["token_lifetime"], refresh["idle_token_lifetime"] = 31557600, 2592000
	}
	mergeDefaults(fields, map[string]any{
		"is_first_party":                      true,
		"is_token_endpoint_ip_header_trusted": false,
		"oidc_conformant":                     false,
		"jwt_configuration":                   map[string]any{"secret_encoded": false, "lifetime_in_seconds": 36000},
		"signing_keys":                        []any{map[string]any{"cert": signingCertPEM()}},
		"sso_disabled":                        false,
		"cross_origin_authentication":         false,
		"grant_types":                         []any{"authorization_code", "implicit", "refresh_token", "client_credentials"},
		"custom_login_page_on":                true,
		"refresh_token":                       refresh,
	})
	return &client{seq: seq, id: id, fields: fields}
}

func (c client) view() map[string]any { return cloneMap(c.fields) }

var (
	signingCertOnce sync.Once
	signingCert     string
)

// signingCertPEM is the certificate shown as every client's signing key: a
// self-signed one made once per process.
func signingCertPEM() string {
	signingCertOnce.Do(func() {
		key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		if err != nil {
			return
		}
		tmpl := &x509.Certificate{
			SerialNumber: big.NewInt(1),
			Subject:      pkix.Name{CommonName: "auth0-emulator"},
			NotBefore:    time.Now().Add(-time.Hour),
			NotAfter:     time.Now().Add(10 * 365 * 24 * time.Hour),
		}
		der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
		if err != nil {
			return
		}
		signingCert = string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}))
	})
	return signingCert
}

func (s *Server) createClient(w http.ResponseWriter, c call) error {
	v, err := decodeBody(c.body, createClientSchema)
	if err != nil {
		return err
	}
	fields, _ := v.(map[string]any)
	created, err := s.store.createClient(fields)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, created.view())
	return nil
}

// listClients answers GET /clients: a bare array, an offset page with
// include_totals=true, or a checkpoint page when from or take is present.
func (s *Server) listClients(w http.ResponseWriter, c call) error {
	q, err := readQuery(c.r.URL.Query(), clientListParams)
	if err != nil {
		return err
	}
	after, err := fromParam(q)
	if err != nil {
		return err
	}
	clients := s.store.listClients()
	views := func(items []client) []any {
		out := make([]any, len(items))
		for i, cl := range items {
			out[i] = cl.view()
		}
		return out
	}
	_, hasFrom := q["from"]
	_, hasTake := q["take"]
	switch {
	case hasFrom || hasTake:
		page, next := checkpoint(clients, func(cl client) uint64 { return cl.seq }, after, intParam(q, "take", defaultTake))
		resp := map[string]any{"clients": views(page)}
		if next != "" {
			resp["next"] = next
		}
		writeJSON(w, http.StatusOK, resp)
	default:
		page, start, perPage, totals := offsetPage(q, clients, defaultTake)
		if !totals {
			writeJSON(w, http.StatusOK, views(page))
			return nil
		}
		writeJSON(w, http.StatusOK, map[string]any{
			"total": len(clients), "start": start, "limit": perPage, "clients": views(page),
		})
	}
	return nil
}

func (s *Server) getClient(w http.ResponseWriter, c call) error {
	cl, err := s.store.client(c.ids[0])
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, cl.view())
	return nil
}

// deleteClient answers 204 whether or not the client existed.
func (s *Server) deleteClient(w http.ResponseWriter, c call) error {
	if err := s.store.deleteClient(c.ids[0]); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// listEnabledClients answers GET /connections/{id}/clients, a checkpoint
// page of {"clients":[{"client_id"}],"next"}.
func (s *Server) listEnabledClients(w http.ResponseWriter, c call) error {
	q, err := readQuery(c.r.URL.Query(), enabledClientsParams)
	if err != nil {
		return err
	}
	after, err := fromParam(q)
	if err != nil {
		return err
	}
	enabled, err := s.store.enabledClients(c.ids[0])
	if err != nil {
		return err
	}
	page, next := checkpoint(enabled, func(e enabledClient) uint64 { return e.seq }, after, intParam(q, "take", defaultTake))
	clients := make([]map[string]string, len(page))
	for i, e := range page {
		clients[i] = map[string]string{"client_id": e.id}
	}
	resp := map[string]any{"clients": clients}
	if next != "" {
		resp["next"] = next
	}
	writeJSON(w, http.StatusOK, resp)
	return nil
}

// patchEnabledClients answers PATCH /connections/{id}/clients.
func (s *Server) patchEnabledClients(w http.ResponseWriter, c call) error {
	v, err := decodeBody(c.body, enabledClientsPatchSchema)
	if err != nil {
		return err
	}
	items, _ := v.([]any)
	changes := make([]clientStatus, 0, len(items))
	for _, item := range items {
		entry, _ := item.(map[string]any)
		id, _ := entry["client_id"].(string)
		enabled, _ := entry["status"].(bool)
		changes = append(changes, clientStatus{id: id, enabled: enabled})
	}
	if err := s.store.setClientStatus(c.ids[0], changes); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
