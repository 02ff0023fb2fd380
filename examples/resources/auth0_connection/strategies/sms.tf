# Passwordless sign-in with a one-time code sent by SMS.
resource "auth0_connection" "sms" {
  name     = "sms"
  strategy = "sms"

  options = {
    name                   = "sms"
    from                   = "+15555550100"
    syntax                 = "md_with_macros"
    template               = "Your Acme code is @@password@@"
    disable_signup         = false
    brute_force_protection = true
    totp = {
      time_step = 300
      length    = 6
    }
  }
}
