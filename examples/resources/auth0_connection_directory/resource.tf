# A Google Workspace connection whose users Auth0 reads from the directory.
resource "auth0_connection" "workspace" {
  name     = "acme-workspace"
  strategy = "google-apps"

  options = {
    domain            = "acme.com"
    tenant_domain     = "acme.com"
    api_enable_users  = true
    api_enable_groups = true
  }
}

# Directory provisioning with a mapping of its own; leave mapping out to keep
# Auth0's default one (see the auth0_connection_directory_default_mapping
# data source).
resource "auth0_connection_directory" "workspace" {
  connection_id             = auth0_connection.workspace.id
  synchronize_automatically = true
  synchronize_groups        = "selected"

  mapping = [
    { auth0 = "email", idp = "primaryEmail" },
    { auth0 = "given_name", idp = "name.givenName" },
    { auth0 = "family_name", idp = "name.familyName" },
    { auth0 = "app_metadata.org_unit", idp = "orgUnitPath" },
  ]
}
