# With Terraform 1.12 or later, an import block may name the connection by its identity.
import {
  to = auth0_connection.database
  identity = {
    id = "con_a1b2c3d4e5f6g7h8"
  }
}
