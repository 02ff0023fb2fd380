# A database connection with a strong password policy and username sign-up.
resource "auth0_connection" "users" {
  name     = "acme-database"
  strategy = "auth0"

  options = {
    passwordPolicy         = "excellent"
    brute_force_protection = true
    requires_username      = true
    validation = {
      username = { min = 3, max = 30 }
    }
    password_history            = { enable = true, size = 10 }
    password_no_personal_info   = { enable = true }
    password_dictionary         = { enable = true, dictionary = ["acme", "password"] }
    password_complexity_options = { min_length = 14 }
    non_persistent_attrs        = ["ssn"]
  }
}
