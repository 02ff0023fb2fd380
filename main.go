package main

import (
	"flag"
	"log"
	"os"

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
	} else {
		for name, value := range logsOffUnlessShown(os.LookupEnv) {
			_ = os.Setenv(name, value)
		}
	}

	// What providerserver.Serve does for protocol 6, with the server that
	// keeps memory flat over large runs (see provider.NewServer).
	err := tf6server.Serve("registry.terraform.io/seedtf/auth0", provider.NewServer(version), opts...)
	if err != nil {
		log.Fatal(err.Error())
	}
}

// logsOffUnlessShown returns the variables that turn the SDK's and the
// provider's logs off when Terraform would throw them away: it shows a
// provider's logs only when TF_LOG or TF_LOG_PROVIDER is set, yet
// terraform-plugin-log logs at trace level when no variable names a level,
// and formatting a trace of every RPC costs about 40% of a large plan's
// time. Levels the user set are kept.
func logsOffUnlessShown(lookup func(string) (string, bool)) map[string]string {
	for _, shown := range []string{"TF_LOG", "TF_LOG_PROVIDER"} {
		if v, ok := lookup(shown); ok && v != "" {
			return nil
		}
	}
	off := map[string]string{}
	for _, name := range []string{"TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK", "TF_LOG_PROVIDER_AUTH0"} {
		if v, ok := lookup(name); !ok || v == "" {
			off[name] = "OFF"
		}
	}
	return off
}
