variable "facebook_app_secret" {
  type      = string
  sensitive = true
}

# Sign in with Facebook. Auth0 derives the permissions it asks for (scope)
# from the boolean options.
resource "auth0_connection" "facebook" {
  name     = "facebook"
  strategy = "facebook"

  options = {
    client_id      = "123456789012345"
    email          = true
    public_profile = true
    user_birthday  = true
  }

  sensitive_options         = { client_secret = var.facebook_app_secret }
  sensitive_options_version = "1"
}
