package tlsnet

import (
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/mosaic-mpc/mosaic/transport"
)

// URIScheme and uriHost make the party URI "mosaic://party/<id>" that binds a
// party id to its certificate (a URI subject alternative name).
const (
	URIScheme = "mosaic"
	uriHost   = "party"
)

// PartyURI returns the URI that names party id in its certificate,
// "mosaic://party/<id>".
func PartyURI(id transport.PartyID) *url.URL {
	return &url.URL{Scheme: URIScheme, Host: uriHost, Path: "/" + strconv.FormatUint(uint64(id), 10)}
}

// ParsePartyURI returns the party a "mosaic://party/<id>" URI names. It
// accepts only the canonical form: decimal without sign or leading zeros,
// not 0, and nothing else in the URI (no user, port, query or fragment).
func ParsePartyURI(u *url.URL) (transport.PartyID, error) {
	if u == nil || u.Scheme != URIScheme || u.Host != uriHost || u.User != nil ||
		u.RawQuery != "" || u.Fragment != "" || u.Opaque != "" || u.ForceQuery {
		return 0, fmt.Errorf("%w: %q is not a party URI", ErrIdentity, u)
	}
	digits, ok := strings.CutPrefix(u.Path, "/")
	if !ok {
		return 0, fmt.Errorf("%w: %q is not a party URI", ErrIdentity, u)
	}
	v, err := strconv.ParseUint(digits, 10, 32)
	if err != nil || v == 0 || strconv.FormatUint(v, 10) != digits {
		return 0, fmt.Errorf("%w: bad party id in %q", ErrIdentity, u)
	}
	return transport.PartyID(v), nil
}

// PartyIDFromCert returns the party a certificate names: it must carry
// exactly one URI SAN with the mosaic scheme, in canonical form. Other SANs
// (DNS names, IP addresses) are ignored. It does not verify the certificate
// chain; the TLS handshake does.
func PartyIDFromCert(cert *x509.Certificate) (transport.PartyID, error) {
	if cert == nil {
		return 0, fmt.Errorf("%w: no certificate", ErrIdentity)
	}
	var id transport.PartyID
	for _, u := range cert.URIs {
		if u.Scheme != URIScheme {
			continue
		}
		if id != 0 {
			return 0, fmt.Errorf("%w: certificate names more than one party", ErrIdentity)
		}
		v, err := ParsePartyURI(u)
		if err != nil {
			return 0, err
		}
		id = v
	}
	if id == 0 {
		return 0, fmt.Errorf("%w: certificate names no party", ErrIdentity)
	}
	return id, nil
}

// peerOf returns the authenticated peer of a completed handshake.
func peerOf(cs tls.ConnectionState) (transport.PartyID, error) {
	if len(cs.PeerCertificates) == 0 {
		return 0, fmt.Errorf("%w: no peer certificate", ErrIdentity)
	}
	return PartyIDFromCert(cs.PeerCertificates[0])
}

// serverConfig is the listener's TLS configuration: TLS 1.3 only, a client
// certificate required and verified against the CA, and the client's party
// id checked: a known peer with a lower id than ours (lower ids dial
// higher ones, so every pair has one connection). With Config.Identities,
// the client's certificate key must be its identity key.
func (n *Node) serverConfig() *tls.Config {
	return &tls.Config{
		MinVersion:   tls.VersionTLS13,
		Certificates: []tls.Certificate{n.cfg.Certificate},
		ClientAuth:   tls.RequireAndVerifyClientCert,
		ClientCAs:    n.cfg.CA,
		VerifyConnection: func(cs tls.ConnectionState) error {
			id, err := peerOf(cs)
			if err != nil {
				return err
			}
			if _, ok := n.links[id]; !ok {
				return fmt.Errorf("%w: party %d is not a peer", ErrIdentity, id)
			}
			if id >= n.cfg.Self {
				return fmt.Errorf("%w: party %d dialed party %d; the lower id dials", ErrIdentity, id, n.cfg.Self)
			}
			return checkIdentityKey(n.cfg.Identities, cs.PeerCertificates[0], id)
		},
	}
}

// clientConfig is the dialer's TLS configuration for peer want. The server
// is authenticated by its party id, not by a host name: Go's host name
// check is switched off (InsecureSkipVerify) and replaced by
// VerifyConnection, which verifies the chain against the CA itself (server
// authentication key usage) and then checks that the certificate names
// want (and, with Config.Identities, holds want's identity key). The
// handshake signature is checked by crypto/tls as always, so the server
// holds the certificate's key.
func (n *Node) clientConfig(want transport.PartyID) *tls.Config {
	roots := n.cfg.CA
	return &tls.Config{
		MinVersion:         tls.VersionTLS13,
		Certificates:       []tls.Certificate{n.cfg.Certificate},
		InsecureSkipVerify: true, // replaced by VerifyConnection below
		VerifyConnection: func(cs tls.ConnectionState) error {
			if len(cs.PeerCertificates) == 0 {
				return fmt.Errorf("%w: server sent no certificate", ErrIdentity)
			}
			inter := x509.NewCertPool()
			for _, c := range cs.PeerCertificates[1:] {
				inter.AddCert(c)
			}
			if _, err := cs.PeerCertificates[0].Verify(x509.VerifyOptions{
				Roots:         roots,
				Intermediates: inter,
				KeyUsages:     []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
			}); err != nil {
				return fmt.Errorf("%w: %w", ErrIdentity, err)
			}
			id, err := peerOf(cs)
			if err != nil {
				return err
			}
			if id != want {
				return fmt.Errorf("%w: dialed party %d, certificate names party %d", ErrIdentity, want, id)
			}
			return checkIdentityKey(n.cfg.Identities, cs.PeerCertificates[0], id)
		},
	}
}
