package emulator

import "net/http"

// clientView is the part of an Auth0 client the emulator models.
type clientView struct {
	ClientID string `json:"client_id"`
	Name     string `json:"name"`
}

func (c client) view() clientView { return clientView{ClientID: c.id, Name: c.name} }

func (s *Server) createClient(w http.ResponseWriter, c call) {
	v, err := decodeBody(c.body, createClientSchema)
	if err != nil {
		writeError(w, err)
		return
	}
	fields, _ := v.(map[string]any)
	name, _ := fields["name"].(string)
	created := s.store.createClient(name)
	writeJSON(w, http.StatusCreated, created.view())
}

func (s *Server) listClients(w http.ResponseWriter, _ call) {
	clients := s.store.listClients()
	out := make([]clientView, len(clients))
	for i, cl := range clients {
		out[i] = cl.view()
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) getClient(w http.ResponseWriter, c call) {
	cl, err := s.store.client(c.ids[0])
	if err != nil {
		writeError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, cl.view())
}

// deleteClient answers 204 whether or not the client existed.
func (s *Server) deleteClient(w http.ResponseWriter, c call) {
	s.store.deleteClient(c.ids[0])
	w.WriteHeader(http.StatusNoContent)
}

// listEnabledClients answers GET /connections/{id}/clients, a checkpoint
// page of {"clients":[{"client_id"}],"next"}.
func (s *Server) listEnabledClients(w http.ResponseWriter, c call) {
	q, err := readQuery(c.r.URL.Query(), enabledClientsParams)
	if err != nil {
		writeError(w, err)
		return
	}
	after, err := fromParam(q)
	if err != nil {
		writeError(w, err)
		return
	}
	enabled, err := s.store.enabledClients(c.ids[0])
	if err != nil {
		writeError(w, err)
		return
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
}

// patchEnabledClients answers PATCH /connections/{id}/clients.
func (s *Server) patchEnabledClients(w http.ResponseWriter, c call) {
	v, err := decodeBody(c.body, enabledClientsPatchSchema)
	if err != nil {
		writeError(w, err)
		return
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
		writeError(w, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
