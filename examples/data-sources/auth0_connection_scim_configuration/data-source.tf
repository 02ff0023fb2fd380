locals {
  connection_name = "acme-entra"
}

resource "auth0_connection" "entra" {
  name     = local.connection_name
  strategy = "waad"

  options = {
    client_id     = "00000000-0000-0000-0000-000000000000"
    tenant_domain = "acme.onmicrosoft.com"
    waad_protocol = "openid-connect"
  }
}

resource "auth0_connection_scim_configuration" "entra" {
  connection_id = auth0_connection.entra.id
}

# A connection's SCIM configuration.
data "auth0_connection_scim_configuration" "entra" {
  connection_id = auth0_connection_scim_configuration.entra.connection_id
}

output "scim_user_id_attribute" {
  value = data.auth0_connection_scim_configuration.entra.user_id_attribute
}
