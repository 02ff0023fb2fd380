import {
  to = auth0_connection_directory.workspace
  id = "con_a1b2c3d4e5f6g7h8"
}
