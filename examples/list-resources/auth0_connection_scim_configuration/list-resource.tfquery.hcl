# Every SCIM configuration of the tenant, one auth0_connection_scim_configuration per connection.
list "auth0_connection_scim_configuration" "all" {
  provider = auth0
}
