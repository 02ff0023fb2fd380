package emulator

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
)

// apiError is an error answered in Auth0's
// {"statusCode","error","message","errorCode"} shape.
type apiError struct {
	status  int
	message string
	code    string // errorCode; empty where Auth0 leaves it out
}

func (e *apiError) Error() string { return e.message }

var (
	errInvalidToken = &apiError{status: http.StatusUnauthorized, message: "Invalid token"}
	// errRouteNotFound answers a path no route serves. No recording asks
	// for a route that does not exist; this is the closest body Auth0 is
	// seen to send, its generic 404 without an errorCode (the answer to
	// GET /connections/{id}/scim-configuration of a connection without
	// one: TestAccSCIMConfiguration.yaml #17, TestAccDataSCIMConfiguration.yaml
	// #3, go-auth0's TestConnectionManager_DeleteSCIMConfiguration.yaml #3),
	// which is also what the API's framework (hapi) answers for an
	// unmatched route. A connection that does not exist is another answer:
	// errConnectionNotFound.
	errRouteNotFound       = &apiError{status: http.StatusNotFound, message: "Not Found"}
	errMethodNotAllowed    = &apiError{status: http.StatusMethodNotAllowed, message: "Method Not Allowed", code: "method_not_allowed"}
	errPayloadTooLarge     = &apiError{status: http.StatusRequestEntityTooLarge, message: fmt.Sprintf("Payload content length greater than maximum allowed: %d", maxBodyBytes), code: "payload_too_large"}
	errInternal            = &apiError{status: http.StatusInternalServerError, message: "Internal Server Error", code: "internal_error"}
	errBadJSON             = &apiError{status: http.StatusBadRequest, message: "Invalid request payload JSON format", code: "invalid_body"}
	errConnectionNotFound  = &apiError{status: http.StatusNotFound, message: "The connection does not exist", code: "inexistent_connection"}
	errConnectionConflict  = &apiError{status: http.StatusConflict, message: "A connection with the same name already exists", code: "connection_conflict"}
	errClientNotFound      = &apiError{status: http.StatusNotFound, message: "The client does not exist", code: "inexistent_client"}
	errTooManyRequests     = &apiError{status: http.StatusTooManyRequests, message: "Global limit has been reached", code: "too_many_requests"}
	errPersist             = &apiError{status: http.StatusInternalServerError, message: "The change could not be saved; nothing was changed", code: "internal_error"}
	errCrossAppUnsupported = &apiError{
		status:  http.StatusBadRequest,
		message: "Cross App Access Requesting App is not supported for this connection.",
		code:    "operation_not_supported",
	}
)

func invalidBody(message string) *apiError {
	return &apiError{status: http.StatusBadRequest, message: message, code: "invalid_body"}
}

func payloadViolation(v *violation) *apiError {
	return invalidBody("Payload validation error: " + v.text())
}

func queryViolation(v *violation) *apiError {
	return &apiError{status: http.StatusBadRequest, message: "Query validation error: " + v.text(), code: "invalid_query_string"}
}

type errorBody struct {
	StatusCode int    `json:"statusCode"`
	Error      string `json:"error"`
	Message    string `json:"message"`
	ErrorCode  string `json:"errorCode,omitempty"`
}

// writeError answers err; anything but an *apiError becomes a 500.
func writeError(w http.ResponseWriter, err error) {
	var ae *apiError
	if !errors.As(err, &ae) {
		ae = errInternal
	}
	writeJSON(w, ae.status, errorBody{
		StatusCode: ae.status,
		Error:      http.StatusText(ae.status),
		Message:    ae.message,
		ErrorCode:  ae.code,
	})
}

// writeJSON answers v as JSON. HTML escaping is off because Auth0 returns
// characters such as "<" and "&" verbatim.
func writeJSON(w http.ResponseWriter, status int, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		// Only plain JSON values reach here, so this is a bug; still answer
		// in Auth0's shape rather than with a truncated body.
		buf.Reset()
		status = http.StatusInternalServerError
		_ = json.NewEncoder(&buf).Encode(errorBody{
			StatusCode: status, Error: http.StatusText(status), Message: errInternal.message, ErrorCode: errInternal.code,
		})
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}
