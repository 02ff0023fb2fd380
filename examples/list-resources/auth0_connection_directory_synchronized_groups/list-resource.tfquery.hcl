# The synchronized groups of every directory provisioning of the tenant
# (an empty group_ids for a provisioning that synchronizes none).
list "auth0_connection_directory_synchronized_groups" "all" {
  provider = auth0
}
