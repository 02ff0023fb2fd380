resource "auth0_connection_profile" "enterprise" {
  name             = "acme-enterprise"
  enabled_features = ["scim"]
}

# Look a profile up by id...
data "auth0_connection_profile" "by_id" {
  id = auth0_connection_profile.enterprise.id
}

# ...or by name.
data "auth0_connection_profile" "by_name" {
  name = auth0_connection_profile.enterprise.name
}

output "enterprise_features" {
  value = data.auth0_connection_profile.by_name.enabled_features
}
