import {
  to = auth0_connection_keys.partner
  id = "con_a1b2c3d4e5f6g7h8"
}
