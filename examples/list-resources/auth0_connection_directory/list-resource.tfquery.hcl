# Every Google Workspace directory provisioning of the tenant.
list "auth0_connection_directory" "all" {
  provider = auth0
}
