package e2e

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"math/big"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/seedtf/terraform-provider-auth0/internal/auth0api"
	"github.com/seedtf/terraform-provider-auth0/internal/options"
	"github.com/seedtf/terraform-provider-auth0/internal/strategyschema"
)

// strategyCase is a connection created outside Terraform with secrets and
// keys Auth0 derives, then imported with `plan -generate-config-out`.
type strategyCase struct {
	strategy string
	// options are sent on create; secrets (dotted path -> value) are set
	// into them.
	options map[string]any
	secrets map[string]string
	// derived are top-level keys Auth0 computes (or that the request sends
	// and Auth0 owns): the table marks each derived, and the server holds
	// each before the import.
	derived []string
	// kept are option keys the generated configuration must hold.
	kept []string
}

func strategyCases(t *testing.T) []strategyCase {
	signing := selfSignedPEM(t, "idp.example.com")
	return []strategyCase{{
		// TestAccConnectionApple.yaml: Auth0 returns app_secret on every GET,
		// and scope is "name email" from the booleans.
		strategy: "apple",
		options:  map[string]any{"client_id": "com.example.signin", "team_id": "A1B2C3D4E5", "kid": "F6G7H8I9J0", "name": true, "email": true},
		secrets:  map[string]string{"app_secret": "-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg" + rand.Text() + "\n-----END PRIVATE KEY-----"},
		derived:  []string{"scope"},
		kept:     []string{"team_id", "kid"},
	}, {
		// TestAccConnectionOAuth2.yaml sends client_secret and reads it back.
		strategy: "oauth2",
		options: map[string]any{
			"client_id": "acme-auth0", "authorizationURL": "https://partner.example.com/authorize",
			"tokenURL": "https://partner.example.com/token", "scope": "openid profile", "pkce_enabled": true,
		},
		secrets: map[string]string{"client_secret": "oauth2-secret-" + rand.Text()},
		kept:    []string{"authorizationURL", "tokenURL", "scope"},
	}, {
		// TestAccConnectionSAML.yaml: cert, expires, subject and thumbprints
		// are read from signingCert; signing_key and decryptionKey hold
		// private keys.
		strategy: "samlp",
		options: map[string]any{
			"signInEndpoint": "https://idp.example.com/saml/sso", "signingCert": signing,
			"signing_key":   map[string]any{"cert": signing},
			"decryptionKey": map[string]any{"cert": signing},
		},
		secrets: map[string]string{
			"signing_key.key":   "-----BEGIN PRIVATE KEY-----\nsigning-" + rand.Text() + "\n-----END PRIVATE KEY-----",
			"decryptionKey.key": "-----BEGIN PRIVATE KEY-----\ndecryption-" + rand.Text() + "\n-----END PRIVATE KEY-----",
		},
		derived: []string{"cert", "expires", "subject", "thumbprints"},
		kept:    []string{"signInEndpoint", "signingCert", "signing_key", "decryptionKey"},
	}, {
		// TestAccConnectionAzureAD.yaml: Auth0 fetched Microsoft's signing
		// keys' thumbprints (a current tenant adds none, so the create sends
		// them, as a connection of 2025 holds them).
		strategy: "waad",
		options: map[string]any{
			"client_id": "00000000-0000-0000-0000-000000000000", "tenant_domain": "acme.onmicrosoft.com",
			"waad_protocol": "openid-connect", "thumbprints": []any{"0123456789abcdef0123456789abcdef01234567"},
		},
		secrets: map[string]string{"client_secret": "waad-secret-" + rand.Text()},
		derived: []string{"thumbprints"},
		kept:    []string{"tenant_domain", "waad_protocol"},
	}, {
		// TestAccConnectionSMS.yaml sends twilio_token and reads it back.
		strategy: "sms",
		options: map[string]any{
			"name": "sms", "from": "+15555550100", "twilio_sid": "AC0123456789abcdef", "syntax": "md_with_macros",
			"template": "Your code is @@password@@", "totp": map[string]any{"time_step": 300, "length": 6},
		},
		secrets: map[string]string{"twilio_token": "twilio-token-" + rand.Text()},
		kept:    []string{"twilio_sid", "template", "totp"},
	}, {
		// The table marks no email key secret or derived
		// (TestAccConnectionEmail.yaml): the whole message is imported.
		strategy: "email",
		options: map[string]any{
			"name": "email", "disable_signup": false,
			"email": map[string]any{"from": "Acme <no-reply@example.com>", "subject": "Sign in", "syntax": "liquid", "body": "<p>{{ code }}</p>"},
		},
		kept: []string{"email", "disable_signup"},
	}}
}

// Per strategy, a connection holding secrets and keys Auth0 derives imports
// (an import block and `plan -generate-config-out`) into a configuration
// and a state without them, whose next plan is empty; the secrets stay in
// Auth0 through an apply. The secret and derived keys are the per-strategy
// table's (internal/strategyschema).
func TestImportLeavesOutSecretsAndDerivedKeys(t *testing.T) {
	r := setup(t)
	for _, c := range strategyCases(t) {
		t.Run(c.strategy, func(t *testing.T) {
			checkMarks(t, c)
			opts := map[string]any{}
			for k, v := range c.options {
				opts[k] = v
			}
			var values []string
			for p, v := range c.secrets {
				setPath(opts, strings.Split(p, "."), v)
				values = append(values, v)
			}
			body, err := json.Marshal(opts)
			if err != nil {
				t.Fatal(err)
			}
			name := "e2e-import-" + c.strategy
			created, err := r.client.CreateConnection(context.Background(), &auth0api.Connection{Name: &name, Strategy: &c.strategy, Options: body})
			if err != nil {
				t.Fatal(err)
			}
			server := serverOptions(t, r, created.ID)
			for _, k := range c.derived {
				if _, ok := server[k]; !ok {
					t.Fatalf("the server holds no %s: nothing would be checked", k)
				}
			}
			for p, v := range c.secrets {
				if got := pathValue(server, strings.Split(p, ".")); got != v {
					t.Fatalf("the server holds no %s: nothing would be checked", p)
				}
			}

			w := r.workspace(fmt.Sprintf("import {\n  to = auth0_connection.imported\n  id = %q\n}\n", created.ID))
			planned := w.terraform([]string{"plan", "-input=false", "-no-color", "-generate-config-out=generated.tf"})
			generated := w.file("generated.tf")
			applied := w.terraform([]string{"apply", "-auto-approve", "-input=false", "-no-color"})
			replan := w.terraform([]string{"plan", "-input=false", "-no-color", "-detailed-exitcode"})
			state := w.file("terraform.tfstate")
			stateOpts := stateOptions(t, state)

			for _, k := range c.kept {
				if _, ok := stateOpts[k]; !ok {
					t.Errorf("options.%s is not imported into the state", k)
				}
				if !topLevelKey(k).MatchString(generated) {
					t.Errorf("generated.tf lacks options.%s:\n%s", k, generated)
				}
			}
			for _, k := range c.derived {
				if _, ok := stateOpts[k]; ok {
					t.Errorf("the state holds options.%s, which Auth0 derives", k)
				}
				if topLevelKey(k).MatchString(generated) {
					t.Errorf("generated.tf holds options.%s, which Auth0 derives:\n%s", k, generated)
				}
			}
			for p := range c.secrets {
				if pathValue(stateOpts, strings.Split(p, ".")) != nil {
					t.Errorf("the state holds options.%s", p)
				}
				if last := p[strings.LastIndex(p, ".")+1:]; regexp.MustCompile(`(?m)^\s*"?` + regexp.QuoteMeta(last) + `"?\s*=\s*"`).MatchString(generated) {
					t.Errorf("generated.tf holds options.%s:\n%s", p, generated)
				}
			}
			// The derived thumbprints' values as well as their key.
			if tp, ok := server["thumbprints"].([]any); ok && slices.Contains(c.derived, "thumbprints") {
				for _, v := range tp {
					if s, _ := v.(string); s != "" && (strings.Contains(generated, s) || strings.Contains(state, s)) {
						t.Errorf("a derived thumbprint is in generated.tf or the state")
					}
				}
			}
			if !strings.Contains(replan, "No changes.") {
				t.Errorf("the plan after the import is not empty:\n%s", replan)
			}
			after := serverOptions(t, r, created.ID)
			for p, v := range c.secrets {
				if got := pathValue(after, strings.Split(p, ".")); got != v {
					t.Errorf("options.%s did not survive the import and apply", p)
				}
			}
			if len(values) > 0 {
				r.assertAbsent(r.forbidden(values...), map[string]string{
					"generated.tf":               generated,
					"terraform.tfstate":          state,
					"plan, apply and plan again": planned + applied + replan,
					"the TF_LOG=trace log":       w.file("trace.log"),
				})
			}
		})
	}
}

// checkMarks holds the case to the table: each secret is a secret of the
// options rules and marked secret for the strategy, each derived key marked
// derived.
func checkMarks(t *testing.T, c strategyCase) {
	t.Helper()
	s := strategyschema.Lookup(c.strategy)
	if s == nil {
		t.Fatalf("%s is not in the table", c.strategy)
	}
	for p := range c.secrets {
		f := s.FieldAt(strings.Split(p, "."))
		if f == nil || !f.Secret || !options.SecretPath(p) {
			t.Errorf("the table does not mark %s %s secret", c.strategy, p)
		}
	}
	for _, k := range c.derived {
		if !slices.Contains(s.Derived, k) {
			t.Errorf("the table does not mark %s %s derived", c.strategy, k)
		}
	}
	if c.secrets == nil {
		for _, p := range options.TableSecrets() {
			if f := s.FieldAt(strings.Split(p, ".")); f != nil && f.Secret {
				t.Errorf("%s has the secret %s, which the case leaves out", c.strategy, p)
			}
		}
	}
}

// topLevelKey matches a key of the options object in a generated
// configuration (indented by four spaces, quoted or not).
func topLevelKey(k string) *regexp.Regexp {
	return regexp.MustCompile(`(?m)^    "?` + regexp.QuoteMeta(k) + `"?\s*=`)
}

func serverOptions(t *testing.T, r *run, id string) map[string]any {
	t.Helper()
	conn, err := r.client.ReadConnection(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	opts, err := options.Decode(conn.Options)
	if err != nil {
		t.Fatal(err)
	}
	return opts
}

// stateOptions are the options of the one resource of a state file.
func stateOptions(t *testing.T, state string) map[string]any {
	t.Helper()
	var s struct {
		Resources []struct {
			Instances []struct {
				Attributes struct {
					Options struct {
						Value map[string]any `json:"value"`
					} `json:"options"`
				} `json:"attributes"`
			} `json:"instances"`
		} `json:"resources"`
	}
	if err := json.Unmarshal([]byte(state), &s); err != nil {
		t.Fatal(err)
	}
	if len(s.Resources) != 1 || len(s.Resources[0].Instances) != 1 || s.Resources[0].Instances[0].Attributes.Options.Value == nil {
		t.Fatalf("the state holds no options:\n%s", state)
	}
	return s.Resources[0].Instances[0].Attributes.Options.Value
}

func setPath(m map[string]any, path []string, v any) {
	for _, k := range path[:len(path)-1] {
		next, ok := m[k].(map[string]any)
		if !ok {
			next = map[string]any{}
			m[k] = next
		}
		m = next
	}
	m[path[len(path)-1]] = v
}

func pathValue(m map[string]any, path []string) any {
	var v any = m
	for _, k := range path {
		obj, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = obj[k]
	}
	return v
}

// selfSignedPEM is a certificate for the common name, as an IdP's signing
// certificate.
func selfSignedPEM(t *testing.T, cn string) string {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1),
		Subject:      pkix.Name{CommonName: cn, Organization: []string{"Acme"}},
		NotBefore:    time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC),
		NotAfter:     time.Date(2036, 1, 1, 0, 0, 0, 0, time.UTC),
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}))
}
