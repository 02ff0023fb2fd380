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

func (s *Server) createConnection(w http.ResponseWriter, c call) {
	body, err := decodeConnectionBody(c.body, createConnectionSchema)
	if err != nil {
		writeError(w, err)
		return
	}
	view, err := s.store.createConnection(body, baseURL(c.r))
	if err != nil {
		writeError(w, err)
		return
	}
	writeJSON(w, http.StatusCreated, view)
}

func (s *Server) getConnection(w http.ResponseWriter, c call) {
	q, err := readQuery(c.r.URL.Query(), fieldParams)
	if err != nil {
		writeError(w, err)
		return
	}
	view, err := s.store.connection(c.ids[0])
	if err != nil {
		writeError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, fieldSelection(q).apply(view))
}

func (s *Server) updateConnection(w http.ResponseWriter, c call) {
	body, err := decodeConnectionBody(c.body, updateConnectionSchema)
	if err != nil {
		writeError(w, err)
		return
	}
	view, err := s.store.updateConnection(c.ids[0], body)
	if err != nil {
		writeError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, view)
}

// deleteConnection answers 202 with the deletion time, or 204 when there was
// nothing to delete, as Auth0 does.
func (s *Server) deleteConnection(w http.ResponseWriter, c call) {
	if !s.store.deleteConnection(c.ids[0]) {
		w.WriteHeader(http.StatusNoContent)
		return
	}
	deletedAt := time.Now().UTC().Format("2006-01-02T15:04:05.000Z")
	writeJSON(w, http.StatusAccepted, map[string]string{"deleted_at": deletedAt})
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
