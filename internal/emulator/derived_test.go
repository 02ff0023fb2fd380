package emulator

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha1"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/hex"
	"encoding/pem"
	"fmt"
	"math/big"
	"net/http"
	"strings"
	"testing"
	"time"
)

// testCertificate makes a certificate like the ones in the recordings.
func testCertificate(t *testing.T) (der []byte, pemText string) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(7),
		Subject: pkix.Name{
			Country: []string{"AU"}, Province: []string{"Some-State"},
			Organization: []string{"Internet Widgits Pty Ltd"}, CommonName: "idp.example.com",
		},
		NotBefore: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC),
		NotAfter:  time.Date(2034, 7, 20, 10, 42, 26, 0, time.UTC),
	}
	der, err = x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	return der, string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}))
}

func TestParseCertificateForms(t *testing.T) {
	t.Parallel()
	der, pemText := testCertificate(t)
	for name, form := range map[string]string{
		"pem":                         pemText,
		"quoted, escaped newlines":    `"` + strings.ReplaceAll(pemText, "\n", `\n`) + `"`,
		"base64 of the pem":           base64.StdEncoding.EncodeToString([]byte(pemText)),
		"base64 der":                  base64.StdEncoding.EncodeToString(der),
		"base64 der with whitespaces": "  " + base64.StdEncoding.EncodeToString(der)[:20] + "\n  " + base64.StdEncoding.EncodeToString(der)[20:],
	} {
		if _, ok := parseCertificate(form); !ok {
			t.Errorf("%s: not parsed", name)
		}
	}
	for _, bad := range []string{"", "PEM", "-----BEGIN CERTIFICATE-----\nnope\n-----END CERTIFICATE-----"} {
		if _, ok := parseCertificate(bad); ok {
			t.Errorf("%q parsed", bad)
		}
	}
}

func TestDerivedCertificateOptions(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	der, pemText := testCertificate(t)
	sum := sha1.Sum(der)
	derived := fmt.Sprintf(`"expires":"2034-07-20T10:42:26.000Z","thumbprints":["%s"],
		"subject":{"countryName":"AU","stateOrProvinceName":"Some-State","organizationName":"Internet Widgits Pty Ltd","commonName":"idp.example.com"}`,
		hex.EncodeToString(sum[:]))
	cert := string(mustMarshal(t, pemText))

	ping := h.create(map[string]any{"name": "ping", "strategy": "pingfederate", "options": map[string]any{"signingCert": pemText}})
	assertJSON(t, ping["options"], `{"cert":`+cert+`,`+derived+`}`)

	saml := h.create(map[string]any{"name": "saml", "strategy": "samlp", "options": map[string]any{"signingCert": pemText}})
	assertJSON(t, saml["options"], `{"signingCert":`+cert+`,"cert":`+cert+`,`+derived+`,
		"assertion_decryption_settings":{"algorithm_profile":"v2026-1","algorithm_exceptions":[]}}`)

	metadata := `<?xml version="1.0"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://idp.example.com">
  <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <md:KeyDescriptor use="encryption"><ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:X509Data><ds:X509Certificate>bm90IGEgY2VydA==</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
    <md:KeyDescriptor use="signing"><ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:X509Data><ds:X509Certificate>
      ` + base64.StdEncoding.EncodeToString(der) + `
    </ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
    <md:SingleLogoutService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://idp.example.com/logout"/>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://idp.example.com/sso"/>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://idp.example.com/sso-post"/>
  </md:IDPSSODescriptor>
</md:EntityDescriptor>`
	fromXML := h.create(map[string]any{"name": "saml-xml", "strategy": "samlp", "options": map[string]any{"metadataXml": metadata}})
	id := get[string](t, fromXML, "id")
	fromMetadata := `"signInEndpoint":"https://idp.example.com/sso","signOutEndpoint":"https://idp.example.com/logout",
		"bindingMethod":"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect",
		"signingCert":"` + base64.StdEncoding.EncodeToString([]byte(pemText)) + `","cert":` + cert + `,` + derived
	assertJSON(t, fromXML["options"], `{`+fromMetadata+`,
		"assertion_decryption_settings":{"algorithm_profile":"v2026-1","algorithm_exceptions":[]}}`)

	// A PATCH naming a metadataUrl keeps what the metadata gave (the
	// emulator does not fetch it); the create-only default is not re-added.
	patched := h.do(http.MethodPatch, "/api/v2/connections/"+id, `{"options":{"metadataUrl":"https://idp.example.com/metadata"}}`).object(t)
	assertJSON(t, patched["options"], `{"metadataUrl":"https://idp.example.com/metadata",`+fromMetadata+`}`)
	// Without it, they go, as all options a PATCH leaves out.
	patched = h.do(http.MethodPatch, "/api/v2/connections/"+id, `{"options":{"signInEndpoint":"https://other.example.com"}}`).object(t)
	assertJSON(t, patched["options"], `{"signInEndpoint":"https://other.example.com"}`)
}

func TestOIDCMetadata(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	oidc := h.create(map[string]any{"name": "oidc", "strategy": "oidc", "options": map[string]any{
		"discovery_url": "https://idp.example.com/.well-known/openid-configuration", "token_endpoint": "https://idp.example.com/token",
	}})
	assertJSON(t, get[map[string]any](t, oidc, "options", "oidc_metadata"), `{"issuer":"https://idp.example.com",
		"token_endpoint":"https://idp.example.com/token","response_types_supported":["code"],"subject_types_supported":["public"],
		"id_token_signing_alg_values_supported":["RS256"]}`)
	sent := h.create(map[string]any{"name": "oidc-sent", "strategy": "oidc", "options": map[string]any{
		"discovery_url": "https://idp.example.com/.well-known/openid-configuration", "oidc_metadata": map[string]any{"issuer": "x"},
	}})
	assertJSON(t, get[map[string]any](t, sent, "options", "oidc_metadata"), `{"issuer":"x"}`)
	// Without a discovery_url (oidc) or domain (okta), Auth0 fetches nothing.
	okta := h.create(map[string]any{"name": "okta", "strategy": "okta", "options": map[string]any{"issuer": "https://o.example.com"}})
	if _, ok := get[map[string]any](t, okta, "options")["oidc_metadata"]; ok {
		t.Errorf("okta without a domain got oidc_metadata: %v", okta["options"])
	}
}

func TestUpstreamParamsOneOf(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	for body, want := range map[string]string{
		`{"p":{"alias":"login_hint"}}`: "",
		`{"p":{"value":"fixed"}}`:      "",
		`{"p":{"alias":"nope"}}`:       "Payload validation error: 'Data does not match any schemas from 'oneOf'' on property options.upstream_params.p.",
		`{"p":{}}`:                     "Payload validation error: 'Data is valid against more than one schema from 'oneOf'' on property options.upstream_params.p.",
		`{"p":"login_hint"}`:           "Payload validation error: 'Expected type object but found type string' on property options.upstream_params.p.",
	} {
		resp := h.do(http.MethodPost, "/api/v2/connections", `{"name":"u`+fmt.Sprint(len(body))+`","strategy":"oidc","options":{"upstream_params":`+body+`}}`)
		if want == "" {
			if resp.status != http.StatusCreated {
				t.Errorf("%s: %d %s", body, resp.status, resp.body)
			}
			continue
		}
		assertError(t, resp, http.StatusBadRequest, want, "invalid_body")
	}
}
