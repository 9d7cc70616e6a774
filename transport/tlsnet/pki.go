package tlsnet

import (
	"crypto/ed25519"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"time"

	"github.com/mosaic-mpc/mosaic/transport"
)

// Certificate keys are Ed25519 (crypto/ed25519, which TLS 1.3 supports).
// They authenticate connections only; they are not protocol secrets, so the
// house rule that keeps secrets away from math/big and crypto/elliptic does
// not concern them. math/big below only holds public serial numbers.

// CertValidity is how long certificates made by NewCA and Issue are valid.
const CertValidity = 365 * 24 * time.Hour

// CA is a certificate authority that issues party certificates. It is meant
// for tests, examples and small closed deployments; anything larger should
// issue "mosaic://party/<id>" certificates from its own PKI.
type CA struct {
	// Cert is the self-signed CA certificate.
	Cert *x509.Certificate
	key  ed25519.PrivateKey
}

// PartyCert is one party's certificate and key, as PEM and ready for
// crypto/tls.
type PartyCert struct {
	// ID is the party the certificate names.
	ID transport.PartyID
	// CertPEM and KeyPEM are the certificate and its PKCS #8 private key.
	CertPEM, KeyPEM []byte
	// TLS is the same certificate for tls.Config.
	TLS tls.Certificate
}

// NewCA makes a fresh CA with a random Ed25519 key.
func NewCA(commonName string) (*CA, error) {
	pub, key, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, err
	}
	serial, err := randomSerial()
	if err != nil {
		return nil, err
	}
	now := time.Now()
	tmpl := &x509.Certificate{
		SerialNumber:          serial,
		Subject:               pkix.Name{CommonName: commonName},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.Add(CertValidity),
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature,
		BasicConstraintsValid: true,
		IsCA:                  true,
		MaxPathLenZero:        true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, pub, key)
	if err != nil {
		return nil, err
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, err
	}
	return &CA{Cert: cert, key: key}, nil
}

// Pool returns a pool holding only this CA, for Config.CA.
func (ca *CA) Pool() *x509.CertPool {
	p := x509.NewCertPool()
	p.AddCert(ca.Cert)
	return p
}

// CertPEM returns the CA certificate in PEM.
func (ca *CA) CertPEM() []byte {
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: ca.Cert.Raw})
}

// Issue makes a certificate for party id with a fresh Ed25519 key, usable
// for both ends of a connection. hosts are optional DNS names or IP
// addresses added as SANs for other tools; tlsnet itself authenticates the
// party URI only.
func (ca *CA) Issue(id transport.PartyID, hosts ...string) (*PartyCert, error) {
	if id == 0 {
		return nil, fmt.Errorf("%w: party id 0", ErrConfig)
	}
	pub, key, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, err
	}
	serial, err := randomSerial()
	if err != nil {
		return nil, err
	}
	now := time.Now()
	tmpl := &x509.Certificate{
		SerialNumber: serial,
		Subject:      pkix.Name{CommonName: fmt.Sprintf("mosaic party %d", id)},
		NotBefore:    now.Add(-time.Hour),
		NotAfter:     now.Add(CertValidity),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth, x509.ExtKeyUsageClientAuth},
		URIs:         []*url.URL{PartyURI(id)},
	}
	for _, h := range hosts {
		if ip := net.ParseIP(h); ip != nil {
			tmpl.IPAddresses = append(tmpl.IPAddresses, ip)
		} else {
			tmpl.DNSNames = append(tmpl.DNSNames, h)
		}
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca.Cert, pub, ca.key)
	if err != nil {
		return nil, err
	}
	pkcs8, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return nil, err
	}
	certPEM := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
	keyPEM := pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: pkcs8})
	tc, err := tls.X509KeyPair(certPEM, keyPEM)
	if err != nil {
		return nil, err
	}
	return &PartyCert{ID: id, CertPEM: certPEM, KeyPEM: keyPEM, TLS: tc}, nil
}

// randomSerial draws a 127-bit certificate serial number (RFC 5280 allows
// at most 20 octets and wants it unpredictable). Variable time: public
// values only.
func randomSerial() (*big.Int, error) {
	return rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 127))
}

// File names used by WritePKI and LoadPKI inside their directory.
const (
	CAFile = "ca.pem"
)

// PartyCertFile and PartyKeyFile name party id's certificate and key files.
func PartyCertFile(id transport.PartyID) string { return fmt.Sprintf("party-%d.pem", id) }

// PartyKeyFile names party id's private key file (mode 0600).
func PartyKeyFile(id transport.PartyID) string { return fmt.Sprintf("party-%d-key.pem", id) }

// WritePKI makes a new CA and one certificate per party and writes them as
// PEM files to dir (created if needed): CAFile, and PartyCertFile and
// PartyKeyFile for every id. The CA key is not written: the set is closed.
// hosts are passed to Issue.
func WritePKI(dir string, ids []transport.PartyID, hosts ...string) error {
	if err := transport.ValidateParties(ids); err != nil {
		return fmt.Errorf("%w: %w", ErrConfig, err)
	}
	ca, err := NewCA("mosaic test CA")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, CAFile), ca.CertPEM(), 0o644); err != nil {
		return err
	}
	for _, id := range ids {
		pc, err := ca.Issue(id, hosts...)
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, PartyCertFile(id)), pc.CertPEM, 0o644); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, PartyKeyFile(id)), pc.KeyPEM, 0o600); err != nil {
			return err
		}
	}
	return nil
}

// LoadPKI reads what WritePKI wrote for party id: its certificate and key,
// and a pool with the CA, ready for Config.Certificate and Config.CA. It
// checks that the certificate names id. IdentityKeyFromTLS returns the
// certificate's key as the party's identity key.
func LoadPKI(dir string, id transport.PartyID) (tls.Certificate, *x509.CertPool, error) {
	pool, err := loadCA(dir)
	if err != nil {
		return tls.Certificate{}, nil, err
	}
	cert, err := tls.LoadX509KeyPair(filepath.Join(dir, PartyCertFile(id)), filepath.Join(dir, PartyKeyFile(id)))
	if err != nil {
		return tls.Certificate{}, nil, err
	}
	got, err := PartyIDFromCert(cert.Leaf)
	if err != nil {
		return tls.Certificate{}, nil, err
	}
	if got != id {
		return tls.Certificate{}, nil, errors.Join(ErrConfig, fmt.Errorf("%s names party %d, not %d", PartyCertFile(id), got, id))
	}
	return cert, pool, nil
}

// LoadIdentities reads the certificates WritePKI wrote for ids and returns
// every party's identity public key (its certificate's key), ready for
// Config.Identities. Each certificate must be issued by the CA of CAFile
// for both ends of a connection and name its party. It reads public files
// only, so a party holding no key file but its own can build the map.
func LoadIdentities(dir string, ids []transport.PartyID) (map[transport.PartyID]ed25519.PublicKey, error) {
	if err := transport.ValidateParties(ids); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrConfig, err)
	}
	pool, err := loadCA(dir)
	if err != nil {
		return nil, err
	}
	out := make(map[transport.PartyID]ed25519.PublicKey, len(ids))
	for _, id := range ids {
		name := PartyCertFile(id)
		certPEM, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			return nil, err
		}
		block, _ := pem.Decode(certPEM)
		if block == nil || block.Type != "CERTIFICATE" {
			return nil, fmt.Errorf("%w: no certificate in %s", ErrConfig, name)
		}
		cert, err := x509.ParseCertificate(block.Bytes)
		if err != nil {
			return nil, fmt.Errorf("%w: %s: %w", ErrConfig, name, err)
		}
		if err := verifyPartyCert(cert, pool, nil); err != nil {
			return nil, fmt.Errorf("%w: %s: %w", ErrConfig, name, err)
		}
		got, pub, err := IdentityFromCertificate(cert)
		if err != nil {
			return nil, fmt.Errorf("%w: %s: %w", ErrConfig, name, err)
		}
		if got != id {
			return nil, fmt.Errorf("%w: %s names party %d, not %d", ErrConfig, name, got, id)
		}
		out[id] = pub
	}
	return out, nil
}

// loadCA reads CAFile from dir into a pool.
func loadCA(dir string) (*x509.CertPool, error) {
	caPEM, err := os.ReadFile(filepath.Join(dir, CAFile))
	if err != nil {
		return nil, err
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(caPEM) {
		return nil, fmt.Errorf("%w: no certificate in %s", ErrConfig, CAFile)
	}
	return pool, nil
}

// verifyPartyCert checks that roots issued cert (through inter, which may
// be nil) for both ends of a connection, as the peers' handshakes will.
func verifyPartyCert(cert *x509.Certificate, roots, inter *x509.CertPool) error {
	for _, usage := range []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth, x509.ExtKeyUsageServerAuth} {
		if _, err := cert.Verify(x509.VerifyOptions{Roots: roots, Intermediates: inter, KeyUsages: []x509.ExtKeyUsage{usage}}); err != nil {
			return err
		}
	}
	return nil
}
