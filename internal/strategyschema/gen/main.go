// Command gen writes table_gen.go of package strategyschema from the Auth0
// Node SDK on npm:
//
//	go run ./gen -out table_gen.go
//
// (the go:generate line of the package). It runs `npm pack auth0@<version>`
// in a temporary directory (or reads -tarball), checks the tarball's
// integrity against the pinned one, and reads types.d.ts from it; nothing of
// the SDK is written to the repository but the table.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/seedtf/terraform-provider-auth0/internal/strategyschema"
)

func main() {
	out := flag.String("out", "", "path of the Go file to write")
	tarball := flag.String("tarball", "", "the SDK's npm tarball (default: npm pack it)")
	flag.Parse()
	if *out == "" || flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(*out, *tarball); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(out, tarball string) error {
	sdk := strategyschema.Pinned
	var dts []byte
	var err error
	if tarball != "" {
		dts, err = strategyschema.ReadTarball(tarball, sdk)
	} else {
		dts, err = strategyschema.FetchTypes(sdk, false)
	}
	if err != nil {
		return err
	}
	src, err := strategyschema.Generate(dts, sdk)
	if err != nil {
		return err
	}
	return os.WriteFile(out, src, 0o644)
}
