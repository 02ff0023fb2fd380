# Import a connection profile by its id.
terraform import auth0_connection_profile.enterprise cop_1a2b3c4d5e6f7g8h9i0j1k
