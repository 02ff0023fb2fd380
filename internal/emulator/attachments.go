package emulator

import (
	"bytes"
	"encoding/json"
)

// Attachments are the state that hangs off one connection: its signing
// keys, SCIM configuration and tokens, directory provisioning and
// synchronized groups. Each kind is one JSON document per connection that
// the feature owning it reads and writes whole; it goes with its connection
// (Auth0 deletes them with it) and is persisted with it in the data file.
// Tenant documents are the same for state that belongs to no connection
// (connection profiles).
type attachmentKind string

const (
	attachKeys               attachmentKind = "keys"
	attachSCIMConfiguration  attachmentKind = "scim_configuration"
	attachSCIMTokens         attachmentKind = "scim_tokens"
	attachDirectory          attachmentKind = "directory_provisioning"
	attachSynchronizedGroups attachmentKind = "synchronized_groups"
)

type tenantKind string

const tenantConnectionProfiles tenantKind = "connection_profiles"

// attachedTo is what an attachment's owner sees of its connection.
type attachedTo struct {
	ID       string
	Name     string
	Strategy string
	Options  map[string]any // a copy
}

func (c *connection) attachedTo() attachedTo {
	return attachedTo{ID: c.id, Name: c.name, Strategy: c.strategy, Options: cloneMap(c.options)}
}

// updateAttachment runs fn under the store's lock with the connection's
// document of kind (nil when there is none). fn returns the new document
// (nil removes it) or an error, which changes nothing and is returned. A
// changed document is committed before updateAttachment returns; a
// connection that does not exist is errConnectionNotFound.
func (st *store) updateAttachment(connectionID string, kind attachmentKind, fn func(conn attachedTo, doc json.RawMessage) (json.RawMessage, error)) error {
	st.mu.Lock()
	defer st.mu.Unlock()
	c, ok := st.connections[connectionID]
	if !ok {
		return errConnectionNotFound
	}
	old := c.attached[kind]
	doc, err := fn(c.attachedTo(), bytes.Clone(old))
	if err != nil {
		return err
	}
	if bytes.Equal(doc, old) {
		return nil
	}
	if doc == nil {
		delete(c.attached, kind)
	} else {
		if c.attached == nil {
			c.attached = map[attachmentKind]json.RawMessage{}
		}
		c.attached[kind] = doc
	}
	return st.commit()
}

// readAttachment is updateAttachment for a handler that only reads.
func (st *store) readAttachment(connectionID string, kind attachmentKind, fn func(conn attachedTo, doc json.RawMessage) error) error {
	st.mu.Lock()
	defer st.mu.Unlock()
	c, ok := st.connections[connectionID]
	if !ok {
		return errConnectionNotFound
	}
	return fn(c.attachedTo(), bytes.Clone(c.attached[kind]))
}

// eachAttachment calls fn, in connection creation order, for every
// connection holding a document of kind, for the tenant-wide listings.
func (st *store) eachAttachment(kind attachmentKind, fn func(conn attachedTo, doc json.RawMessage)) {
	st.mu.Lock()
	defer st.mu.Unlock()
	for _, c := range st.sortedConnections() {
		if doc, ok := c.attached[kind]; ok {
			fn(c.attachedTo(), bytes.Clone(doc))
		}
	}
}

// updateTenant is updateAttachment for a tenant document.
func (st *store) updateTenant(kind tenantKind, fn func(doc json.RawMessage) (json.RawMessage, error)) error {
	st.mu.Lock()
	defer st.mu.Unlock()
	old := st.tenant[kind]
	doc, err := fn(bytes.Clone(old))
	if err != nil {
		return err
	}
	if bytes.Equal(doc, old) {
		return nil
	}
	if doc == nil {
		delete(st.tenant, kind)
	} else {
		st.tenant[kind] = doc
	}
	return st.commit()
}
