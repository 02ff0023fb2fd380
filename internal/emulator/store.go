package emulator

import (
	"cmp"
	"encoding/json"
	"maps"
	"slices"
	"sync"
)

// store is the emulator's state. One mutex serialises every operation,
// which is plenty for tests and keeps each request atomic. With a data file,
// every change is written to it before it is answered; a change that cannot
// be written is undone.
type store struct {
	mu          sync.Mutex
	seq         uint64
	connections map[string]*connection
	clients     map[string]*client
	tenant      map[tenantKind]json.RawMessage // see attachments.go

	path  string // data file; empty keeps the state in memory only
	saved []byte // what the data file holds, to undo a change that failed to save
}

func newStore() *store {
	return &store{connections: map[string]*connection{}, clients: map[string]*client{}, tenant: map[tenantKind]json.RawMessage{}}
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

func (st *store) createConnection(body map[string]any, env tenantEnv) (map[string]any, error) {
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
	c, echo := newConnection(st.next(), body, env)
	c.setEnabled(enabled, st.next)
	st.connections[c.id] = c
	if err := st.commit(); err != nil {
		return nil, err
	}
	return c.renderWith(echo), nil
}

func (st *store) connection(id string) (map[string]any, error) {
	st.mu.Lock()
	defer st.mu.Unlock()
	c, ok := st.connections[id]
	if !ok {
		return nil, errConnectionNotFound
	}
	return c.renderOne(nil), nil
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

func (st *store) updateConnection(id string, body map[string]any, env tenantEnv) (map[string]any, error) {
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
	echo := c.update(body, env)
	if replaceEnabled {
		c.setEnabled(enabled, st.next)
	}
	if err := st.commit(); err != nil {
		return nil, err
	}
	return st.connections[id].renderOne(echo), nil
}

// deleteConnection reports whether the connection existed.
func (st *store) deleteConnection(id string) (bool, error) {
	st.mu.Lock()
	defer st.mu.Unlock()
	if _, ok := st.connections[id]; !ok {
		return false, nil
	}
	delete(st.connections, id)
	return true, st.commit()
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
	return st.commit()
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

func (st *store) createClient(fields map[string]any) (client, error) {
	st.mu.Lock()
	defer st.mu.Unlock()
	c := newClient(st.next(), fields)
	st.clients[c.id] = c
	if err := st.commit(); err != nil {
		return client{}, err
	}
	return *c, nil
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
	return st.listClientsLocked()
}

func (st *store) listClientsLocked() []client {
	out := make([]client, 0, len(st.clients))
	for _, c := range st.clients {
		out = append(out, *c)
	}
	slices.SortFunc(out, func(a, b client) int { return cmp.Compare(a.seq, b.seq) })
	return out
}

// deleteClient also disables the client on every connection, as deleting an
// application does in Auth0.
func (st *store) deleteClient(id string) error {
	st.mu.Lock()
	defer st.mu.Unlock()
	if _, ok := st.clients[id]; !ok {
		return nil
	}
	delete(st.clients, id)
	for _, c := range st.connections {
		if i := c.enabledIndex(id); i >= 0 {
			c.enabled = slices.Delete(c.enabled, i, i+1)
		}
	}
	return st.commit()
}
