# Rotating without a trigger attribute (Terraform 1.14 or later): the
# auth0_connection_keys_rotate action rotates once each time it runs, here
# whenever the rotation date changes, or on demand with
#   terraform apply -invoke=action.auth0_connection_keys_rotate.partner
resource "auth0_connection" "partner" {
  name     = "acme-partner-oidc"
  strategy = "oidc"

  options = {
    client_id                  = "acme-auth0"
    type                       = "front_channel"
    issuer                     = "https://idp.example.com/"
    authorization_endpoint     = "https://idp.example.com/authorize"
    token_endpoint             = "https://idp.example.com/oauth/token"
    jwks_uri                   = "https://idp.example.com/.well-known/jwks.json"
    token_endpoint_auth_method = "private_key_jwt"
  }
}

variable "rotation_date" {
  type    = string
  default = "2026-12"
}

action "auth0_connection_keys_rotate" "partner" {
  config {
    connection_id = auth0_connection.partner.id
  }
}

resource "terraform_data" "key_rotation" {
  input = var.rotation_date

  lifecycle {
    action_trigger {
      events  = [after_update]
      actions = [action.auth0_connection_keys_rotate.partner]
    }
  }
}
