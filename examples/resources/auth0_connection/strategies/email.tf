# Passwordless sign-in with a code or link sent by email.
resource "auth0_connection" "email" {
  name     = "email"
  strategy = "email"

  options = {
    name                   = "email"
    disable_signup         = false
    brute_force_protection = true
    email = {
      from    = "Acme <no-reply@example.com>"
      subject = "Your Acme sign-in code"
      syntax  = "liquid"
      body    = "<html><body>Your code is {{ code }}</body></html>"
    }
    totp = {
      time_step = 900
      length    = 6
    }
  }
}
