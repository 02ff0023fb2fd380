package conformance

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"testing"

	"gopkg.in/yaml.v3"

	cassettes "github.com/seedtf/terraform-provider-auth0/internal/cassette"
)

// sharedDir is the Auth0 API reference material, relative to this package.
const sharedDir = "../../../shared/auth0-api"

// sharedFile returns the path of a file in sharedDir, skipping the test when
// the reference material is not checked out.
func sharedFile(t *testing.T, name string) string {
	t.Helper()
	path := filepath.Join(sharedDir, name)
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		cassettes.SkipSharedAbsent(t, "%s is absent (the shared Auth0 API reference is not checked out next to the repository)", path)
	}
	return path
}

// recordingFolders are the folders of sharedDir that hold cassettes: the
// official provider's and the official Go SDK's.
var recordingFolders = []string{"recordings", "recordings-go-auth0"}

// cassette is the part of a go-vcr v2 cassette the replay needs.
type cassette struct {
	name         string
	folder       string        // one of recordingFolders
	Interactions []interaction `yaml:"interactions"`
}

type interaction struct {
	Request struct {
		Method string `yaml:"method"`
		URL    string `yaml:"url"`
		Body   string `yaml:"body"`
	} `yaml:"request"`
	Response struct {
		Code int    `yaml:"code"`
		Body string `yaml:"body"`
	} `yaml:"response"`
}

var (
	cassettesOnce sync.Once
	cassettesData []cassette
	cassettesErr  error
)

// loadCassettes reads every recording of every folder, folder by folder in
// name order; the tests share one read.
func loadCassettes(t *testing.T) []cassette {
	t.Helper()
	sharedFile(t, "recordings")
	cassettesOnce.Do(func() { cassettesData, cassettesErr = readCassettes(t) })
	if cassettesErr != nil {
		t.Fatal(cassettesErr)
	}
	if len(cassettesData) == 0 {
		cassettes.SkipSharedAbsent(t, "no recordings in %s", filepath.Join(sharedDir, "recordings"))
	}
	return cassettesData
}

func readCassettes(t *testing.T) ([]cassette, error) {
	t.Helper()
	var out []cassette
	for _, folder := range recordingFolders {
		cs, err := readFolder(folder)
		if err != nil {
			return nil, err
		}
		out = append(out, cs...)
	}
	return out, nil
}

func readFolder(folder string) ([]cassette, error) {
	files, err := filepath.Glob(filepath.Join(sharedDir, folder, "*.yaml"))
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	out := make([]cassette, 0, len(files))
	for _, file := range files {
		raw, err := os.ReadFile(file)
		if err != nil {
			return nil, err
		}
		var c cassette
		if err := yaml.Unmarshal(raw, &c); err != nil {
			return nil, fmt.Errorf("%s: %w", file, err)
		}
		c.name = filepath.Base(file)
		c.folder = folder
		out = append(out, c)
	}
	return out, nil
}
