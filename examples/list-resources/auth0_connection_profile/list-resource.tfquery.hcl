# Every connection profile of the tenant.
list "auth0_connection_profile" "all" {
  provider = auth0
}
