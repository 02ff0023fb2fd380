# Before: connections managed by the official provider (auth0/auth0), with
# its flat options blocks.
variable "google_client_secret" {
  type      = string
  sensitive = true
}

variable "twilio_token" {
  type      = string
  sensitive = true
}

variable "app_client_id" {
  type = string
}

resource "auth0_connection" "users" {
  name     = "acme-users"
  strategy = "auth0"

  options {
    password_policy        = "good"
    brute_force_protection = true
    password_history {
      enable = true
      size   = 5
    }
    password_complexity_options {
      min_length = 12
    }
  }
}

resource "auth0_connection" "google" {
  name     = "google-oauth2"
  strategy = "google-oauth2"

  options {
    client_id         = "1234567890-abcdef.apps.googleusercontent.com"
    client_secret     = var.google_client_secret
    allowed_audiences = ["example.com"]
    scopes            = ["email", "profile"]
  }
}

resource "auth0_connection" "sms" {
  name     = "acme-sms"
  strategy = "sms"

  options {
    name         = "acme-sms"
    from         = "+15555550100"
    syntax       = "md_with_macros"
    template     = "Your Acme code is @@password@@"
    twilio_sid   = "AC0123456789abcdef0123456789abcdef"
    twilio_token = var.twilio_token
    totp {
      time_step = 300
      length    = 6
    }
  }
}

resource "auth0_connection_clients" "users" {
  connection_id   = auth0_connection.users.id
  enabled_clients = [var.app_client_id]
}
