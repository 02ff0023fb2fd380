package emulator

// The emulated directory provisioning and synchronized groups: /connections/{id}/directory-provisioning, /connections-directory-provisionings.

func (s *Server) directoryRoutes() []route { return nil }
