package acctest

import (
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
)

// expectTerraformEnv names the Terraform the make targets of the version
// matrix meant the tests to run on ("1.16" or "tofu"; empty: any).
const expectTerraformEnv = "TF_ACC_EXPECT_TERRAFORM"

var (
	terraformVersionOnce sync.Once
	terraformVersionErr  string
)

// checkTerraformVersion fails the test when TF_ACC_EXPECT_TERRAFORM names a
// Terraform other than the one the tests would run (TF_ACC_TERRAFORM_PATH,
// else terraform on PATH), so a run of the matrix never measures the same
// Terraform twice without saying so.
func checkTerraformVersion(t *testing.T) {
	t.Helper()
	want := os.Getenv(expectTerraformEnv)
	if want == "" || os.Getenv("TF_ACC") == "" {
		return
	}
	terraformVersionOnce.Do(func() {
		bin := os.Getenv("TF_ACC_TERRAFORM_PATH")
		if bin == "" {
			var err error
			if bin, err = exec.LookPath("terraform"); err != nil {
				terraformVersionErr = "terraform is not on PATH: " + err.Error()
				return
			}
		}
		out, err := exec.Command(bin, "version").Output()
		if err != nil {
			terraformVersionErr = bin + " version: " + err.Error()
			return
		}
		// The version line; OpenTofu prints CLI configuration warnings
		// to stdout before it.
		first := strings.TrimSpace(string(out))
		for _, line := range strings.Split(string(out), "\n") {
			if strings.HasPrefix(line, "Terraform v") || strings.HasPrefix(line, "OpenTofu v") {
				first = line
				break
			}
		}
		var ok bool
		switch want {
		case "tofu", "opentofu":
			ok = strings.HasPrefix(first, "OpenTofu ")
		default:
			ok = strings.HasPrefix(first, "Terraform v"+want+".")
		}
		if !ok {
			terraformVersionErr = expectTerraformEnv + "=" + want + " but " + bin + " is " + first
		}
	})
	if terraformVersionErr != "" {
		t.Fatal(terraformVersionErr)
	}
}
