# An enterprise connection that an identity provider provisions users into
# through SCIM.
resource "auth0_connection" "entra" {
  name     = "acme-entra"
  strategy = "waad"

  options = {
    client_id     = "00000000-0000-0000-0000-000000000000"
    tenant_domain = "acme.onmicrosoft.com"
    waad_protocol = "openid-connect"
  }
}

# With user_id_attribute and mapping left out, Auth0's defaults for the
# strategy are kept.
resource "auth0_connection_scim_configuration" "entra" {
  connection_id     = auth0_connection.entra.id
  user_id_attribute = "externalId"
  mapping = [
    { scim = "userName", auth0 = "upn" },
    { scim = "emails[type eq \"work\"].value", auth0 = "email" },
    { scim = "externalId", auth0 = "app_metadata.external_id" },
    { scim = "active", auth0 = "blocked" },
    { scim = "displayName", auth0 = "name" },
  ]
}

# The URL to give the identity provider.
output "scim_endpoint_url" {
  value = auth0_connection_scim_configuration.entra.scim_endpoint_url
}
