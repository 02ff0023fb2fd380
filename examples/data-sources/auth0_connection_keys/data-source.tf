locals {
  connection_name = "acme-partner-oidc-keys"
}

resource "auth0_connection" "partner" {
  name     = local.connection_name
  strategy = "oidc"

  options = {
    client_id                  = "acme-auth0"
    type                       = "front_channel"
    issuer                     = "https://idp.example.com/"
    authorization_endpoint     = "https://idp.example.com/authorize"
    token_endpoint             = "https://idp.example.com/oauth/token"
    jwks_uri                   = "https://idp.example.com/.well-known/jwks.json"
    token_endpoint_auth_method = "private_key_jwt"
  }
}

# The signing keys of a connection, read-only.
data "auth0_connection_keys" "partner" {
  connection_id = auth0_connection.partner.id
}

output "current_key_id" {
  value = one([for key in data.auth0_connection_keys.partner.keys : key.kid if key.current])
}
