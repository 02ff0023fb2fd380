# Import by the connection's id and the application's client id, separated by "::".
terraform import auth0_connection_client.billing "con_a1b2c3d4e5f6g7h8::AaBbCcDdEeFf00112233445566778899"
