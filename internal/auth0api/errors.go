package auth0api

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"strings"
)

// APIError is an error answer of the Management API.
type APIError struct {
	Method     string
	Path       string
	StatusCode int    `json:"statusCode"`
	Reason     string `json:"error"`
	Message    string `json:"message"`
	ErrorCode  string `json:"errorCode"`
}

func newAPIError(method, path string, status int, body []byte) *APIError {
	e := &APIError{}
	if err := json.Unmarshal(body, e); err != nil || e.Message == "" {
		e.Message = strings.TrimSpace(string(body))
		if len(e.Message) > 512 {
			e.Message = e.Message[:512] + "…"
		}
	}
	e.Method, e.Path, e.StatusCode = method, path, status
	if e.Reason == "" {
		e.Reason = http.StatusText(status)
	}
	return e
}

func (e *APIError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s: %d %s", e.Method, e.Path, e.StatusCode, e.Reason)
	if e.ErrorCode != "" {
		fmt.Fprintf(&b, " (%s)", e.ErrorCode)
	}
	if e.Message != "" {
		fmt.Fprintf(&b, ": %s", e.Message)
	}
	return b.String()
}

// propertyPattern finds the property that Auth0's payload validation names,
// as in `... on property options.validation (Options for validation).`.
var propertyPattern = regexp.MustCompile(`on property ([A-Za-z0-9_.\[\]-]+)`)

// Property returns the dotted body property the error is about, if any.
func (e *APIError) Property() string {
	if m := propertyPattern.FindStringSubmatch(e.Message); m != nil {
		return m[1]
	}
	return ""
}

// TransportError is a request that got no HTTP answer.
type TransportError struct {
	Method, Path string
	Err          error
	// Sent reports whether the request reached the network whole: the
	// server may then have acted on it.
	Sent bool
}

func (e *TransportError) Error() string {
	return fmt.Sprintf("%s %s: %v", e.Method, e.Path, e.Err)
}

func (e *TransportError) Unwrap() error { return e.Err }

// IsStatus reports whether err is an API answer with the given status.
func IsStatus(err error, status int) bool {
	var apiErr *APIError
	return errors.As(err, &apiErr) && apiErr.StatusCode == status
}

// IsNotFound reports whether err is a 404 answer.
func IsNotFound(err error) bool { return IsStatus(err, http.StatusNotFound) }
