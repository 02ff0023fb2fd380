# Client credentials of a machine-to-machine application authorized for the
# Management API (scopes read:, create:, update:, delete:connections, plus
# read: and update:connections_options). Prefer the AUTH0_DOMAIN,
# AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET environment variables to literals.
provider "auth0" {
  domain        = "example.eu.auth0.com"
  client_id     = var.auth0_client_id
  client_secret = var.auth0_client_secret
}

variable "auth0_client_id" {
  type = string
}

variable "auth0_client_secret" {
  type      = string
  sensitive = true
}
