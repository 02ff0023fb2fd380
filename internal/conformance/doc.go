// Package conformance measures how faithfully the Management API emulator
// (internal/emulator) answers like the real Auth0 Management API. It holds
// tests only:
//
//   - TestReplayRecordings replays the recorded real traffic kept in
//     ../shared/auth0-api/recordings (the official provider's cassettes) and
//     ../shared/auth0-api/recordings-go-auth0 (the official Go SDK's)
//     against the emulator and compares status codes and body shapes,
//     printing the match rate of each folder, held above a floor per folder,
//     and every remaining difference with the reason it is not modelled;
//   - TestResponsesMatchSchema checks every response the emulator gives
//     against ../shared/auth0-api/openapi-connections.json with
//     libopenapi-validator, and TestRequestValidationAgreesWithSchema checks
//     that the emulator rejects exactly the requests that document forbids;
//   - TestGoAuth0Client drives the emulator with the official go-auth0
//     management client.
//
// Tests that read ../shared skip when it is absent.
package conformance
