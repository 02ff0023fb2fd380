package connection_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/pem"
	"fmt"
	"math/big"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/seedtf/terraform-provider-auth0/internal/acctest"
)

// signingCert is a SAML signing certificate as Auth0 takes it: base64 of
// the PEM.
func signingCert(t *testing.T, commonName string) string {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(time.Now().UnixNano()),
		Subject:      pkix.Name{CommonName: commonName},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(365 * 24 * time.Hour),
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	return base64.StdEncoding.EncodeToString(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}))
}

// samlp derives cert, expires, subject and thumbprints from signingCert: a
// rotated certificate converges in one apply, and an import leaves the
// derived keys out, so its generated configuration converges too.
func TestAccConnectionOptions_samlCertificateRotation(t *testing.T) {
	env := acctest.New(t)
	name := acctest.Name(t)
	var id string
	config := func(cert string) string {
		return env.Config(fmt.Sprintf(`
resource "auth0_connection" "test" {
  name     = %q
  strategy = "samlp"
  options  = {
    signInEndpoint = "https://idp.example.com/sso"
    signingCert    = %q
  }
}
`, name, cert))
	}
	first, second := signingCert(t, "idp-2026"), signingCert(t, "idp-2027")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             env.CheckDestroyed,
		Steps: []resource.TestStep{
			{
				Config: config(first),
				Check: resource.ComposeTestCheckFunc(acctest.CaptureID(addr, &id), func(*terraform.State) error {
					if _, ok := env.ServerOptions(t, id)["thumbprints"]; !ok {
						return fmt.Errorf("the emulator derived no thumbprints: the test checks nothing")
					}
					return nil
				}),
			},
			{
				Config: config(second),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
				},
			},
			{
				ResourceName: addr, ImportState: true,
				ImportStateIdFunc: func(*terraform.State) (string, error) { return id, nil },
				ImportStateCheck: func(states []*terraform.InstanceState) error {
					for k := range states[0].Attributes {
						for _, derived := range []string{"options.cert", "options.thumbprints", "options.expires", "options.subject"} {
							if k == derived || len(k) > len(derived) && k[:len(derived)+1] == derived+"." {
								return fmt.Errorf("import read the derived %s into state", k)
							}
						}
					}
					if states[0].Attributes["options.signingCert"] != second {
						return fmt.Errorf("import lost signingCert")
					}
					return nil
				},
			},
		},
	})
}
