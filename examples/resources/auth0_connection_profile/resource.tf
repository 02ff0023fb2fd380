# The settings Auth0 gives each enterprise connection that customers set up
# themselves, with SCIM only for Okta and Entra ID connections.
resource "auth0_connection_profile" "enterprise" {
  name = "acme-enterprise"

  organization = {
    show_as_button             = "optional"
    assign_membership_on_login = "required"
  }

  connection_name_prefix_template = "acme"
  enabled_features                = ["universal_logout"]

  strategy_overrides = {
    okta = {
      enabled_features = ["scim", "universal_logout"]
    }
    waad = {
      enabled_features = ["scim", "universal_logout"]
    }
  }
}
