package emulator

import "net/http"

// The emulated signing keys: /connections/{id}/keys and its rotation.

func (s *Server) keyRoutes() []route {
	return []route{
		{pattern: "connections/{id}/keys", methods: map[string]endpoint{
			http.MethodGet:  {s.getConnectionKeys, ScopeReadConnectionsKeys},
			http.MethodPost: {s.createConnectionKeys, ScopeCreateConnectionsKeys},
		}},
		// The schema asks for create:connections_keys and
		// update:connections_keys; an endpoint names one scope, so the
		// handler checks the second.
		{pattern: "connections/{id}/keys/rotate", methods: map[string]endpoint{
			http.MethodPost: {s.rotateConnectionKeys, ScopeCreateConnectionsKeys},
		}},
	}
}
