locals {
  # The connection is made here so that the example applies on its own.
  connection_name = "acme-workspace-groups-list"
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

resource "auth0_connection_directory_synchronized_groups" "workspace" {
  connection_id = auth0_connection_directory.workspace.connection_id
  group_ids     = ["03x8tuzt3hqdv5v", "01302m922kqq6gk"]
}

# The groups synchronized, optionally filtered by a search (sent as q).
data "auth0_connection_directory_synchronized_groups" "engineering" {
  connection_id = auth0_connection_directory_synchronized_groups.workspace.connection_id
  query         = "name:eng*"
}

output "engineering_groups" {
  value = data.auth0_connection_directory_synchronized_groups.engineering.group_ids
}
