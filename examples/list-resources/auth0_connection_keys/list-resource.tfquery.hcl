# The signing keys of every oidc and okta connection that has some.
list "auth0_connection_keys" "all" {
  provider = auth0
}
