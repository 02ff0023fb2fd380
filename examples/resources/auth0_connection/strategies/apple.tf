variable "apple_private_key" {
  description = "The private key (PEM) of the Sign in with Apple key named by kid."
  type        = string
  sensitive   = true
}

# Sign in with Apple. The private key is write-only: Auth0 returns it on every
# read, and the provider never puts it in the state.
resource "auth0_connection" "apple" {
  name     = "apple"
  strategy = "apple"

  options = {
    client_id                = "com.example.signin"
    team_id                  = "A1B2C3D4E5"
    kid                      = "F6G7H8I9J0"
    name                     = true
    email                    = true
    set_user_root_attributes = "on_first_login"
  }

  sensitive_options         = { app_secret = var.apple_private_key }
  sensitive_options_version = "1"
}
