# In a *.tfquery.hcl file beside the configuration that configures the provider:
#   terraform query                                   lists what the blocks find
#   terraform query -generate-config-out=generated.tf writes a resource and an import block for each
list "auth0_connection" "all" {
  provider = auth0
}

list "auth0_connection" "enterprise" {
  provider = auth0
  config {
    strategy = ["samlp", "oidc", "waad", "okta"]
  }
}
