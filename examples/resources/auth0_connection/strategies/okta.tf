variable "okta_client_secret" {
  type      = string
  sensitive = true
}

# An Okta Workforce organization. Auth0 reads the discovery document of the
# domain and keeps it as oidc_metadata, which is not configured.
resource "auth0_connection" "okta" {
  name           = "acme-okta"
  strategy       = "okta"
  display_name   = "Acme Okta"
  show_as_button = true

  options = {
    client_id              = "0oa1b2c3d4e5f6g7h8i9"
    domain                 = "acme.okta.com"
    issuer                 = "https://acme.okta.com"
    authorization_endpoint = "https://acme.okta.com/oauth2/v1/authorize"
    token_endpoint         = "https://acme.okta.com/oauth2/v1/token"
    userinfo_endpoint      = "https://acme.okta.com/oauth2/v1/userinfo"
    jwks_uri               = "https://acme.okta.com/oauth2/v1/keys"
    scope                  = "openid profile email"
    domain_aliases         = ["acme.com"]
  }

  sensitive_options         = { client_secret = var.okta_client_secret }
  sensitive_options_version = "1"
}
