package cassette

import (
	"os"
	"path/filepath"
	"testing"
)

func TestResponseBodies(t *testing.T) {
	cassette := `---
version: 2
interactions:
    - id: 0
      request:
        body: |
            {"request": 1}
        url: https://example.auth0.com/api/v2/connections
      response:
        body: '{"a":"it''s",
            "b":2}'
        code: 200
    - id: 1
      request:
        body: '{"request": 2}'
      response:
        body: |
            {"c": [1,
              2]}
        headers: {}
    - id: 2
      request:
        body: ""
      response:
        body: "{\"d\":\"x\"}"
    - id: 3
      response:
        body: ''
`
	path := filepath.Join(t.TempDir(), "c.yaml")
	if err := os.WriteFile(path, []byte(cassette), 0o600); err != nil {
		t.Fatal(err)
	}
	got, err := ResponseBodies(path)
	if err != nil {
		t.Fatal(err)
	}
	want := []Body{
		{Line: 10, Text: `{"a":"it's", "b":2}`},
		{Line: 17, Text: "{\"c\": [1,\n2]}\n"},
		{Line: 25, Text: `{"d":"x"}`},
		{Line: 28, Text: ""},
	}
	if len(got) != len(want) {
		t.Fatalf("got %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("body %d: got %+v, want %+v", i, got[i], want[i])
		}
	}
}
