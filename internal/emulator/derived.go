package emulator

import (
	"crypto/sha1" // Auth0 shows SHA-1 thumbprints; nothing is secured with them
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"encoding/pem"
	"encoding/xml"
	"strings"
)

// Options Auth0 derives from others: what it reads from a signing
// certificate, a SAML metadata document or an OpenID Connect discovery
// document. The emulator never fetches anything: it reads what the request
// carries and synthesizes the rest.

// parseCertificate reads a certificate given as PEM, as base64 of a PEM (as
// Auth0 stores SAML signing certificates), or as base64 DER. It tolerates
// the surrounding quotes and escaped newlines that configurations often
// carry.
func parseCertificate(s string) (*x509.Certificate, bool) {
	s = strings.TrimSpace(strings.Trim(strings.TrimSpace(s), `"`))
	s = strings.ReplaceAll(s, `\n`, "\n")
	if !strings.Contains(s, "-----BEGIN") {
		raw, err := base64.StdEncoding.DecodeString(strings.Join(strings.Fields(s), ""))
		if err != nil {
			return nil, false
		}
		if !strings.Contains(string(raw), "-----BEGIN") {
			cert, err := x509.ParseCertificate(raw)
			return cert, err == nil
		}
		s = string(raw)
	}
	block, _ := pem.Decode([]byte(s))
	if block == nil {
		return nil, false
	}
	cert, err := x509.ParseCertificate(block.Bytes)
	return cert, err == nil
}

// certificateOptions are the options Auth0 adds for a signing certificate:
// cert (PEM), expires, subject and thumbprints.
func certificateOptions(cert *x509.Certificate) map[string]any {
	sum := sha1.Sum(cert.Raw)
	subject := map[string]any{}
	name := cert.Subject
	first := func(key string, values []string) {
		if len(values) > 0 {
			subject[key] = values[0]
		}
	}
	first("countryName", name.Country)
	first("stateOrProvinceName", name.Province)
	first("localityName", name.Locality)
	first("organizationName", name.Organization)
	first("organizationalUnitName", name.OrganizationalUnit)
	if name.CommonName != "" {
		subject["commonName"] = name.CommonName
	}
	return map[string]any{
		"cert":        string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: cert.Raw})),
		"expires":     cert.NotAfter.UTC().Format("2006-01-02T15:04:05.000Z"),
		"subject":     subject,
		"thumbprints": []any{hex.EncodeToString(sum[:])},
	}
}

// samlMetadata is the part of a SAML metadata document Auth0 reads.
type samlMetadata struct {
	IDP struct {
		SignOn  []samlService `xml:"SingleSignOnService"`
		SignOut []samlService `xml:"SingleLogoutService"`
		Keys    []struct {
			Use  string `xml:"use,attr"`
			Cert string `xml:"KeyInfo>X509Data>X509Certificate"`
		} `xml:"KeyDescriptor"`
	} `xml:"IDPSSODescriptor"`
}

type samlService struct {
	Binding  string `xml:"Binding,attr"`
	Location string `xml:"Location,attr"`
}

// samlMetadataOptions reads sign-in and sign-out endpoints, the binding and
// the signing certificate from a metadata document.
func samlMetadataOptions(doc string) (map[string]any, bool) {
	doc = strings.TrimSpace(strings.Trim(strings.TrimSpace(doc), `"`))
	doc = strings.ReplaceAll(strings.ReplaceAll(doc, `\"`, `"`), `\n`, "\n")
	doc = strings.ReplaceAll(doc, `\t`, "\t")
	var md samlMetadata
	if err := xml.Unmarshal([]byte(strings.TrimSpace(doc)), &md); err != nil {
		return nil, false
	}
	out := map[string]any{}
	if len(md.IDP.SignOn) > 0 {
		out["signInEndpoint"] = md.IDP.SignOn[0].Location
		out["bindingMethod"] = md.IDP.SignOn[0].Binding
	}
	if len(md.IDP.SignOut) > 0 {
		out["signOutEndpoint"] = md.IDP.SignOut[0].Location
	}
	for _, k := range md.IDP.Keys {
		if k.Use != "" && k.Use != "signing" {
			continue
		}
		der, err := base64.StdEncoding.DecodeString(strings.Join(strings.Fields(k.Cert), ""))
		if err != nil {
			continue
		}
		pemText := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
		out["signingCert"] = base64.StdEncoding.EncodeToString(pemText)
		break
	}
	return out, len(out) > 0
}

// samlKeep are the options a SAML connection derives from its metadata; a
// PATCH that names a metadataUrl keeps them, as Auth0 finds the same
// document there again.
var samlKeep = []string{"signInEndpoint", "signOutEndpoint", "bindingMethod", "signingCert"}

// deriveSAML reads metadataXml (which Auth0 does not store) and the signing
// certificate into the options Auth0 derives from them.
func deriveSAML(opts, stored map[string]any, _ tenantEnv) {
	if doc, ok := opts["metadataXml"].(string); ok {
		if derived, ok := samlMetadataOptions(doc); ok {
			for k, v := range derived {
				opts[k] = v
			}
		}
	}
	delete(opts, "metadataXml")
	if url, _ := opts["metadataUrl"].(string); url != "" && stored != nil {
		for _, k := range samlKeep {
			if _, sent := opts[k]; !sent {
				if v, ok := stored[k]; ok {
					opts[k] = clone(v)
				}
			}
		}
	}
	if s, ok := opts["signingCert"].(string); ok {
		if cert, ok := parseCertificate(s); ok {
			for k, v := range certificateOptions(cert) {
				opts[k] = v
			}
		}
	}
}

// derivePingFederate stores the signing certificate as cert, with what
// Auth0 reads from it.
func derivePingFederate(opts, _ map[string]any, _ tenantEnv) {
	if base, ok := opts["pingFederateBaseUrl"].(string); ok && base != "" {
		if _, sent := opts["signInEndpoint"]; !sent {
			opts["signInEndpoint"] = base
		}
	}
	s, ok := opts["signingCert"].(string)
	if !ok {
		return
	}
	delete(opts, "signingCert")
	opts["cert"] = s
	if cert, ok := parseCertificate(s); ok {
		for k, v := range certificateOptions(cert) {
			if k != "cert" {
				opts[k] = v
			}
		}
	}
}

// wsFedMetadata is the part of a WS-Federation metadata document Auth0
// reads for adfs connections.
type wsFedMetadata struct {
	Roles []struct {
		Passive []string `xml:"PassiveRequestorEndpoint>EndpointReference>Address"`
	} `xml:"RoleDescriptor"`
}

// deriveADFS reads the sign-in endpoint of an adfs connection from its
// fedMetadataXml, the address of the passive requestor endpoint, unless
// the request names one (go-auth0's *_ADFS_Connection.yaml, 2025-05-16:
// https://adfs.provider/wsfed).
func deriveADFS(opts, _ map[string]any, _ tenantEnv) {
	doc, ok := opts["fedMetadataXml"].(string)
	if !ok {
		return
	}
	if _, sent := opts["signInEndpoint"]; sent {
		return
	}
	var md wsFedMetadata
	if xml.Unmarshal([]byte(strings.TrimSpace(doc)), &md) != nil {
		return
	}
	for _, role := range md.Roles {
		for _, addr := range role.Passive {
			if addr = strings.TrimSpace(addr); addr != "" {
				opts["signInEndpoint"] = addr
				return
			}
		}
	}
}

// oidcMetadata synthesizes the discovery document Auth0 fetches from the
// discovery_url (oidc) or the domain (okta) and keeps as oidc_metadata. The
// emulator does not fetch it: it builds the document from the endpoints
// the options name. A document the request sends is kept as it is.
func oidcMetadata(source string) func(opts, stored map[string]any, env tenantEnv) {
	return func(opts, _ map[string]any, _ tenantEnv) {
		from, _ := opts[source].(string)
		if from == "" {
			return
		}
		if _, sent := opts["oidc_metadata"]; sent {
			return
		}
		issuer, _ := opts["issuer"].(string)
		if issuer == "" {
			issuer = strings.TrimSuffix(from, "/.well-known/openid-configuration")
			if !strings.Contains(issuer, "://") {
				issuer = "https://" + issuer
			}
		}
		md := map[string]any{
			"issuer":                                issuer,
			"response_types_supported":              []any{"code"},
			"subject_types_supported":               []any{"public"},
			"id_token_signing_alg_values_supported": []any{"RS256"},
		}
		for _, k := range []string{"authorization_endpoint", "token_endpoint", "userinfo_endpoint", "jwks_uri"} {
			if v, ok := opts[k].(string); ok && v != "" {
				md[k] = v
			}
		}
		opts["oidc_metadata"] = md
	}
}
