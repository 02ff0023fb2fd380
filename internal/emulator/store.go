package emulator

import (
	"cmp"
	"maps"
	"slices"
	"sync"
)

// store is the emulator's state. One mutex serialises every operation,
// which is plenty for tests and keeps each request atomic.
type store struct {
	mu          sync.Mutex
	seq         uint64
	connections map[string]*connection
	clients     map[string]*client
}

type client struct {
	seq  uint64
	id   string
	name string
}

func newStore() *store {
	return &store{connections: map[string]*connection{}, clients: map[string]*client{}}
}

// next returns a fresh sequence number; callers hold st.mu.
func (st *store) next() uint64 {
	st.seq++
	return st.seq
}

// listedConnection is a rendered connection with its position in the list.
type listedConnection struct {
	seq  uint64
	view map[string]any
}

func (st *store) createConnection(body map[string]any, baseURL string) (map[string]any, error) {
	st.mu.Lock()
	defer st.mu.Unlock()
	name, _ := body["name"].(string)
	strategy, _ := body["strategy"].(string)
	if err := checkCrossApp(strategy, body); err != nil {
		return nil, err
	}
	for _, c := range st.connections {
		if c.name == name {
			return nil, errConnectionConflict
		}
	}
	ids, _ := body["enabled_clients"].([]any)
	enabled, err := st.knownClients(ids)
	if err != nil {
		return nil, err
	}
	c := newConnection(st.next(), body, baseURL)
	c.setEnabled(enabled, st.next)
	st.connections[c.id] = c
	return c.render(), nil
}

func (st *store) connection(id string) (map[string]any, error) {
	st.mu.Lock()
	defer st.mu.Unlock()
	c, ok := st.connections[id]
	if !ok {
		return nil, errConnectionNotFound
	}
	return c.render(), nil
}

// listConnections renders, in creation order, the connections match accepts.
func (st *store) listConnections(match func(*connection) bool) []listedConnection {
	st.mu.Lock()
	defer st.mu.Unlock()
	var out []listedConnection
	for _, c := range st.sortedConnections() {
		if match(c) {
			out = append(out, listedConnection{seq: c.seq, view: c.render()})
		}
	}
	return out
}

func (st *store) updateConnection(id string, body map[string]any) (map[string]any, error) {
	st.mu.Lock()
	defer st.mu.Unlock()
	c, ok := st.connections[id]
	if !ok {
		return nil, errConnectionNotFound
	}
	if err := checkCrossApp(c.strategy, body); err != nil {
		return nil, err
	}
	// A null enabled_clients leaves the set alone, like an absent one.
	ids, replaceEnabled := body["enabled_clients"].([]any)
	enabled, err := st.knownClients(ids)
	if err != nil {
		return nil, err
	}
	c.update(body)
	if replaceEnabled {
		c.setEnabled(enabled, st.next)
	}
	return c.render(), nil
}

// deleteConnection reports whether the connection existed.
func (st *store) deleteConnection(id string) bool {
	st.mu.Lock()
	defer st.mu.Unlock()
	_, ok := st.connections[id]
	delete(st.connections, id)
	return ok
}

func (st *store) enabledClients(connectionID string) ([]enabledClient, error) {
	st.mu.Lock()
	defer st.mu.Unlock()
	c, ok := st.connections[connectionID]
	if !ok {
		return nil, errConnectionNotFound
	}
	return slices.Clone(c.enabled), nil
}

// clientStatus is one entry of PATCH /connections/{id}/clients.
type clientStatus struct {
	id      string
	enabled bool
}

// setClientStatus applies all changes or none. Enabling an unknown client is
// an error; disabling one is a no-op, so cleanup after a client was deleted
// succeeds.
func (st *store) setClientStatus(connectionID string, changes []clientStatus) error {
	st.mu.Lock()
	defer st.mu.Unlock()
	c, ok := st.connections[connectionID]
	if !ok {
		return errConnectionNotFound
	}
	for _, ch := range changes {
		if _, known := st.clients[ch.id]; ch.enabled && !known {
			return errClientNotFound
		}
	}
	for _, ch := range changes {
		i := c.enabledIndex(ch.id)
		switch {
		case ch.enabled && i < 0:
			c.enabled = append(c.enabled, enabledClient{seq: st.next(), id: ch.id})
		case !ch.enabled && i >= 0:
			c.enabled = slices.Delete(c.enabled, i, i+1)
		}
	}
	return nil
}

// knownClients converts an enabled_clients list, rejecting unknown ids.
func (st *store) knownClients(list []any) ([]string, error) {
	ids := make([]string, 0, len(list))
	for _, item := range list {
		id, _ := item.(string)
		if _, ok := st.clients[id]; !ok {
			return nil, errClientNotFound
		}
		ids = append(ids, id)
	}
	return ids, nil
}

func (st *store) sortedConnections() []*connection {
	return slices.SortedFunc(maps.Values(st.connections), func(a, b *connection) int {
		return cmp.Compare(a.seq, b.seq)
	})
}

func (st *store) createClient(name string) client {
	st.mu.Lock()
	defer st.mu.Unlock()
	c := &client{seq: st.next(), id: newClientID(), name: name}
	st.clients[c.id] = c
	return *c
}

func (st *store) client(id string) (client, error) {
	st.mu.Lock()
	defer st.mu.Unlock()
	c, ok := st.clients[id]
	if !ok {
		return client{}, errClientNotFound
	}
	return *c, nil
}

func (st *store) listClients() []client {
	st.mu.Lock()
	defer st.mu.Unlock()
	out := make([]client, 0, len(st.clients))
	for _, c := range st.clients {
		out = append(out, *c)
	}
	slices.SortFunc(out, func(a, b client) int { return cmp.Compare(a.seq, b.seq) })
	return out
}

// deleteClient also disables the client on every connection, as deleting an
// application does in Auth0.
func (st *store) deleteClient(id string) {
	st.mu.Lock()
	defer st.mu.Unlock()
	delete(st.clients, id)
	for _, c := range st.connections {
		if i := c.enabledIndex(id); i >= 0 {
			c.enabled = slices.Delete(c.enabled, i, i+1)
		}
	}
}
