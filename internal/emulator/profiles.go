package emulator

import "net/http"

// The emulated connection profiles: /connection-profiles (handlers in
// connection_profiles.go).

func (s *Server) profileRoutes() []route {
	return []route{
		{pattern: "connection-profiles", methods: map[string]endpoint{
			http.MethodGet:  {s.listConnectionProfiles, ScopeReadConnectionProfiles},
			http.MethodPost: {s.createConnectionProfile, ScopeCreateConnectionProfiles},
		}},
		{pattern: "connection-profiles/{id}", methods: map[string]endpoint{
			http.MethodGet:    {s.getConnectionProfile, ScopeReadConnectionProfiles},
			http.MethodPatch:  {s.updateConnectionProfile, ScopeUpdateConnectionProfiles},
			http.MethodDelete: {s.deleteConnectionProfile, ScopeDeleteConnectionProfiles},
		}},
	}
}
