# `make demo` applies this against a local emulator of the Auth0 Management
# API, then plans again to show that nothing is left to change.
terraform {
  required_version = ">= 1.11"
  required_providers {
    auth0 = {
      source = "seedtf/auth0"
    }
  }
}

# Configured by AUTH0_DOMAIN, AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET.
provider "auth0" {}

resource "auth0_connection" "database" {
  name         = "demo-users"
  strategy     = "auth0"
  display_name = "Demo users"
  metadata     = { owner = "platform-team" }

  options = {
    passwordPolicy   = "excellent"
    disable_signup   = false
    password_history = { enable = true, size = 5 }
  }
}

resource "auth0_connection" "google" {
  name     = "demo-google"
  strategy = "google-oauth2"

  options = {
    client_id         = "1234567890-abcdef.apps.googleusercontent.com"
    allowed_audiences = ["example.com"]
    email             = true
    profile           = true
  }
}

resource "auth0_connection" "saml" {
  name           = "demo-saml"
  strategy       = "samlp"
  display_name   = "Demo SSO"
  show_as_button = true

  options = {
    signInEndpoint = "https://idp.example.com/saml/sso"
    fieldsMap      = { email = "mail" }
  }
}

resource "auth0_connection" "sms" {
  name     = "demo-sms"
  strategy = "sms"

  options = {
    name     = "sms"
    from     = "+15555550100"
    syntax   = "md_with_macros"
    template = "Your demo code is @@password@@"
  }
}

output "connection_ids" {
  value = {
    database = auth0_connection.database.id
    google   = auth0_connection.google.id
    saml     = auth0_connection.saml.id
    sms      = auth0_connection.sms.id
  }
}
