package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strings"
	"testing"
)

const module = "github.com/seedtf/terraform-provider-auth0"

// TestArchitecture holds the code to ARCHITECTURE.md: every package of the
// module has a section there, imports only the module packages its "May
// import" line names, and the provider and the emulator never reach each
// other's code outside tests.
func TestArchitecture(t *testing.T) {
	allowed := documentedImports(t)
	packages := goList(t, "./...")
	for _, p := range packages {
		rel := relative(p.ImportPath)
		may, documented := allowed[rel]
		if !documented {
			t.Errorf("package %s has no section in ARCHITECTURE.md", rel)
			continue
		}
		for _, imp := range p.Imports {
			if strings.HasPrefix(imp, module+"/") && !slices.Contains(may, relative(imp)) {
				t.Errorf("%s imports %s, which ARCHITECTURE.md does not allow (may import: %v)", rel, relative(imp), may)
			}
		}
	}
	for rel := range allowed {
		if !slices.ContainsFunc(packages, func(p goPackage) bool { return relative(p.ImportPath) == rel }) {
			t.Errorf("ARCHITECTURE.md describes %s, which does not exist", rel)
		}
	}

	// The provider binary holds no emulator code, the emulator no provider code.
	for _, dep := range deps(t, ".") {
		if strings.HasPrefix(relative(dep), "internal/emulator") {
			t.Errorf("the provider binary depends on %s", relative(dep))
		}
	}
	for _, dep := range deps(t, "./cmd/auth0-emulator") {
		if rel := relative(dep); strings.HasPrefix(dep, module) && rel != "cmd/auth0-emulator" && !strings.HasPrefix(rel, "internal/emulator") {
			t.Errorf("the emulator depends on provider code: %s", rel)
		}
	}
}

// documentedImports reads the "### `pkg`" sections of ARCHITECTURE.md and
// their "May import:" lines.
func documentedImports(t *testing.T) map[string][]string {
	t.Helper()
	doc, err := os.ReadFile("ARCHITECTURE.md")
	if err != nil {
		t.Fatal(err)
	}
	heading := regexp.MustCompile("^### `([^`]+)`$")
	code := regexp.MustCompile("`([^`]+)`")
	out := map[string][]string{}
	current := ""
	for _, line := range strings.Split(string(doc), "\n") {
		if m := heading.FindStringSubmatch(line); m != nil {
			current = m[1]
			continue
		}
		if rest, ok := strings.CutPrefix(line, "May import:"); ok && current != "" {
			may := []string{}
			for _, m := range code.FindAllStringSubmatch(rest, -1) {
				may = append(may, m[1])
			}
			if len(may) == 0 && !strings.Contains(rest, "nothing of this module") {
				t.Errorf("ARCHITECTURE.md: the May import line of %s names nothing", current)
			}
			out[current] = may
			current = ""
		}
	}
	if len(out) == 0 {
		t.Fatal("ARCHITECTURE.md has no package sections")
	}
	return out
}

type goPackage struct {
	ImportPath string
	Imports    []string
	Deps       []string
}

func goList(t *testing.T, pattern string) []goPackage {
	t.Helper()
	out, err := exec.Command("go", "list", "-json", pattern).Output()
	if err != nil {
		t.Fatalf("go list %s: %v", pattern, err)
	}
	var pkgs []goPackage
	dec := json.NewDecoder(strings.NewReader(string(out)))
	for dec.More() {
		var p goPackage
		if err := dec.Decode(&p); err != nil {
			t.Fatal(err)
		}
		pkgs = append(pkgs, p)
	}
	return pkgs
}

func deps(t *testing.T, pattern string) []string {
	t.Helper()
	return goList(t, pattern)[0].Deps
}

func relative(importPath string) string {
	if importPath == module {
		return "."
	}
	return strings.TrimPrefix(importPath, module+"/")
}
