package emulator

import "net/http"

// The emulated SCIM configuration and tokens: /connections/{id}/scim-configuration, /connections-scim-configurations.
// Handlers are in scim_configuration.go and scim_tokens.go.

func (s *Server) scimRoutes() []route {
	return []route{
		{pattern: "connections/{id}/scim-configuration", methods: map[string]endpoint{
			http.MethodGet:    {s.getSCIMConfiguration, ScopeReadSCIMConfig},
			http.MethodPost:   {s.createSCIMConfiguration, ScopeCreateSCIMConfig},
			http.MethodPatch:  {s.updateSCIMConfiguration, ScopeUpdateSCIMConfig},
			http.MethodDelete: {s.deleteSCIMConfiguration, ScopeDeleteSCIMConfig},
		}},
		{pattern: "connections/{id}/scim-configuration/default-mapping", methods: map[string]endpoint{
			http.MethodGet: {s.getSCIMDefaultMapping, ScopeReadSCIMConfig},
		}},
		{pattern: "connections/{id}/scim-configuration/tokens", methods: map[string]endpoint{
			http.MethodGet:  {s.listSCIMTokens, ScopeReadSCIMToken},
			http.MethodPost: {s.createSCIMToken, ScopeCreateSCIMToken},
		}},
		{pattern: "connections/{id}/scim-configuration/tokens/{id}", methods: map[string]endpoint{
			http.MethodDelete: {s.deleteSCIMToken, ScopeDeleteSCIMToken},
		}},
		{pattern: "connections-scim-configurations", methods: map[string]endpoint{
			http.MethodGet: {s.listSCIMConfigurations, ScopeReadSCIMConfig},
		}},
	}
}
