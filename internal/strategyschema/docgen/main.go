// Command docgen writes the options reference of the docs, one page per
// family of strategies (database, social, enterprise, passwordless), from the
// per-strategy table of package strategyschema:
//
//	go run ./internal/strategyschema/docgen -out templates/guides -notice internal/strategyschema/NOTICE
//
// `make docs` runs it (tools/tools.go) before tfplugindocs, which copies the
// pages (plain .md, not templates) from templates/guides/ to docs/guides/.
// Each page says, per key, what the provider does with it at plan time, as
// the options package decides it (secrets, derived keys), and ends with the
// SDK's MIT notice, as the descriptions are the SDK's.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
)

func main() {
	out := flag.String("out", "", "directory to write options-<family>.md into")
	notice := flag.String("notice", "", "path of the SDK's licence notice (internal/strategyschema/NOTICE)")
	flag.Parse()
	if *out == "" || *notice == "" || flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(*out, *notice); err != nil {
		fmt.Fprintln(os.Stderr, "docgen:", err)
		os.Exit(1)
	}
}

func run(out, noticePath string) error {
	notice, err := os.ReadFile(noticePath)
	if err != nil {
		return err
	}
	for _, fam := range Families {
		if err := os.WriteFile(filepath.Join(out, FileName(fam.Name)), Page(fam, notice), 0o644); err != nil { //nolint:gosec // docs are public
			return err
		}
	}
	return nil
}
