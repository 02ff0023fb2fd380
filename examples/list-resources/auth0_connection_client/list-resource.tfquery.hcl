# One auth0_connection_client for every application enabled on the connections found.
list "auth0_connection_client" "acme_users" {
  provider = auth0
  config {
    name = "acme-users"
  }
}
