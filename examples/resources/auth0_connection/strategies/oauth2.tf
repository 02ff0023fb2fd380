variable "partner_client_secret" {
  type      = string
  sensitive = true
}

# Any OAuth 2.0 authorization server, with a script that reads the profile.
resource "auth0_connection" "oauth2" {
  name     = "acme-partner"
  strategy = "oauth2"

  options = {
    client_id        = "acme-auth0"
    authorizationURL = "https://partner.example.com/oauth2/authorize"
    tokenURL         = "https://partner.example.com/oauth2/token"
    scope            = "openid profile email"
    pkce_enabled     = true
    scripts = {
      fetchUserProfile = <<-JS
        function fetchUserProfile(accessToken, context, callback) {
          callback(null, { user_id: context.id_token_claims.sub });
        }
      JS
    }
  }

  sensitive_options         = { client_secret = var.partner_client_secret }
  sensitive_options_version = "1"
}
