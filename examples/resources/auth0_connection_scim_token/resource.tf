resource "auth0_connection" "okta" {
  name     = "acme-okta"
  strategy = "okta"

  options = {
    client_id = "acme-auth0"
    domain    = "acme.okta.com"
  }
}

resource "auth0_connection_scim_configuration" "okta" {
  connection_id = auth0_connection.okta.id
}

# A token the identity provider authenticates its SCIM requests with. Its
# value is in the state (Auth0 shows it only once): protect the state.
resource "auth0_connection_scim_token" "okta" {
  connection_id  = auth0_connection_scim_configuration.okta.connection_id
  scopes         = ["get:users", "post:users", "put:users", "patch:users", "delete:users"]
  token_lifetime = 7776000 # 90 days; when it has passed, the plan replaces the token
}

output "scim_token" {
  value     = auth0_connection_scim_token.okta.token
  sensitive = true
}
