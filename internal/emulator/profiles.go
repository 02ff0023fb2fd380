package emulator

// The emulated connection profiles: /connection-profiles.

func (s *Server) profileRoutes() []route { return nil }
