package emulator

import (
	"slices"
	"strings"
)

// Scopes of the Management API the emulator checks.
const (
	ScopeReadConnections          = "read:connections"
	ScopeCreateConnections        = "create:connections"
	ScopeUpdateConnections        = "update:connections"
	ScopeDeleteConnections        = "delete:connections"
	ScopeReadConnectionsOptions   = "read:connections_options"
	ScopeUpdateConnectionsOptions = "update:connections_options"
	ScopeReadClients              = "read:clients"
	ScopeCreateClients            = "create:clients"
	ScopeDeleteClients            = "delete:clients"

	// The connection estate's (openapi-connections.json).
	ScopeReadConnectionsKeys          = "read:connections_keys"
	ScopeCreateConnectionsKeys        = "create:connections_keys"
	ScopeUpdateConnectionsKeys        = "update:connections_keys"
	ScopeReadSCIMConfig               = "read:scim_config"
	ScopeCreateSCIMConfig             = "create:scim_config"
	ScopeUpdateSCIMConfig             = "update:scim_config"
	ScopeDeleteSCIMConfig             = "delete:scim_config"
	ScopeReadSCIMToken                = "read:scim_token"
	ScopeCreateSCIMToken              = "create:scim_token"
	ScopeDeleteSCIMToken              = "delete:scim_token"
	ScopeReadDirectoryProvisionings   = "read:directory_provisionings"
	ScopeCreateDirectoryProvisionings = "create:directory_provisionings"
	ScopeUpdateDirectoryProvisionings = "update:directory_provisionings"
	ScopeDeleteDirectoryProvisionings = "delete:directory_provisionings"
	ScopeReadConnectionProfiles       = "read:connection_profiles"
	ScopeCreateConnectionProfiles     = "create:connection_profiles"
	ScopeUpdateConnectionProfiles     = "update:connection_profiles"
	ScopeDeleteConnectionProfiles     = "delete:connection_profiles"
)

// AllScopes returns every scope the emulator knows, in the order token
// responses list them. Tokens get all of them unless Config.Scopes says
// otherwise.
func AllScopes() []string {
	return []string{
		ScopeReadConnections, ScopeCreateConnections, ScopeUpdateConnections, ScopeDeleteConnections,
		ScopeReadConnectionsOptions, ScopeUpdateConnectionsOptions,
		ScopeReadClients, ScopeCreateClients, ScopeDeleteClients,
		ScopeReadConnectionsKeys, ScopeCreateConnectionsKeys, ScopeUpdateConnectionsKeys,
		ScopeReadSCIMConfig, ScopeCreateSCIMConfig, ScopeUpdateSCIMConfig, ScopeDeleteSCIMConfig,
		ScopeReadSCIMToken, ScopeCreateSCIMToken, ScopeDeleteSCIMToken,
		ScopeReadDirectoryProvisionings, ScopeCreateDirectoryProvisionings,
		ScopeUpdateDirectoryProvisionings, ScopeDeleteDirectoryProvisionings,
		ScopeReadConnectionProfiles, ScopeCreateConnectionProfiles,
		ScopeUpdateConnectionProfiles, ScopeDeleteConnectionProfiles,
	}
}

// scopeSet is the set of scopes a token carries.
type scopeSet map[string]bool

func newScopeSet(scopes []string) scopeSet {
	set := scopeSet{}
	for _, s := range scopes {
		set[s] = true
	}
	return set
}

func (s scopeSet) has(scope string) bool { return scope == "" || s[scope] }

// list returns the scopes in AllScopes order, then any others sorted.
func (s scopeSet) list() []string {
	var out, other []string
	for _, known := range AllScopes() {
		if s[known] {
			out = append(out, known)
		}
	}
	for scope := range s {
		if !slices.Contains(out, scope) {
			other = append(other, scope)
		}
	}
	slices.Sort(other)
	return append(out, other...)
}

func (s scopeSet) String() string { return strings.Join(s.list(), " ") }

// intersect keeps the scopes both sets have.
func (s scopeSet) intersect(requested []string) scopeSet {
	out := scopeSet{}
	for _, scope := range requested {
		if s[scope] {
			out[scope] = true
		}
	}
	return out
}

func insufficientScope(scope string) *apiError {
	return &apiError{status: 403, message: "Insufficient scope, expected any of: " + scope, code: "insufficient_scope"}
}
