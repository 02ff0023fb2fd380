# Sign in with GitHub. Auth0 derives the OAuth scopes from the boolean
# options (email, read_user, ...): set those rather than scope.
resource "auth0_connection" "github" {
  name     = "github"
  strategy = "github"

  options = {
    client_id = "Iv1.0123456789abcdef"
    email     = true
    read_user = true
  }
}
