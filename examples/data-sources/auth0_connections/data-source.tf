# Every enterprise connection of the tenant.
data "auth0_connections" "enterprise" {
  strategy = ["samlp", "oidc", "waad", "okta"]
}

output "enterprise_connection_names" {
  value = [for c in data.auth0_connections.enterprise.connections : c.name]
}
