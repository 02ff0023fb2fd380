# Import a connection by its id.
terraform import auth0_connection.database con_a1b2c3d4e5f6g7h8
