package emulator

// The emulated signing keys: /connections/{id}/keys and its rotation.

func (s *Server) keyRoutes() []route { return nil }
