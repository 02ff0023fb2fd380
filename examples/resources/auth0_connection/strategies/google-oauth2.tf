# Sign in with Google. Without client_id and a client secret Auth0 uses its
# development keys, which suit tests only.
resource "auth0_connection" "google" {
  name     = "google-oauth2"
  strategy = "google-oauth2"

  options = {
    client_id         = "1234567890-abcdef.apps.googleusercontent.com"
    allowed_audiences = ["example.com"]
    email             = true
    profile           = true
  }
}
