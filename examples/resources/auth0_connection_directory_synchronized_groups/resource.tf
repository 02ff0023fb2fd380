resource "auth0_connection" "workspace" {
  name     = "acme-workspace-groups"
  strategy = "google-apps"

  options = {
    domain            = "acme.com"
    tenant_domain     = "acme.com"
    api_enable_users  = true
    api_enable_groups = true
  }
}

resource "auth0_connection_directory" "workspace" {
  connection_id      = auth0_connection.workspace.id
  synchronize_groups = "selected"
}

# The Google Workspace groups synchronized: exactly these. Referencing the
# provisioning makes Terraform create it first.
resource "auth0_connection_directory_synchronized_groups" "workspace" {
  connection_id = auth0_connection_directory.workspace.connection_id
  group_ids = [
    "03x8tuzt3hqdv5v",
    "01302m922kqq6gk",
  ]
}
