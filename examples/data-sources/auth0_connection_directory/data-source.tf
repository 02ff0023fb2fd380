locals {
  # The connection is made here so that the example applies on its own.
  connection_name = "acme-workspace-directory"
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

# The provisioning of a connection, with when it last synchronized.
data "auth0_connection_directory" "workspace" {
  connection_id = auth0_connection_directory.workspace.connection_id
}

output "last_synchronization" {
  value = {
    at     = data.auth0_connection_directory.workspace.last_synchronization_at
    status = data.auth0_connection_directory.workspace.last_synchronization_status
  }
}
