package emulator

// The emulated SCIM configuration and tokens: /connections/{id}/scim-configuration, /connections-scim-configurations.

func (s *Server) scimRoutes() []route { return nil }
