package main

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// File names of -tls-self-signed, inside its directory.
const (
	certFileName = "cert.pem"
	keyFileName  = "key.pem"
)

// certificateHosts are the names the certificate must cover: the loopback
// names, the host of the listen address unless it is a wildcard, and the
// names given with -allow-host.
func certificateHosts(listen string, bound *net.TCPAddr, allowed []string) []string {
	hosts := []string{"localhost", "127.0.0.1", "::1"}
	add := func(h string) {
		if h != "" && !slices.Contains(hosts, h) {
			hosts = append(hosts, h)
		}
	}
	if host, _, err := net.SplitHostPort(listen); err == nil {
		if ip := net.ParseIP(host); ip == nil || !ip.IsUnspecified() {
			add(host)
		}
	}
	if bound != nil && !bound.IP.IsUnspecified() {
		add(bound.IP.String())
	}
	for _, h := range allowed {
		add(strings.TrimSuffix(strings.ToLower(h), "."))
	}
	return hosts
}

// selfSignedCertificate returns the certificate kept in dir, or makes and
// keeps a new one when there is none, it has expired, it does not cover
// hosts or it is a CA (as earlier versions made). The certificate is a
// self-signed leaf for hosts, which a client trusts by naming its file
// (SSL_CERT_FILE): it cannot vouch for any other name, even if its key
// leaks. A kept key readable by others is made private (0600); logf says so.
// It returns the path of the certificate file.
func selfSignedCertificate(dir string, hosts []string, logf func(string, ...any)) (tls.Certificate, string, error) {
	certPath, keyPath := filepath.Join(dir, certFileName), filepath.Join(dir, keyFileName)
	// A missing, unreadable, mismatched or outdated pair is replaced.
	if cert, err := tls.LoadX509KeyPair(certPath, keyPath); err == nil && covers(cert, hosts) {
		info, err := os.Stat(keyPath)
		if err != nil {
			return tls.Certificate{}, "", err
		}
		if perm := info.Mode().Perm(); perm&0o077 != 0 {
			if err := os.Chmod(keyPath, 0o600); err != nil {
				return tls.Certificate{}, "", fmt.Errorf("making %s private: %w", keyPath, err)
			}
			logf("%s was readable by others (mode %v): its mode is now 0600", keyPath, perm)
		}
		return cert, certPath, nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return tls.Certificate{}, "", err
	}
	certPEM, keyPEM, err := makeCertificate(hosts, time.Now())
	if err != nil {
		return tls.Certificate{}, "", err
	}
	if err := writeAtomic(keyPath, keyPEM, 0o600); err != nil {
		return tls.Certificate{}, "", err
	}
	if err := writeAtomic(certPath, certPEM, 0o644); err != nil {
		return tls.Certificate{}, "", err
	}
	cert, err := tls.X509KeyPair(certPEM, keyPEM)
	return cert, certPath, err
}

// covers reports whether cert is a leaf, valid now and naming every host.
func covers(cert tls.Certificate, hosts []string) bool {
	if len(cert.Certificate) == 0 {
		return false
	}
	leaf, err := x509.ParseCertificate(cert.Certificate[0])
	if err != nil || leaf.IsCA || time.Now().After(leaf.NotAfter.Add(-24*time.Hour)) {
		return false
	}
	for _, h := range hosts {
		if leaf.VerifyHostname(h) != nil {
			return false
		}
	}
	return true
}

// makeCertificate makes a self-signed ECDSA leaf certificate for hosts
// (not a CA: it signs nothing but TLS handshakes), valid for a year.
func makeCertificate(hosts []string, now time.Time) (certPEM, keyPEM []byte, err error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, nil, err
	}
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 128))
	if err != nil {
		return nil, nil, err
	}
	tmpl := &x509.Certificate{
		SerialNumber:          serial,
		Subject:               pkix.Name{CommonName: "auth0-emulator", Organization: []string{"auth0-emulator (self-signed)"}},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.Add(365 * 24 * time.Hour),
		KeyUsage:              x509.KeyUsageDigitalSignature,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  false,
	}
	for _, h := range hosts {
		if ip := net.ParseIP(h); ip != nil {
			tmpl.IPAddresses = append(tmpl.IPAddresses, ip)
		} else {
			tmpl.DNSNames = append(tmpl.DNSNames, h)
		}
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return nil, nil, err
	}
	keyDER, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return nil, nil, err
	}
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}),
		pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: keyDER}), nil
}

// writeAtomic replaces path with data through a temporary file and a
// rename.
func writeAtomic(path string, data []byte, perm os.FileMode) (err error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			_ = tmp.Close()
			_ = os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return err
	}
	if err = tmp.Chmod(perm); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}
