variable "linkedin_client_secret" {
  type      = string
  sensitive = true
}

# Sign in with LinkedIn.
resource "auth0_connection" "linkedin" {
  name     = "linkedin"
  strategy = "linkedin"

  options = {
    client_id        = "86abcdefghijkl"
    strategy_version = 2
    email            = true
    profile          = true
  }

  sensitive_options         = { client_secret = var.linkedin_client_secret }
  sensitive_options_version = "1"
}
