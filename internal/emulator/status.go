package emulator

// The emulated connection status: /connections/{id}/status.

func (s *Server) statusRoutes() []route { return nil }
