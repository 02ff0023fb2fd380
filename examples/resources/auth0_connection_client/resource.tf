variable "billing_app_client_id" {
  type = string
}

resource "auth0_connection" "partners" {
  name     = "acme-partners"
  strategy = "auth0"
}

# Enables one application on the connection and leaves the others alone:
# for a module that owns the application. Do not also manage this
# connection with auth0_connection_clients, which disables every
# application it does not list.
resource "auth0_connection_client" "billing" {
  connection_id = auth0_connection.partners.id
  client_id     = var.billing_app_client_id
}
