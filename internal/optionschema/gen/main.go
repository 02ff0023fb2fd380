// Command gen writes schema_gen.go of package optionschema from the Auth0
// Management API OpenAPI document:
//
//	go run ./gen -spec ../../../shared/auth0-api/openapi-connections.json -out schema_gen.go
//
// (that is the go:generate line of the package, so `go generate
// ./internal/optionschema` runs it). The command imports the package, so
// schema_gen.go must compile for it to build; should it not, replace it with
// `package optionschema` and `var Options = &Schema{}`, then run it again.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/seedtf/terraform-provider-auth0/internal/optionschema"
)

func main() {
	spec := flag.String("spec", "", "path of the OpenAPI document (JSON)")
	out := flag.String("out", "", "path of the Go file to write")
	flag.Parse()
	if *spec == "" || *out == "" || flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(*spec, *out); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(specPath, outPath string) error {
	spec, err := os.ReadFile(specPath)
	if err != nil {
		return err
	}
	src, err := optionschema.Generate(spec)
	if err != nil {
		return fmt.Errorf("%s: %w", specPath, err)
	}
	return os.WriteFile(outPath, src, 0o644)
}
