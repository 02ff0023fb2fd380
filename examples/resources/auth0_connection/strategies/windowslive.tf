variable "microsoft_client_secret" {
  type      = string
  sensitive = true
}

# Sign in with a personal Microsoft account.
resource "auth0_connection" "microsoft" {
  name     = "windowslive"
  strategy = "windowslive"

  options = {
    client_id        = "11111111-2222-3333-4444-555555555555"
    strategy_version = 2
    signin           = true
    graph_user       = true
  }

  sensitive_options         = { client_secret = var.microsoft_client_secret }
  sensitive_options_version = "1"
}
