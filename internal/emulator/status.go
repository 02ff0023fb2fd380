package emulator

import "net/http"

// The emulated connection status: /connections/{id}/status (handler in
// connection_status.go).

func (s *Server) statusRoutes() []route {
	return []route{
		{pattern: "connections/{id}/status", methods: map[string]endpoint{
			http.MethodGet: {s.connectionStatus, ScopeReadConnections},
		}},
	}
}
