# After: the same connections with this provider (seedtf/auth0). options is
# an object whose keys are the Management API's own (passwordPolicy, not
# password_policy); nested blocks become nested objects.
variable "app_client_id" {
  type = string
}

resource "auth0_connection" "users" {
  name     = "acme-users"
  strategy = "auth0"

  options = {
    passwordPolicy              = "good"
    brute_force_protection      = true
    password_history            = { enable = true, size = 5 }
    password_complexity_options = { min_length = 12 }
  }
}

# The official provider's scopes list is the API's booleans here; Auth0
# derives the scope from them.
resource "auth0_connection" "google" {
  name     = "google-oauth2"
  strategy = "google-oauth2"

  options = {
    client_id         = "1234567890-abcdef.apps.googleusercontent.com"
    allowed_audiences = ["example.com"]
    email             = true
    profile           = true
  }
}

# twilio_token is left out: Auth0 keeps the one it has (see "Secrets").
resource "auth0_connection" "sms" {
  name     = "acme-sms"
  strategy = "sms"

  options = {
    name       = "acme-sms"
    from       = "+15555550100"
    syntax     = "md_with_macros"
    template   = "Your Acme code is @@password@@"
    twilio_sid = "AC0123456789abcdef0123456789abcdef"
    totp       = { time_step = 300, length = 6 }
  }
}

resource "auth0_connection_clients" "users" {
  connection_id   = auth0_connection.users.id
  enabled_clients = [var.app_client_id]
}
