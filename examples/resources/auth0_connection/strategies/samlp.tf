# An enterprise SAML identity provider.
resource "auth0_connection" "saml" {
  name           = "acme-saml"
  strategy       = "samlp"
  display_name   = "Acme SSO"
  show_as_button = true

  options = {
    signInEndpoint     = "https://idp.example.com/saml/sso"
    signOutEndpoint    = "https://idp.example.com/saml/slo"
    signatureAlgorithm = "rsa-sha256"
    digestAlgorithm    = "sha256"
    protocolBinding    = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST"
    user_id_attribute  = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/nameidentifier"
    fieldsMap = {
      email = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress"
    }
  }
}
