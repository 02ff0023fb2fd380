# Look a connection up by name (or by id), for example to wire it into
# resources of other providers.
data "auth0_connection" "users" {
  name = "acme-users"
}

output "users_connection" {
  value = {
    id       = data.auth0_connection.users.id
    strategy = data.auth0_connection.users.strategy
    realms   = data.auth0_connection.users.realms
  }
}
