package emulator

import "net/http"

// The emulated directory provisioning and synchronized groups: /connections/{id}/directory-provisioning, /connections-directory-provisionings.

func (s *Server) directoryRoutes() []route {
	return []route{
		{pattern: "connections/{id}/directory-provisioning", methods: map[string]endpoint{
			http.MethodGet:    {s.getDirectoryProvisioning, ScopeReadDirectoryProvisionings},
			http.MethodPost:   {s.createDirectoryProvisioning, ScopeCreateDirectoryProvisionings},
			http.MethodPatch:  {s.updateDirectoryProvisioning, ScopeUpdateDirectoryProvisionings},
			http.MethodDelete: {s.deleteDirectoryProvisioning, ScopeDeleteDirectoryProvisionings},
		}},
		{pattern: "connections/{id}/directory-provisioning/default-mapping", methods: map[string]endpoint{
			http.MethodGet: {s.getDirectoryDefaultMapping, ScopeReadDirectoryProvisionings},
		}},
		{pattern: "connections/{id}/directory-provisioning/synchronizations", methods: map[string]endpoint{
			http.MethodPost: {s.synchronizeDirectory, ScopeCreateDirectoryProvisionings},
		}},
		{pattern: "connections/{id}/directory-provisioning/synchronized-groups", methods: map[string]endpoint{
			http.MethodGet: {s.listSynchronizedGroups, ScopeReadDirectoryProvisionings},
			http.MethodPut: {s.replaceSynchronizedGroups, ScopeUpdateDirectoryProvisionings},
			// Not in the OpenAPI document, but sent by the official
			// provider and answered 204 by Auth0: POST adds groups,
			// DELETE removes them (TestAccDirectorySynchronizedGroups.yaml
			// #12, #20, #28; TestAccDirectorySynchronizedGroupsMigration.yaml).
			http.MethodPost:   {s.addSynchronizedGroups, ScopeUpdateDirectoryProvisionings},
			http.MethodDelete: {s.removeSynchronizedGroups, ScopeUpdateDirectoryProvisionings},
		}},
		{pattern: "connections-directory-provisionings", methods: map[string]endpoint{
			http.MethodGet: {s.listDirectoryProvisionings, ScopeReadDirectoryProvisionings},
		}},
	}
}
