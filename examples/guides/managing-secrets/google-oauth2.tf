variable "google_client_secret" {
  type      = string
  sensitive = true
}

# The client secret is write-only: Auth0 receives it, the state never holds it.
resource "auth0_connection" "google" {
  name     = "google-oauth2"
  strategy = "google-oauth2"

  options = {
    client_id         = "1234567890-abcdef.apps.googleusercontent.com"
    allowed_audiences = ["example.com"]
    email             = true
    profile           = true
  }

  sensitive_options = {
    client_secret = var.google_client_secret
  }
  # Change this (a date, a rotation number) to send a new secret.
  sensitive_options_version = "2026-11-rotation"
}
