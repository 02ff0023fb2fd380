# Import a connection's SCIM configuration by the connection's id.
terraform import auth0_connection_scim_configuration.entra con_a1b2c3d4e5f6g7h8
