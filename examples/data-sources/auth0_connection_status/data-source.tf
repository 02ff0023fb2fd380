locals {
  directory = "acme-corp-directory"
}

resource "auth0_connection" "corp" {
  name     = local.directory
  strategy = "ad"
}

# An offline connection is a status, not an error: the data source reads on
# every plan, and the check below only warns (a check never stops a run).
data "auth0_connection_status" "corp" {
  connection_id = auth0_connection.corp.id
}

check "corp_directory_online" {
  assert {
    condition     = data.auth0_connection_status.corp.online
    error_message = "The AD/LDAP Connector of ${auth0_connection.corp.name} is not connected to Auth0 (${data.auth0_connection_status.corp.status_code}: ${coalesce(data.auth0_connection_status.corp.message, "no message")})."
  }
}
