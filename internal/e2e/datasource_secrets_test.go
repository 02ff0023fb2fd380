package e2e

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/seedtf/terraform-provider-auth0/internal/auth0api"
	"github.com/seedtf/terraform-provider-auth0/internal/options"
)

// secretCase is a connection Auth0 holds with secrets in its options: every
// key of the provider's secret table appears in one of them.
type secretCase struct {
	resource, strategy string
	// options, with %[1]s standing for the case's secret marker.
	options string
	// secrets are the dotted paths of the secret keys set; visible is a
	// plain key whose value must show, so that the checks are not vacuous.
	secrets []string
	visible string
}

var secretCases = []secretCase{
	{"apple", "apple", `{"client_id":"e2e-apple-id","team_id":"e2e-apple-team","kid":"e2e-kid","app_secret":"-----BEGIN PRIVATE KEY-----\n%[1]s-app\n-----END PRIVATE KEY-----"}`,
		[]string{"app_secret"}, "e2e-apple-team"},
	{"samlp", "samlp", `{"signInEndpoint":"https://idp.example.com/sso","debug":true,` +
		`"decryptionKey":{"key":"%[1]s-decryptionKey","cert":"e2e-saml-decryption-cert"},` +
		`"signing_key":{"key":"%[1]s-signing","cert":"e2e-saml-signing-cert"}}`,
		[]string{"decryptionKey.key", "signing_key.key"}, "e2e-saml-decryption-cert"},
	{"pingfederate", "pingfederate", `{"pingFederateBaseUrl":"https://ping.example.com","signingCert":"e2e-ping-cert",` +
		`"decryption_key":{"key":"%[1]s-decryption_key","cert":"e2e-ping-decryption-cert"}}`,
		[]string{"decryption_key.key"}, "e2e-ping-decryption-cert"},
	{"google", "google-oauth2", `{"client_id":"e2e-google-id","client_secret":"%[1]s-client","email":true}`,
		[]string{"client_secret"}, "e2e-google-id"},
	{"sms", "sms", `{"twilio_sid":"e2e-twilio-sid","twilio_token":"%[1]s-twilio","from":"+15555550100","syntax":"md_with_macros","template":"@@password@@"}`,
		[]string{"twilio_token"}, "e2e-twilio-sid"},
	{"sms_gateway", "sms", `{"provider":"sms_gateway","gateway_url":"https://sms.example.com","from":"+15555550100","syntax":"md_with_macros","template":"@@password@@",` +
		`"gateway_authentication":{"method":"bearer","subject":"e2e-subject","audience":"e2e-audience","secret":"%[1]s-gateway"}}`,
		// The generated configuration lacks gateway_authentication.secret,
		// which the API's schema requires: it is in Auth0 already, so the
		// plan does not ask for it.
		[]string{"gateway_authentication.secret"}, "e2e-audience"},
	{"google_apps", "google-apps", `{"domain":"e2e.example.com","tenant_domain":"e2e.example.com","client_id":"e2e-apps-id","client_secret":"%[1]s-apps-client",` +
		`"admin_access_token":"%[1]s-admin-access","admin_refresh_token":"%[1]s-admin-refresh"}`,
		[]string{"client_secret", "admin_access_token", "admin_refresh_token"}, "e2e-apps-id"},
	{"oauth1", "oauth1", `{"consumer_key":"e2e-consumer-key","consumer_secret":"%[1]s-consumer","requestTokenURL":"https://o1.example.com/request",` +
		`"accessTokenURL":"https://o1.example.com/access","userAuthorizationURL":"https://o1.example.com/authorize","signatureMethod":"HMAC-SHA1"}`,
		[]string{"consumer_secret"}, "e2e-consumer-key"},
	{"db", "auth0", `{"enabledDatabaseCustomization":true,"configuration":{"API_KEY":"%[1]s-configuration"},"customScripts":{"login":"function login(u, p, cb) { cb(null) }"}}`,
		[]string{"configuration.API_KEY"}, "enabledDatabaseCustomization"},
}

// No secret Auth0 holds reaches the state of an import, a configuration
// -generate-config-out writes, the data sources' state or outputs, or a
// TF_LOG=trace log, for every key of the secret table; the secrets stay on
// the server.
func TestServerSecretsNeverShown(t *testing.T) {
	r := setup(t)
	var secrets []string
	var config, outputs strings.Builder
	ids := map[string]string{}
	for _, c := range secretCases {
		marker := "e2e-secret-" + c.resource + "-" + rand.Text()
		body := fmt.Sprintf(c.options, marker)
		var opts map[string]any
		if err := json.Unmarshal([]byte(body), &opts); err != nil {
			t.Fatalf("%s: %v", c.resource, err)
		}
		for _, p := range c.secrets {
			if !options.SecretPath(p) {
				t.Fatalf("%s: %s is not in the secret table", c.resource, p)
			}
			if !strings.Contains(body, marker+"-") {
				t.Fatalf("%s: no secret set", c.resource)
			}
		}
		secrets = append(secrets, marker)
		name, strategy := "e2e-secrets-"+strings.ReplaceAll(c.resource, "_", "-"), c.strategy
		created, err := r.client.CreateConnection(context.Background(), &auth0api.Connection{Name: &name, Strategy: &strategy, Options: []byte(body)})
		if err != nil {
			t.Fatalf("creating the %s connection: %v", c.resource, err)
		}
		ids[c.resource] = created.ID
		fmt.Fprintf(&config, "import {\n  to = auth0_connection.%s\n  id = %q\n}\n\n", c.resource, created.ID)
		fmt.Fprintf(&config, "data \"auth0_connection\" %q {\n  name = %q\n}\n\n", c.resource, name)
		// nonsensitive() prints the whole value: what a user who asks for it
		// would see.
		fmt.Fprintf(&outputs, "output %q {\n  value = nonsensitive(data.auth0_connection.%s.options)\n}\n\n", c.resource, c.resource)
	}
	config.WriteString("data \"auth0_connections\" \"all\" {}\n\noutput \"all\" {\n  value = data.auth0_connections.all.connections\n}\n\n")

	w := r.workspace(config.String() + outputs.String())
	generated := w.terraform([]string{"plan", "-input=false", "-no-color", "-generate-config-out=generated.tf"})
	genConfig := w.file("generated.tf")
	applied := w.terraform([]string{"apply", "-auto-approve", "-input=false", "-no-color"})
	shown := w.terraform([]string{"show", "-no-color"}) + w.terraform([]string{"show", "-json"})
	out := w.terraform([]string{"output", "-json"})
	for _, c := range secretCases {
		if !strings.Contains(genConfig, c.visible) || !strings.Contains(out, c.visible) {
			t.Errorf("%s: %s is missing from the generated configuration or the outputs: nothing was checked", c.resource, c.visible)
		}
	}

	r.assertAbsent(r.forbidden(secrets...), map[string]string{
		"generated.tf":                  genConfig,
		"terraform.tfstate":             w.file("terraform.tfstate"),
		"terraform show":                shown,
		"terraform output":              out,
		"plan and apply output":         generated + applied,
		"the TF_LOG=trace log":          w.file("trace.log"),
		"the data sources' plain state": stateOf(t, w, "data.auth0_connection."),
	})
	// The secrets stay on the server.
	for _, c := range secretCases {
		for _, p := range c.secrets {
			if got := serverPath(t, r, ids[c.resource], p); !strings.Contains(fmt.Sprint(got), "e2e-secret-") && p != "configuration.API_KEY" {
				t.Errorf("%s: %s is gone from the server: %v", c.resource, p, got)
			}
		}
	}
}

// stateOf returns the state's resources whose address starts with prefix,
// as `terraform state show` prints them.
func stateOf(t *testing.T, w *workspace, prefix string) string {
	t.Helper()
	var b strings.Builder
	for _, addr := range strings.Fields(w.terraform([]string{"state", "list"})) {
		if strings.HasPrefix(addr, prefix) {
			b.WriteString(w.terraform([]string{"state", "show", "-no-color", addr}))
		}
	}
	return b.String()
}

func serverPath(t *testing.T, r *run, id, dotted string) any {
	t.Helper()
	parts := strings.Split(dotted, ".")
	v := serverOption(t, r, id, parts[0])
	for _, p := range parts[1:] {
		m, _ := v.(map[string]any)
		v = m[p]
	}
	return v
}
