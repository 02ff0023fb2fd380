# Microsoft Entra ID (Azure AD).
resource "auth0_connection" "entra" {
  name     = "acme-entra"
  strategy = "waad"

  options = {
    client_id      = "00000000-0000-0000-0000-000000000000"
    tenant_domain  = "acme.onmicrosoft.com"
    domain_aliases = ["acme.com"]
    waad_protocol  = "openid-connect"
    use_wsfed      = false
    ext_groups     = true
    ext_profile    = true
  }
}
