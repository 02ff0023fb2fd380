package emulator

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// The data file holds the connections and clients as JSON. It is replaced
// atomically on every change: the new state is written to a temporary file
// in the same directory, synced, and renamed over the old one, so a crash
// mid-write leaves either the old state or the new one, never a mix.

const dataVersion = 1

type snapshot struct {
	Version     int                            `json:"version"`
	Seq         uint64                         `json:"seq"`
	Connections []connectionRecord             `json:"connections"`
	Clients     []clientRecord                 `json:"clients"`
	Tenant      map[tenantKind]json.RawMessage `json:"tenant,omitempty"`
}

type connectionRecord struct {
	Seq               uint64                             `json:"seq"`
	ID                string                             `json:"id"`
	Name              string                             `json:"name"`
	Strategy          string                             `json:"strategy"`
	DisplayName       *string                            `json:"display_name,omitempty"`
	ShowAsButton      *bool                              `json:"show_as_button,omitempty"`
	IsDomain          bool                               `json:"is_domain_connection"`
	Realms            []string                           `json:"realms"`
	Metadata          map[string]any                     `json:"metadata,omitempty"`
	Options           map[string]any                     `json:"options"`
	Authentication    map[string]any                     `json:"authentication"`
	ConnectedAccounts map[string]any                     `json:"connected_accounts"`
	CrossApp          map[string]any                     `json:"cross_app,omitempty"`
	Enabled           []enabledRecord                    `json:"enabled_clients"`
	TicketURL         string                             `json:"provisioning_ticket_url,omitempty"`
	SealKey           []byte                             `json:"seal_key"`
	Sealed            map[string]string                  `json:"sealed,omitempty"`
	Attached          map[attachmentKind]json.RawMessage `json:"attached,omitempty"`
}

type enabledRecord struct {
	Seq uint64 `json:"seq"`
	ID  string `json:"client_id"`
}

type clientRecord struct {
	Seq    uint64         `json:"seq"`
	Fields map[string]any `json:"fields"`
}

// open loads the data file at path, or creates it for an empty tenant.
func (st *store) open(path string) error {
	st.mu.Lock()
	defer st.mu.Unlock()
	st.path = path
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		if err := st.save(); err != nil {
			return fmt.Errorf("creating the data file: %w", err)
		}
		return nil
	}
	if err != nil {
		return fmt.Errorf("reading the data file: %w", err)
	}
	if err := st.load(data); err != nil {
		return fmt.Errorf("data file %s: %w", path, err)
	}
	st.saved = data
	return nil
}

// commit writes the state to the data file. When that fails, the state goes
// back to what the file holds and the caller gets errPersist. Callers hold
// st.mu.
func (st *store) commit() error {
	if st.path == "" {
		return nil
	}
	if err := st.save(); err != nil {
		st.connections, st.clients, st.seq, st.tenant = map[string]*connection{}, map[string]*client{}, 0, map[tenantKind]json.RawMessage{}
		if st.saved != nil {
			_ = st.load(st.saved) // it loaded before, so it loads again
		}
		return errPersist
	}
	return nil
}

// save writes the state to the data file.
func (st *store) save() error {
	data, err := st.encode()
	if err != nil {
		return err
	}
	if err := writeFileAtomic(st.path, data); err != nil {
		return err
	}
	st.saved = data
	return nil
}

func (st *store) encode() ([]byte, error) {
	snap := snapshot{Version: dataVersion, Seq: st.seq, Connections: []connectionRecord{}, Clients: []clientRecord{}, Tenant: st.tenant}
	for _, c := range st.sortedConnections() {
		rec := connectionRecord{
			Seq: c.seq, ID: c.id, Name: c.name, Strategy: c.strategy,
			DisplayName: c.displayName, ShowAsButton: c.showAsButton, IsDomain: c.isDomain,
			Realms: c.realms, Metadata: c.metadata, Options: c.options,
			Authentication: c.authentication, ConnectedAccounts: c.connectedAccounts, CrossApp: c.crossApp,
			Enabled: []enabledRecord{}, TicketURL: c.ticketURL, SealKey: c.sealKey, Sealed: c.sealed,
			Attached: c.attached,
		}
		for _, e := range c.enabled {
			rec.Enabled = append(rec.Enabled, enabledRecord{Seq: e.seq, ID: e.id})
		}
		snap.Connections = append(snap.Connections, rec)
	}
	for _, c := range st.listClientsLocked() {
		snap.Clients = append(snap.Clients, clientRecord{Seq: c.seq, Fields: c.fields})
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(snap); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// load replaces the state with a snapshot.
func (st *store) load(data []byte) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber() // numbers stay as requests brought them
	var snap snapshot
	if err := dec.Decode(&snap); err != nil {
		return fmt.Errorf("not an emulator data file: %w", err)
	}
	// One JSON document and nothing after it: a hand edit that pasted a
	// second one, or left a stray character, is refused rather than half read.
	if tok, err := dec.Token(); !errors.Is(err, io.EOF) {
		offset := dec.InputOffset()
		if err == nil {
			return fmt.Errorf("unexpected %v after the JSON document, at byte %d: the file must hold one JSON object", tok, offset)
		}
		return fmt.Errorf("unexpected data after the JSON document, at byte %d: the file must hold one JSON object", offset)
	}
	if snap.Version != dataVersion {
		return fmt.Errorf("unsupported data file version %d (want %d)", snap.Version, dataVersion)
	}
	conns := map[string]*connection{}
	names := map[string]string{} // connection name -> id
	for _, rec := range snap.Connections {
		if rec.ID == "" || conns[rec.ID] != nil {
			return fmt.Errorf("bad or duplicate connection id %q", rec.ID)
		}
		if rec.Name == "" {
			return fmt.Errorf("connection %q has no name", rec.ID)
		}
		if other, dup := names[rec.Name]; dup {
			return fmt.Errorf("connections %q and %q have the same name %q; names are unique in a tenant: rename or remove one", other, rec.ID, rec.Name)
		}
		names[rec.Name] = rec.ID
		c := &connection{
			seq: rec.Seq, id: rec.ID, name: rec.Name, strategy: rec.Strategy,
			displayName: rec.DisplayName, showAsButton: rec.ShowAsButton, isDomain: rec.IsDomain,
			realms: rec.Realms, metadata: rec.Metadata, options: rec.Options,
			authentication: rec.Authentication, connectedAccounts: rec.ConnectedAccounts, crossApp: rec.CrossApp,
			ticketURL: rec.TicketURL, sealKey: rec.SealKey, sealed: rec.Sealed,
			attached: rec.Attached,
		}
		if c.options == nil {
			c.options = map[string]any{}
		}
		if c.sealed == nil {
			c.sealed = map[string]string{}
		}
		for _, e := range rec.Enabled {
			c.enabled = append(c.enabled, enabledClient{seq: e.Seq, id: e.ID})
		}
		conns[c.id] = c
	}
	clients := map[string]*client{}
	for _, rec := range snap.Clients {
		id, _ := rec.Fields["client_id"].(string)
		if id == "" || clients[id] != nil {
			return fmt.Errorf("bad or duplicate client id %q", id)
		}
		clients[id] = &client{seq: rec.Seq, id: id, fields: rec.Fields}
	}
	if snap.Tenant == nil {
		snap.Tenant = map[tenantKind]json.RawMessage{}
	}
	st.connections, st.clients, st.seq, st.tenant = conns, clients, snap.Seq, snap.Tenant
	return nil
}

// writeFileAtomic replaces path with data: a reader (or a restart after a
// crash) sees the old content or the new one, never a partial file.
func writeFileAtomic(path string, data []byte) (err error) {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			_ = tmp.Close()
			_ = os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	// Make the rename itself durable; not every platform can sync a
	// directory, and the data is already safe in either file.
	if d, derr := os.Open(dir); derr == nil {
		_ = d.Sync()
		_ = d.Close()
	}
	return nil
}
