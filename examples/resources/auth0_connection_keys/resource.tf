# An OpenID Connect connection that will authenticate to its identity
# provider with a private key JWT.
resource "auth0_connection" "partner" {
  name     = "acme-partner-oidc"
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

# Its signing keys: adopted as Auth0 made them (or provisioned, for a
# connection that has none yet). Changing rotation_trigger rotates them once;
# nothing else does.
resource "auth0_connection_keys" "partner" {
  connection_id    = auth0_connection.partner.id
  signing_alg      = "RS256"
  rotation_trigger = "2026-12"
}

# The certificate the identity provider needs to trust the next key.
output "next_signing_certificate" {
  value = one([for key in auth0_connection_keys.partner.keys : key.cert if key.next])
}
