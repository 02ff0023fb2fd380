// Package providerdata is what the provider hands to its resources and
// data sources once it is configured: the tenant's client and the refresh
// reader of the run, one of each per provider instance.
package providerdata

import (
	"fmt"

	"github.com/seedtf/terraform-provider-auth0/internal/auth0api"
	"github.com/seedtf/terraform-provider-auth0/internal/refresh"
)

// Data is the provider's data.
type Data struct {
	Client  *auth0api.Client
	Refresh *refresh.Reader
}

// New returns the data of a configured client; the reader hears of every
// connection the client writes.
func New(client *auth0api.Client) *Data {
	reader := refresh.NewReader(client)
	client.OnWrite(reader.Written)
	return &Data{Client: client, Refresh: reader}
}

// From returns the data the provider handed over: nil before the provider
// is configured, an error for anything that is not *Data.
func From(data any) (*Data, error) {
	if data == nil {
		return nil, nil
	}
	d, ok := data.(*Data)
	if !ok {
		return nil, fmt.Errorf("expected *providerdata.Data, got %T. Please report this issue to the provider developers", data)
	}
	return d, nil
}
