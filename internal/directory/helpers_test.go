package directory_test

import (
	"bytes"
	"context"
	"encoding/json"
	"testing"

	"github.com/seedtf/terraform-provider-auth0/internal/acctest"
)

// jsonEqual compares a JSON body with a JSON literal.
func jsonEqual(body []byte, want string) bool {
	var a, b any
	if json.Unmarshal(body, &a) != nil || json.Unmarshal([]byte(want), &b) != nil {
		return false
	}
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return bytes.Equal(x, y)
}

// connectionOf returns the id of the connection named name.
func connectionOf(t *testing.T, env *acctest.Env, name string) string {
	t.Helper()
	conn, err := env.Client.FindConnectionByName(context.Background(), name)
	if err != nil || conn == nil {
		t.Fatalf("finding connection %s: %v", name, err)
	}
	return conn.ID
}
