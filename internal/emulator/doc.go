// Package emulator is an in-memory stand-in for the connections part of the
// Auth0 Management API: POST /oauth/token (client credentials),
// /api/v2/connections, /api/v2/connections/{id}/clients and a minimal
// /api/v2/clients. It answers as the real API does in the recorded traffic
// kept in ../shared/auth0-api (relative to the repository root):
//
//   - request bodies and query strings are validated against the OpenAPI
//     schemas, with Auth0's messages ("Payload validation error: ...") and
//     errorCodes (invalid_body, invalid_query_string);
//   - API errors have the {"statusCode","error","message","errorCode"} shape
//     (without errorCode where Auth0 leaves it out, as for 401);
//   - connections get the defaults a current tenant adds, per strategy
//     (see strategyTable), and always carry authentication {active:true}
//     and connected_accounts {active:false} unless the request sets them;
//   - PATCH replaces options and metadata wholesale, except for the few
//     options Auth0 keeps or re-adds;
//   - options.configuration values are shown as opaque ciphertext.
//
// Tokens carry every scope: scopes are not checked, and there is no rate
// limiting.
package emulator
