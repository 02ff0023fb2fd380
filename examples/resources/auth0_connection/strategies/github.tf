# Sign in with GitHub.
resource "auth0_connection" "github" {
  name     = "github"
  strategy = "github"

  options = {
    client_id = "Iv1.0123456789abcdef"
    scope     = ["read:user", "user:email"]
  }
}
