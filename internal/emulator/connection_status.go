package emulator

import "net/http"

// GET /connections/{id}/status. The API documents it for ad/ldap
// connections (openapi-connections-described.json, get_status): "200 OK
// ... when the connection is online, otherwise a 404 status code is
// returned along with an error message", the 404's other description being
// "not connected to any node". No recording shows it.
//
// What the emulator answers:
//   - a connection that does not exist: 404 inexistent_connection, as every
//     /connections/{id} route;
//   - an ad connection: its AD/LDAP connector (agent) would have to be
//     connected to an Auth0 node to be online, and the emulator runs no
//     agents, so it answers what Auth0 answers for a connection whose agent
//     is not connected: 404 "not connected to any node" (no errorCode is
//     documented, so none is sent);
//   - any other strategy has no agent to be offline: 200, with no body (the
//     schema documents none).
var errAgentNotConnected = &apiError{status: http.StatusNotFound, message: "not connected to any node"}

// agentStrategies are the strategies whose connections reach their
// directory through an agent.
var agentStrategies = map[string]bool{"ad": true, "auth0-adldap": true}

func (s *Server) connectionStatus(w http.ResponseWriter, c call) error {
	conn, err := s.store.connection(c.ids[0])
	if err != nil {
		return err
	}
	if strategy, _ := conn["strategy"].(string); agentStrategies[strategy] {
		return errAgentNotConnected
	}
	w.WriteHeader(http.StatusOK)
	return nil
}
