# Active Directory Federation Services, with its federation metadata URL.
resource "auth0_connection" "adfs" {
  name     = "acme-adfs"
  strategy = "adfs"

  options = {
    adfs_server    = "https://adfs.acme.com/FederationMetadata/2007-06/FederationMetadata.xml"
    signInEndpoint = "https://adfs.acme.com/adfs/ls/"
    tenant_domain  = "acme.com"
    domain_aliases = ["acme.com"]

    should_trust_email_verified_connection = "always_set_emails_as_verified"
  }
}
