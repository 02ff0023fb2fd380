package e2e

import (
	"os"
	"strings"
	"testing"
)

// onCI reports whether the tests run in CI (CI set, as CI systems do, and
// not "false" or "0").
func onCI() bool {
	v := strings.ToLower(strings.TrimSpace(os.Getenv("CI")))
	return v != "" && v != "false" && v != "0"
}

// skipSharedAbsent stops a test that needs the shared Auth0 API reference
// (../shared, next to the repository) when it is absent: in CI, where the
// reference is always checked out, that is a failure, so a fidelity figure
// is never reported without being measured; elsewhere the test is skipped,
// saying loudly that nothing was measured (go test prints a skip with -v
// only, and prints "ok" for the package either way).
func skipSharedAbsent(t *testing.T, format string, args ...any) {
	t.Helper()
	if onCI() {
		t.Fatalf("CI is set and "+format+": this test measures nothing without it; "+
			"check out the shared Auth0 API reference next to the repository", args...)
	}
	t.Skipf("NOTHING WAS MEASURED: "+format+"; this test did not run, whatever \"ok\" go test prints "+
		"(with CI set this is a failure)", args...)
}
