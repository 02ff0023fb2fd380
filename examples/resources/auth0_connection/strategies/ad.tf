# Active Directory / LDAP through the AD Connector, with Kerberos for the
# corporate network.
resource "auth0_connection" "ad" {
  name     = "acme-ad"
  strategy = "ad"

  options = {
    tenant_domain          = "corp.acme.com"
    domain_aliases         = ["acme.com"]
    kerberos               = true
    ips                    = ["10.0.0.0/8", "192.168.1.0/24"]
    brute_force_protection = true
    disable_cache          = false
  }
}
