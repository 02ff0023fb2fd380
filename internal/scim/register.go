// Package scim serves the SCIM resources and data sources of a connection: auth0_connection_scim_configuration, auth0_connection_scim_token and the listings.
package scim

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// Resources are the resources this package serves.
func Resources() []func() resource.Resource {
	return []func() resource.Resource{NewConfigurationResource, NewTokenResource}
}

// DataSources are the data sources this package serves.
func DataSources() []func() datasource.DataSource {
	return []func() datasource.DataSource{NewConfigurationDataSource, NewDefaultMappingDataSource, NewConfigurationsDataSource}
}

// ListResources are the list resources this package serves (terraform query).
func ListResources() []func() list.ListResource {
	return []func() list.ListResource{NewConfigurationListResource, NewTokenListResource}
}
