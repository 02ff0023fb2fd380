package auth0api

import "testing"

func TestParseDomain(t *testing.T) {
	cases := map[string]string{
		"tenant.eu.auth0.com":          "https://tenant.eu.auth0.com",
		"https://tenant.eu.auth0.com":  "https://tenant.eu.auth0.com",
		"https://tenant.eu.auth0.com/": "https://tenant.eu.auth0.com",
		"http://127.0.0.1:4010":        "http://127.0.0.1:4010",
		"http://127.8.9.10:4010":       "http://127.8.9.10:4010",
		"http://localhost:4010":        "http://localhost:4010",
		"http://[::1]:4010":            "http://[::1]:4010",
		" tenant.auth0.com ":           "https://tenant.auth0.com",
	}
	for in, want := range cases {
		got, err := ParseDomain(in)
		if err != nil {
			t.Errorf("ParseDomain(%q): %v", in, err)
			continue
		}
		if got.String() != want {
			t.Errorf("ParseDomain(%q) = %s, want %s", in, got, want)
		}
	}
	for _, bad := range []string{"", "http://tenant.auth0.com", "http://10.0.0.1", "ftp://tenant.auth0.com",
		"https://tenant.auth0.com/api/v2", "https://user:pw@tenant.auth0.com", "https://", "http://localhost.evil.com"} {
		if _, err := ParseDomain(bad); err == nil {
			t.Errorf("ParseDomain(%q) accepted a bad domain", bad)
		}
	}
}

func TestAPIErrorProperty(t *testing.T) {
	e := newAPIError("POST", "connections", 400,
		[]byte(`{"statusCode":400,"error":"Bad Request","message":"Payload validation error: 'Invalid value \"x\"' on property options.passwordPolicy (Password strength level).","errorCode":"invalid_body"}`))
	if e.Property() != "options.passwordPolicy" {
		t.Errorf("Property() = %q", e.Property())
	}
	want := `POST connections: 400 Bad Request (invalid_body): Payload validation error: 'Invalid value "x"' on property options.passwordPolicy (Password strength level).`
	if e.Error() != want {
		t.Errorf("Error() = %s", e.Error())
	}
	plain := newAPIError("GET", "connections/x", 502, []byte("<html>bad gateway</html>"))
	if plain.Error() != "GET connections/x: 502 Bad Gateway: <html>bad gateway</html>" {
		t.Errorf("Error() = %s", plain.Error())
	}
}
