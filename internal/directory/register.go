// Package directory serves the Google Workspace directory provisioning resources and data sources: auth0_connection_directory and auth0_connection_directory_synchronized_groups.
package directory

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// Resources are the resources this package serves.
func Resources() []func() resource.Resource {
	return []func() resource.Resource{NewDirectoryResource, NewSynchronizedGroupsResource}
}

// DataSources are the data sources this package serves.
func DataSources() []func() datasource.DataSource {
	return []func() datasource.DataSource{
		NewDirectoryDataSource, NewDefaultMappingDataSource, NewSynchronizedGroupsDataSource, NewProvisioningsDataSource,
	}
}

// ListResources are the list resources this package serves (terraform query).
func ListResources() []func() list.ListResource {
	return []func() list.ListResource{NewDirectoryListResource, NewSynchronizedGroupsListResource}
}
