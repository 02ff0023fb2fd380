package emulator

import (
	"encoding/json"
	"errors"
	"path/filepath"
	"testing"
)

func TestAttachmentsPersistAndGoWithTheirConnection(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	st := newStore()
	if err := st.open(path); err != nil {
		t.Fatal(err)
	}
	conn, err := st.createConnection(map[string]any{"name": "att", "strategy": "auth0"}, tenantEnv{})
	if err != nil {
		t.Fatal(err)
	}
	id, _ := conn["id"].(string)
	set := func(conn attachedTo, doc json.RawMessage) (json.RawMessage, error) {
		if conn.ID != id || conn.Strategy != "auth0" || doc != nil {
			t.Errorf("fn got %+v, %s", conn, doc)
		}
		return json.RawMessage(`{"kid":"k1"}`), nil
	}
	if err := st.updateAttachment(id, attachKeys, set); err != nil {
		t.Fatal(err)
	}
	if err := st.updateTenant(tenantConnectionProfiles, func(json.RawMessage) (json.RawMessage, error) {
		return json.RawMessage(`[{"id":"cop_1"}]`), nil
	}); err != nil {
		t.Fatal(err)
	}

	reopened := newStore()
	if err := reopened.open(path); err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := reopened.readAttachment(id, attachKeys, func(_ attachedTo, doc json.RawMessage) error {
		return json.Unmarshal(doc, &got)
	}); err != nil || got["kid"] != "k1" {
		t.Fatalf("after reopening: %v, %v", got, err)
	}
	if string(reopened.tenant[tenantConnectionProfiles]) == "" {
		t.Fatal("tenant document lost on reopening")
	}

	if _, err := reopened.deleteConnection(id); err != nil {
		t.Fatal(err)
	}
	err = reopened.readAttachment(id, attachKeys, func(attachedTo, json.RawMessage) error { return nil })
	if !errors.Is(err, errConnectionNotFound) {
		t.Fatalf("attachment of a deleted connection: %v, want errConnectionNotFound", err)
	}
	n := 0
	reopened.eachAttachment(attachKeys, func(attachedTo, json.RawMessage) { n++ })
	if n != 0 {
		t.Fatalf("%d attachments listed after their connection was deleted", n)
	}
}
