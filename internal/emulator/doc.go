// Package emulator is a stand-in for the connections part of the Auth0
// Management API: POST /oauth/token (client credentials), /api/v2/connections,
// /api/v2/connections/{id}/clients, the signing keys of oidc and okta
// connections (/api/v2/connections/{id}/keys and /keys/rotate, with real
// self-signed certificates) and a minimal /api/v2/clients. It answers
// as the real API does in the recorded traffic kept in ../shared/auth0-api
// (relative to the repository root), and internal/conformance measures how
// closely by replaying that traffic against it:
//
//   - requests are routed on the escaped path, as Auth0 does: %2F is part of
//     a segment, never a separator; a path no route serves gets Auth0's
//     generic 404 {"statusCode":404,"error":"Not Found","message":"Not Found"};
//   - request bodies and query strings are validated against the OpenAPI
//     schemas, typed option keys included, with Auth0's messages ("Payload
//     validation error: ...") and errorCodes (invalid_body,
//     invalid_query_string), plus the semantic checks Auth0 makes on
//     options.attributes;
//   - API errors have the {"statusCode","error","message","errorCode"} shape
//     (without errorCode where Auth0 leaves it out, as for 401);
//   - connections get the defaults a current tenant adds, per strategy (see
//     strategyTable: show_as_button false for enterprise strategies, ips and
//     brute_force_protection for ad, the protocol keys of waad, type for oidc
//     and okta, profile, email or signin for social strategies, ...), and always carry authentication {active:true} and
//     connected_accounts {active:false} unless the request sets them; the
//     deprecated enabled_clients is in POST answers and lists, but GET and
//     PATCH /connections/{id} leave it out except for database connections
//     (see hidesEnabledClients);
//   - options Auth0 derives are derived: scope from the booleans of social
//     strategies, the certificate details (cert, expires, subject,
//     thumbprints) of samlp and pingfederate signing certificates, what a
//     SAML metadataXml holds, the signInEndpoint of adfs (from
//     fedMetadataXml) and pingfederate (from pingFederateBaseUrl), and an oidc_metadata document for oidc and okta
//     (synthesized from the options: the emulator never fetches anything);
//   - PATCH replaces options and metadata wholesale, except for the few
//     options Auth0 keeps or re-adds;
//   - options.configuration values are shown as opaque ciphertext, which a
//     PATCH may send back to keep the value;
//   - lists come as a bare array, an offset page (include_totals) or a
//     checkpoint page (from/take, which wins), with strategy, name, fields
//     and include_fields;
//   - google-apps connections have a directory provisioning (mapping,
//     default mapping, synchronizations, synchronized groups, the tenant's
//     listing), kept with the connection (directory_provisioning.go).
//
// On top of the API, Config adds what a tenant does to its clients: scopes
// (403 insufficient_scope; options hidden without read:connections_options),
// token expiry (401 "Invalid token"), a per-tenant token bucket with Auth0's
// X-RateLimit-* headers and 429 body, and injected faults for testing
// clients: latency, 503s before any change, and connections dropped after
// the change is stored. With Config.DataFile the state survives restarts;
// the file is replaced atomically after every change.
//
// Stats counts the calls by route and Requests logs them, for tests that
// check how a client uses the API. The server is safe for concurrent use.
// Tokens are kept until they expire, and no longer: the store holds the
// valid ones only, looked up by digest in constant time.
//
// A program serving the emulator on a socket wraps it in Hosts.Handler,
// which answers 421 to a Host other than localhost, a loopback address or a
// name it is given (a web page using DNS rebinding sends its own name), and
// serves it with Limits: read, write and idle timeouts and a cap on open
// connections. The auth0-emulator command does both; emulator.New alone,
// as in-process tests use it behind httptest, does neither.
//
// Connection profiles (/api/v2/connection-profiles, tenant-level state) and
// GET /api/v2/connections/{id}/status (an ad connection's agent is never
// connected: 404 "not connected to any node"; others are online) are served
// as connection_profiles.go and connection_status.go describe; signing keys
// as connection_keys.go does; SCIM
// configurations and tokens, and Google Workspace directory provisioning
// with its synchronized groups, as scim*.go and directory*.go do.
//
// Not modelled: organizations, user deletion by connection, the clients'
// own settings beyond what POST /clients stores, and per-endpoint rate
// limits (one bucket covers the whole tenant).
package emulator
