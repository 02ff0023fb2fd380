# Import the signing keys of a connection by the connection's id.
terraform import auth0_connection_keys.partner con_a1b2c3d4e5f6g7h8
