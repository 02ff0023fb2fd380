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

# Every SCIM configuration of the tenant.
data "auth0_connection_scim_configurations" "all" {
  depends_on = [auth0_connection_scim_configuration.entra]
}

output "scim_connections" {
  value = [for c in data.auth0_connection_scim_configurations.all.scim_configurations : c.connection_name]
}
