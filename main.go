package main

import (
	"flag"
	"log"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"

	"github.com/seedtf/terraform-provider-auth0/internal/provider"
)

// version is set by goreleaser at build time.
var version = "dev"

func main() {
	var debug bool

	flag.BoolVar(&debug, "debug", false, "set to true to run the provider with support for debuggers like delve")
	flag.Parse()

	var opts []tf6server.ServeOpt
	if debug {
		opts = append(opts, tf6server.WithManagedDebug())
	}

	// What providerserver.Serve does for protocol 6, with the server that
	// keeps memory flat over large runs (see provider.NewServer).
	err := tf6server.Serve("registry.terraform.io/seedtf/auth0", provider.NewServer(version), opts...)
	if err != nil {
		log.Fatal(err.Error())
	}
}
