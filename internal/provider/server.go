package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/seedtf/terraform-provider-auth0/internal/rpcctx"
)

// NewServer returns the protocol 6 server that main serves and the
// acceptance tests run: the framework's, wrapped so that it does not keep
// every RPC's context (see package rpcctx).
func NewServer(version string) func() tfprotov6.ProviderServer {
	return func() tfprotov6.ProviderServer {
		return rpcctx.Wrap(providerserver.NewProtocol6(New(version)())())
	}
}
