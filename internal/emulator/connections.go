package emulator

import (
	"net/http"
	"time"
)

// decodeBody parses a JSON body and validates it against sc.
func decodeBody(body []byte, sc *schema) (any, error) {
	v, err := parseJSON(body)
	if err != nil {
		return nil, errBadJSON
	}
	if bad := sc.check(v, ""); bad != nil {
		return nil, payloadViolation(bad)
	}
	return plain(v), nil
}

// decodeConnectionBody validates a POST or PATCH /connections body.
func decodeConnectionBody(body []byte, sc *schema) (map[string]any, error) {
	v, err := decodeBody(body, sc)
	if err != nil {
		return nil, err
	}
	fields, _ := v.(map[string]any)
	opts, _ := fields["options"].(map[string]any)
	if err := checkOptions(opts); err != nil {
		return nil, err
	}
	return fields, nil
}

// visible removes what the token may not see: the options need
// read:connections_options.
func (c call) visible(view map[string]any) map[string]any {
	if !c.scopes.has(ScopeReadConnectionsOptions) {
		delete(view, "options")
	}
	return view
}

func (s *Server) createConnection(w http.ResponseWriter, c call) error {
	body, err := decodeConnectionBody(c.body, createConnectionSchema)
	if err != nil {
		return err
	}
	view, err := s.store.createConnection(body, envOf(c.r))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, c.visible(view))
	return nil
}

func (s *Server) getConnection(w http.ResponseWriter, c call) error {
	q, err := readQuery(c.r.URL.Query(), fieldParams)
	if err != nil {
		return err
	}
	view, err := s.store.connection(c.ids[0])
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, fieldSelection(q).apply(c.visible(view)))
	return nil
}

func (s *Server) updateConnection(w http.ResponseWriter, c call) error {
	body, err := decodeConnectionBody(c.body, updateConnectionSchema)
	if err != nil {
		return err
	}
	if _, ok := body["options"]; ok && !c.scopes.has(ScopeUpdateConnectionsOptions) {
		return insufficientScope(ScopeUpdateConnectionsOptions)
	}
	view, err := s.store.updateConnection(c.ids[0], body, envOf(c.r))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, c.visible(view))
	return nil
}

// deleteConnection answers 202 with the deletion time, or 204 when there was
// nothing to delete, as Auth0 does.
func (s *Server) deleteConnection(w http.ResponseWriter, c call) error {
	existed, err := s.store.deleteConnection(c.ids[0])
	if err != nil {
		return err
	}
	if !existed {
		w.WriteHeader(http.StatusNoContent)
		return nil
	}
	deletedAt := time.Now().UTC().Format("2006-01-02T15:04:05.000Z")
	writeJSON(w, http.StatusAccepted, map[string]string{"deleted_at": deletedAt})
	return nil
}

// baseURL is the emulator's own address, which stands in for the tenant
// domain in generated URLs.
func baseURL(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

func envOf(r *http.Request) tenantEnv { return tenantEnv{baseURL: baseURL(r)} }
