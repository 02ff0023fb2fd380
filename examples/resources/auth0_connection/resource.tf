# A database connection. Only the options written here are managed: the
# defaults Auth0 adds (mfa, passkey_options, ...) are left as they are.
resource "auth0_connection" "database" {
  name         = "acme-users"
  strategy     = "auth0"
  display_name = "Acme users"

  metadata = {
    owner = "identity-team"
  }

  options = {
    passwordPolicy         = "good"
    brute_force_protection = true
    disable_signup         = false
    password_history       = { enable = true, size = 5 }
    password_complexity_options = {
      min_length = 12
    }
  }
}
