# An OpenID Connect identity provider.
resource "auth0_connection" "oidc" {
  name         = "acme-oidc"
  strategy     = "oidc"
  display_name = "Acme OIDC"

  options = {
    client_id              = "acme-auth0"
    type                   = "front_channel"
    issuer                 = "https://idp.example.com/"
    authorization_endpoint = "https://idp.example.com/authorize"
    token_endpoint         = "https://idp.example.com/oauth/token"
    userinfo_endpoint      = "https://idp.example.com/userinfo"
    jwks_uri               = "https://idp.example.com/.well-known/jwks.json"
    scope                  = "openid profile email"
    domain_aliases         = ["example.com"]
  }
}
