# Every SCIM token of every SCIM configuration of the tenant. Auth0 shows a
# token's value only when it is created: the results have token = null.
list "auth0_connection_scim_token" "all" {
  provider = auth0
}
