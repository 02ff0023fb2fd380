variable "pingfederate_signing_cert" {
  description = "The X.509 certificate (PEM) PingFederate signs assertions with."
  type        = string
}

# PingFederate. Auth0 stores the signing certificate as cert and reads its
# subject, expiry and thumbprints, which are not configured.
resource "auth0_connection" "pingfederate" {
  name     = "acme-pingfederate"
  strategy = "pingfederate"

  options = {
    pingFederateBaseUrl = "https://sso.acme.com"
    signingCert         = var.pingfederate_signing_cert
    signSAMLRequest     = true
    signatureAlgorithm  = "rsa-sha256"
    digestAlgorithm     = "sha256"
    domain_aliases      = ["acme.com"]
  }
}
