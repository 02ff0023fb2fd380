locals {
  # The connection is made here so that the example applies on its own.
  connection_name = "acme-workspace-mapping"
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

# Auth0's default mapping, as a start for a mapping of one's own: here the
# default one plus the organizational unit.
data "auth0_connection_directory_default_mapping" "workspace" {
  connection_id = auth0_connection.workspace.id
}

resource "auth0_connection_directory" "workspace" {
  connection_id = auth0_connection.workspace.id
  mapping = concat(data.auth0_connection_directory_default_mapping.workspace.mapping, [
    { auth0 = "app_metadata.org_unit", idp = "orgUnitPath" },
  ])
}
