# Import a SCIM token by "<connection_id>::<token_id>". The token's value
# cannot be imported: Auth0 shows it only when the token is created, so
# `token` stays null for an imported token.
terraform import auth0_connection_scim_token.okta con_a1b2c3d4e5f6g7h8::tok_a1b2c3d4e5f6g7h8
