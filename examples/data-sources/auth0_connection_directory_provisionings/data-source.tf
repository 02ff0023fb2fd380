locals {
  # The connection is made here so that the example applies on its own.
  connection_name = "acme-workspace-all"
}

resource "auth0_connection" "workspace" {
  name     = local.connection_name
  strategy = "google-apps"

  options = {
    domain           = "acme.com"
    tenant_domain    = "acme.com"
    api_enable_users = true
  }
}

resource "auth0_connection_directory" "workspace" {
  connection_id      = auth0_connection.workspace.id
  synchronize_groups = "selected"
}

# Every directory provisioning of the tenant.
data "auth0_connection_directory_provisionings" "all" {
  depends_on = [auth0_connection_directory.workspace]
}

output "provisioned_connections" {
  value = [for p in data.auth0_connection_directory_provisionings.all.directory_provisionings : p.connection_name]
}
