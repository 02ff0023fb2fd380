// Package connectionprofile serves the auth0_connection_profile resource and data source.
package connectionprofile

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// Resources are the resources this package serves.
func Resources() []func() resource.Resource { return []func() resource.Resource{NewResource} }

// DataSources are the data sources this package serves.
func DataSources() []func() datasource.DataSource {
	return []func() datasource.DataSource{NewDataSource}
}
