package strategyschema

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha512"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"time"
)

// Pinned is the SDK release the table is generated from. Change it (and
// regenerate) to follow a new release.
var Pinned = SDK{
	Package:   "auth0",
	Version:   "7.1.0",
	Integrity: "sha512-T7fBBkOoWtZWbhgBxNhNKVG1hw+pxkNfCJFGBYOg9h8WhsXP+QknTSZuqjz8B94kZHmdODLCQNw5GqU9hhEj2w==",
}

// FetchTypes runs `npm pack` for the SDK in a temporary directory (only
// from npm's cache when offline), checks the tarball's integrity and
// returns its types.d.ts.
func FetchTypes(sdk SDK, offline bool) ([]byte, error) {
	dir, err := os.MkdirTemp("", "strategyschema-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	args := []string{"pack", sdk.Package + "@" + sdk.Version, "--silent", "--pack-destination", dir}
	if offline {
		args = append(args, "--offline")
	}
	cmd := exec.CommandContext(ctx, "npm", args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("npm %v: %w: %s", args, err, stderr.String())
	}
	matches, _ := filepath.Glob(filepath.Join(dir, "*.tgz"))
	if len(matches) != 1 {
		return nil, fmt.Errorf("npm pack left %d tarballs", len(matches))
	}
	return ReadTarball(matches[0], sdk)
}

// ReadTarball checks an npm tarball against the SDK's integrity and returns
// its types.d.ts.
func ReadTarball(path string, sdk SDK) ([]byte, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	sum := sha512.Sum512(data)
	if got := "sha512-" + base64.StdEncoding.EncodeToString(sum[:]); got != sdk.Integrity {
		return nil, fmt.Errorf("%s has integrity %s, want %s", path, got, sdk.Integrity)
	}
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	tr := tar.NewReader(zr)
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("%s has no %s", path, TypesPath)
		}
		if err != nil {
			return nil, err
		}
		if h.Name == TypesPath {
			return io.ReadAll(io.LimitReader(tr, 64<<20))
		}
	}
}
