package main

import (
	"testing"
	"time"
)

// The bound counts the calls that took a token: not the token requests,
// not those answered 429.
func TestLimitedAndRefused(t *testing.T) {
	calls := map[string]int{
		"POST /oauth/token":                    2,
		"GET /api/v2/connections/{id}":         50,
		"GET /api/v2/connections/{id} (429)":   34,
		"POST /api/v2/connections":             50,
		"POST /api/v2/connections (429)":       149,
		"PATCH /api/v2/connections/{id} (429)": 0,
	}
	if got := refused(calls); got != 183 {
		t.Errorf("refused = %d, want 183", got)
	}
	if got := limited(calls); got != 100 {
		t.Errorf("limited = %d, want 100", got)
	}
}

func TestRouteAndMedian(t *testing.T) {
	if got := route("/api/v2/connections/con_abc/clients"); got != "/api/v2/connections/{id}/clients" {
		t.Errorf("route = %q", got)
	}
	if got := median([]time.Duration{3, 1, 2}); got != 2 {
		t.Errorf("median of 3 = %v", got)
	}
	if got := median([]time.Duration{4, 1, 2, 3}); got != 2 {
		t.Errorf("median of 4 = %v, want 2 (the mean of 2 and 3, truncated)", got)
	}
}
