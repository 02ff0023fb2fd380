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

# The mapping Auth0 gives the connection's strategy by default.
data "auth0_connection_scim_default_mapping" "entra" {
  connection_id = auth0_connection_scim_configuration.entra.connection_id
}

output "default_scim_attributes" {
  value = [for m in data.auth0_connection_scim_default_mapping.entra.mapping : m.scim]
}
