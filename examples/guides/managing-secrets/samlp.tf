variable "saml_signing_key" {
  type      = string
  sensitive = true
}

# The certificate is public and stays in options; its private key is
# write-only, deep-merged into options.signing_key when sent.
resource "auth0_connection" "saml" {
  name     = "acme-saml"
  strategy = "samlp"

  options = {
    signInEndpoint     = "https://idp.example.com/saml/sso"
    signatureAlgorithm = "rsa-sha256"
    digestAlgorithm    = "sha256"
    signSAMLRequest    = true
    signing_key = {
      cert = "-----BEGIN CERTIFICATE-----\nMIIC...\n-----END CERTIFICATE-----\n"
    }
  }

  sensitive_options = {
    signing_key = {
      key = var.saml_signing_key
    }
  }
  sensitive_options_version = "1"
}
