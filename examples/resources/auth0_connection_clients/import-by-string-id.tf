import {
  to = auth0_connection_clients.users
  id = "con_a1b2c3d4e5f6g7h8"
}
