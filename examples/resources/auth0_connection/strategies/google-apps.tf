variable "workspace_client_secret" {
  type      = string
  sensitive = true
}

# Google Workspace, reading users and groups from the directory.
resource "auth0_connection" "workspace" {
  name     = "acme-workspace"
  strategy = "google-apps"

  options = {
    client_id         = "1234567890-workspace.apps.googleusercontent.com"
    domain            = "acme.com"
    tenant_domain     = "acme.com"
    domain_aliases    = ["acme.com"]
    api_enable_users  = true
    ext_groups        = true
    map_user_id_to_id = true
  }

  sensitive_options         = { client_secret = var.workspace_client_secret }
  sensitive_options_version = "1"
}
