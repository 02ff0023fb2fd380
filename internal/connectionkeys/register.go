// Package connectionkeys serves the auth0_connection_keys resource and data source and the auth0_connection_keys_rotate action: a connection's signing keys.
package connectionkeys

import (
	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// Resources are the resources this package serves.
func Resources() []func() resource.Resource { return []func() resource.Resource{NewResource} }

// DataSources are the data sources this package serves.
func DataSources() []func() datasource.DataSource {
	return []func() datasource.DataSource{NewDataSource}
}

// Actions are the actions this package serves.
func Actions() []func() action.Action { return []func() action.Action{NewRotateAction} }

// ListResources are the list resources this package serves (terraform query).
func ListResources() []func() list.ListResource { return []func() list.ListResource{NewListResource} }
