variable "web_app_client_id" {
  type = string
}

variable "mobile_app_client_id" {
  type = string
}

resource "auth0_connection" "users" {
  name     = "acme-users"
  strategy = "auth0"
}

# The applications that may sign users in through the connection: exactly
# these. Applications enabled in the dashboard but not listed are disabled
# (the plan warns about them when this resource is created).
resource "auth0_connection_clients" "users" {
  connection_id = auth0_connection.users.id
  enabled_clients = [
    var.web_app_client_id,
    var.mobile_app_client_id,
  ]
}
