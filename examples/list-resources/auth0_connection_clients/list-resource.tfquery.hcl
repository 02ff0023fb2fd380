# One auth0_connection_clients for every connection that has applications enabled.
list "auth0_connection_clients" "all" {
  provider = auth0
}
