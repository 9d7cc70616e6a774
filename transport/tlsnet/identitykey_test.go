package tlsnet

import (
	"context"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/stretchr/testify/require"
)

// identitiesOf returns every party's identity public key, read from its
// certificate.
func identitiesOf(t testing.TB, certs map[transport.PartyID]*PartyCert) map[transport.PartyID]ed25519.PublicKey {
	t.Helper()
	out := map[transport.PartyID]ed25519.PublicKey{}
	for id, pc := range certs {
		got, pub, err := IdentityFromCertificate(pc.TLS.Leaf)
		require.NoError(t, err)
		require.Equal(t, id, got)
		out[id] = pub
	}
	return out
}

// identityCluster starts n connected nodes whose Config.Identities lists
// every party's certificate key when bind is set. c.ca and c.certs are the
// PKI the nodes use.
func identityCluster(t testing.TB, n int, bind bool) *cluster {
	ca, certs := testPKI(t, partyIDs(n)...)
	idents := identitiesOf(t, certs)
	c := newCluster(t, n, func(cfg *Config) {
		cfg.Certificate = certs[cfg.Self].TLS
		cfg.CA = ca.Pool()
		if bind {
			cfg.Identities = idents
		}
	})
	c.ca, c.certs = ca, certs
	return c
}

// requireIdentityKeyError checks that err is an *IdentityKeyError naming
// party, wrapping ErrIdentity, whose text names the party too.
func requireIdentityKeyError(t testing.TB, err error, party transport.PartyID) {
	t.Helper()
	var ike *IdentityKeyError
	require.ErrorAs(t, err, &ike)
	require.Equal(t, party, ike.Party)
	require.ErrorIs(t, err, ErrIdentity)
	require.Contains(t, err.Error(), fmt.Sprintf("party %d's certificate", party))
}

func TestIdentityFromCertificate(t *testing.T) {
	_, certs := testPKI(t, 2)
	pc := certs[2]
	leaf := pc.TLS.Leaf
	withKey := func(key any) *x509.Certificate {
		c := *leaf
		c.PublicKey = key
		return &c
	}
	noParty := *leaf
	noParty.URIs = []*url.URL{{Scheme: "https", Host: "example.com"}}
	tests := []struct {
		name    string
		cert    *x509.Certificate
		want    ed25519.PublicKey
		keyErr  bool // an *IdentityKeyError naming party 2
		anyFail bool // some ErrIdentity
	}{
		{"issued certificate", leaf, pc.IdentityKey().Public().(ed25519.PublicKey), false, false},
		{"RSA key", withKey(&rsa.PublicKey{}), nil, true, false},
		{"Ed25519 key of the wrong length", withKey(ed25519.PublicKey(make([]byte, 31))), nil, true, false},
		{"no key", withKey(nil), nil, true, false},
		{"no party URI", &noParty, nil, false, true},
		{"nil certificate", nil, nil, false, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			id, pub, err := IdentityFromCertificate(tc.cert)
			switch {
			case tc.keyErr:
				requireIdentityKeyError(t, err, 2)
			case tc.anyFail:
				require.ErrorIs(t, err, ErrIdentity)
			default:
				require.NoError(t, err)
				require.Equal(t, transport.PartyID(2), id)
				require.True(t, tc.want.Equal(pub))
				pub[0] ^= 1 // a copy: the certificate is untouched
				require.True(t, tc.want.Equal(leaf.PublicKey))
			}
		})
	}
}

func TestIdentityKeyFromTLS(t *testing.T) {
	_, certs := testPKI(t, 1, 2)
	dir := t.TempDir()
	require.NoError(t, WritePKI(dir, []transport.PartyID{1}))
	loaded, _, err := LoadPKI(dir, 1)
	require.NoError(t, err)
	own := certs[1].TLS.PrivateKey.(ed25519.PrivateKey)
	other := certs[2].TLS.PrivateKey.(ed25519.PrivateKey)
	with := func(base tls.Certificate, f func(*tls.Certificate)) tls.Certificate {
		f(&base)
		return base
	}
	tests := []struct {
		name string
		cert tls.Certificate
		want ed25519.PrivateKey // nil: refused with ErrIdentity
	}{
		{"issued by CA.Issue", certs[1].TLS, own},
		{"loaded by LoadPKI", loaded, loaded.PrivateKey.(ed25519.PrivateKey)},
		{"no parsed leaf", with(certs[1].TLS, func(c *tls.Certificate) { c.Leaf = nil }), own},
		{"no certificate", tls.Certificate{PrivateKey: own}, nil},
		{"unparsable certificate", with(certs[1].TLS, func(c *tls.Certificate) { c.Leaf, c.Certificate = nil, [][]byte{{1, 2, 3}} }), nil},
		{"RSA private key", with(certs[1].TLS, func(c *tls.Certificate) { c.PrivateKey = &rsa.PrivateKey{} }), nil},
		{"no private key", with(certs[1].TLS, func(c *tls.Certificate) { c.PrivateKey = nil }), nil},
		{"pointer to the key", with(certs[1].TLS, func(c *tls.Certificate) { c.PrivateKey = &own }), nil},
		{"another party's key", with(certs[1].TLS, func(c *tls.Certificate) { c.PrivateKey = other }), nil},
		{"seed of another key", with(certs[1].TLS, func(c *tls.Certificate) {
			// The certificate's public half after another key's seed.
			c.PrivateKey = append(append(ed25519.PrivateKey{}, other.Seed()...), own.Public().(ed25519.PublicKey)...)
		}), nil},
		{"short key", with(certs[1].TLS, func(c *tls.Certificate) { c.PrivateKey = own[:32] }), nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := IdentityKeyFromTLS(tc.cert)
			if tc.want == nil {
				require.ErrorIs(t, err, ErrIdentity)
				require.Nil(t, got)
				return
			}
			require.NoError(t, err)
			require.True(t, tc.want.Equal(got))
			got[0] ^= 1 // a copy: the TLS key is untouched
			require.False(t, tc.want.Equal(got))
		})
	}
}

func TestPartyCertIdentityKey(t *testing.T) {
	_, certs := testPKI(t, 1)
	tests := []struct {
		name string
		pc   *PartyCert
		want bool
	}{
		{"issued", certs[1], true},
		{"nil", nil, false},
		{"zero", &PartyCert{}, false},
		{"RSA key", &PartyCert{ID: 1, TLS: tls.Certificate{Certificate: certs[1].TLS.Certificate, PrivateKey: &rsa.PrivateKey{}}}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			key := tc.pc.IdentityKey()
			if !tc.want {
				require.Nil(t, key)
				return
			}
			require.True(t, key.Equal(tc.pc.TLS.PrivateKey))
			_, pub, err := IdentityFromCertificate(tc.pc.TLS.Leaf)
			require.NoError(t, err)
			require.True(t, pub.Equal(key.Public()))
		})
	}
}

func TestCheckIdentityKey(t *testing.T) {
	_, certs := testPKI(t, 1, 2)
	idents := identitiesOf(t, certs)
	leaf2 := certs[2].TLS.Leaf
	rsaCert := *leaf2
	rsaCert.PublicKey = &rsa.PublicKey{}
	swapped := map[transport.PartyID]ed25519.PublicKey{1: idents[2], 2: idents[1]}
	tests := []struct {
		name   string
		ids    map[transport.PartyID]ed25519.PublicKey
		cert   *x509.Certificate
		refuse bool
	}{
		{"no identities: any key", nil, &rsaCert, false},
		{"the listed key", idents, leaf2, false},
		{"another party's key", swapped, leaf2, true},
		{"RSA certificate", idents, &rsaCert, true},
		{"party not listed", map[transport.PartyID]ed25519.PublicKey{1: idents[1]}, leaf2, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := checkIdentityKey(tc.ids, tc.cert, 2)
			if !tc.refuse {
				require.NoError(t, err)
				return
			}
			requireIdentityKeyError(t, err, 2)
		})
	}
}

func TestNewRefusesBadIdentities(t *testing.T) {
	ca, certs := testPKI(t, 1, 2, 3)
	idents := identitiesOf(t, certs)
	_, otherCerts := testPKI(t, 1)
	peers := map[transport.PartyID]string{2: "127.0.0.1:1", 3: "127.0.0.1:1"}
	tests := []struct {
		name     string
		ids      func() map[transport.PartyID]ed25519.PublicKey
		ownError bool // the own certificate is refused: an *IdentityKeyError naming party 1
	}{
		{"empty map", func() map[transport.PartyID]ed25519.PublicKey { return map[transport.PartyID]ed25519.PublicKey{} }, false},
		{"no key for a peer", func() map[transport.PartyID]ed25519.PublicKey {
			m := cloneIdentities(idents)
			delete(m, 3)
			return m
		}, false},
		{"no key for Self", func() map[transport.PartyID]ed25519.PublicKey {
			m := cloneIdentities(idents)
			delete(m, 1)
			return m
		}, false},
		{"a party that is not a peer", func() map[transport.PartyID]ed25519.PublicKey {
			m := cloneIdentities(idents)
			m[4] = idents[3]
			return m
		}, false},
		{"a short key", func() map[transport.PartyID]ed25519.PublicKey {
			m := cloneIdentities(idents)
			m[2] = m[2][:16]
			return m
		}, false},
		{"own certificate is not Self's identity key", func() map[transport.PartyID]ed25519.PublicKey {
			m := cloneIdentities(idents)
			m[1] = identitiesOf(t, otherCerts)[1]
			return m
		}, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := New(Config{Self: 1, Peers: peers, Certificate: certs[1].TLS, CA: ca.Pool(), Identities: tc.ids()})
			require.ErrorIs(t, err, ErrConfig)
			if tc.ownError {
				requireIdentityKeyError(t, err, 1)
			}
		})
	}
}

// Node.Identity builds a run's transport.Identity from the certificate key
// and Config.Identities, for every party or some, and keeps nothing in
// common with the caller's map or the node.
func TestNodeIdentity(t *testing.T) {
	ca, certs := testPKI(t, 1, 2, 3)
	idents := identitiesOf(t, certs)
	mine := cloneIdentities(idents)
	// Party 1 only dials, to an address nobody listens on.
	n, err := New(Config{Self: 1, Peers: map[transport.PartyID]string{2: "127.0.0.1:1", 3: "127.0.0.1:1"},
		Certificate: certs[1].TLS, CA: ca.Pool(), Identities: mine, MinBackoff: time.Second})
	require.NoError(t, err)
	defer n.Close()
	mine[2][0] ^= 1 // the node keeps its own copy
	plain, err := New(Config{Self: 1, Peers: map[transport.PartyID]string{2: "127.0.0.1:1"},
		Certificate: certs[1].TLS, CA: ca.Pool(), MinBackoff: time.Second})
	require.NoError(t, err)
	defer plain.Close()

	tests := []struct {
		name    string
		node    *Node
		parties []transport.PartyID
		want    []transport.PartyID // nil: refused
		err     error
	}{
		{"every party", n, nil, []transport.PartyID{1, 2, 3}, nil},
		{"two of three", n, []transport.PartyID{3, 1}, []transport.PartyID{1, 3}, nil},
		{"alone", n, []transport.PartyID{1}, []transport.PartyID{1}, nil},
		{"without Self", n, []transport.PartyID{2, 3}, nil, ErrConfig},
		{"an unknown party", n, []transport.PartyID{1, 4}, nil, ErrUnknownParty},
		{"a party twice", n, []transport.PartyID{1, 2, 2}, nil, ErrConfig},
		{"no Identities", plain, nil, nil, ErrConfig},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			id, err := tc.node.Identity(tc.parties, 1)
			if tc.want == nil {
				require.ErrorIs(t, err, tc.err)
				require.Nil(t, id)
				return
			}
			require.NoError(t, err)
			require.True(t, certs[1].IdentityKey().Equal(id.Key))
			require.Equal(t, 1, id.MaxFaulty)
			require.Len(t, id.Peers, len(tc.want))
			for _, p := range tc.want {
				require.True(t, idents[p].Equal(id.Peers[p]), "party %d", p)
			}
			// The result is the caller's to change.
			id.Key[0] ^= 1
			id.Peers[1][0] ^= 1
			again, err := tc.node.Identity(tc.parties, 1)
			require.NoError(t, err)
			require.True(t, certs[1].IdentityKey().Equal(again.Key))
			require.True(t, idents[1].Equal(again.Peers[1]))
		})
	}
}

func TestLoadIdentities(t *testing.T) {
	ids := []transport.PartyID{1, 2, 3}
	dir := t.TempDir()
	require.NoError(t, WritePKI(dir, ids))
	otherDir := t.TempDir()
	require.NoError(t, WritePKI(otherDir, ids))
	// copyDir returns a copy of dir in which f changed the files.
	copyDir := func(t *testing.T, f func(d string)) string {
		d := t.TempDir()
		entries, err := os.ReadDir(dir)
		require.NoError(t, err)
		for _, e := range entries {
			b, err := os.ReadFile(filepath.Join(dir, e.Name()))
			require.NoError(t, err)
			require.NoError(t, os.WriteFile(filepath.Join(d, e.Name()), b, 0o600))
		}
		f(d)
		return d
	}
	copyFile := func(t *testing.T, from, to string) {
		b, err := os.ReadFile(from)
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(to, b, 0o600))
	}
	tests := []struct {
		name string
		dir  func(t *testing.T) string
		ids  []transport.PartyID
		ok   bool
	}{
		{"every party", func(*testing.T) string { return dir }, ids, true},
		{"some parties", func(*testing.T) string { return dir }, []transport.PartyID{3, 1}, true},
		{"a missing certificate", func(*testing.T) string { return dir }, []transport.PartyID{1, 4}, false},
		{"no parties", func(*testing.T) string { return dir }, nil, false},
		{"party 1's certificate as party 2's", func(t *testing.T) string {
			return copyDir(t, func(d string) { copyFile(t, filepath.Join(d, PartyCertFile(1)), filepath.Join(d, PartyCertFile(2))) })
		}, ids, false},
		{"a certificate from another CA", func(t *testing.T) string {
			return copyDir(t, func(d string) {
				copyFile(t, filepath.Join(otherDir, PartyCertFile(2)), filepath.Join(d, PartyCertFile(2)))
			})
		}, ids, false},
		{"a key file as a certificate", func(t *testing.T) string {
			return copyDir(t, func(d string) { copyFile(t, filepath.Join(d, PartyKeyFile(2)), filepath.Join(d, PartyCertFile(2))) })
		}, ids, false},
		{"no CA file", func(t *testing.T) string {
			return copyDir(t, func(d string) { require.NoError(t, os.Remove(filepath.Join(d, CAFile))) })
		}, ids, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := LoadIdentities(tc.dir(t), tc.ids)
			if !tc.ok {
				require.Error(t, err)
				require.Nil(t, got)
				return
			}
			require.NoError(t, err)
			require.Len(t, got, len(tc.ids))
			for _, id := range tc.ids {
				cert, _, err := LoadPKI(dir, id)
				require.NoError(t, err)
				key, err := IdentityKeyFromTLS(cert)
				require.NoError(t, err)
				require.True(t, got[id].Equal(key.Public()), "party %d", id)
			}
		})
	}
}

// impostor serves cert at addr until the test ends, completing handshakes
// with anyone and then reading until the connection ends.
func impostor(t *testing.T, addr string, cert tls.Certificate) {
	ln, err := net.Listen("tcp", addr)
	require.NoError(t, err)
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		conns []net.Conn
	)
	t.Cleanup(func() {
		ln.Close()
		mu.Lock()
		for _, c := range conns {
			c.Close()
		}
		mu.Unlock()
		wg.Wait()
	})
	wg.Go(func() {
		for {
			raw, err := ln.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns = append(conns, raw)
			mu.Unlock()
			wg.Go(func() {
				defer raw.Close()
				srv := tls.Server(raw, &tls.Config{MinVersion: tls.VersionTLS13, Certificates: []tls.Certificate{cert}, ClientAuth: tls.RequireAnyClientCert})
				_ = raw.SetDeadline(time.Now().Add(5 * time.Second))
				if srv.Handshake() == nil {
					_, _ = io.Copy(io.Discard, srv)
				}
			})
		}
	})
}

// A valid certificate issued by the parties' CA for party p, whose key is
// not the identity key listed for p, is refused at both ends of the
// handshake with an error naming p, so that no party can connect with one
// key and sign with another. Without Config.Identities the same
// certificate is accepted: the refusal is the identity check's.
func TestIdentityKeyMismatchRefused(t *testing.T) {
	tests := []struct {
		name    string
		forged  transport.PartyID // the party a second certificate is issued for
		client  bool              // the forger dials (to the higher parties); else it listens at p's address
		targets []transport.PartyID
		bind    bool // Config.Identities set
	}{
		{"party 2 dials party 3", 2, true, []transport.PartyID{3}, true},
		{"party 1 dials parties 2 and 3", 1, true, []transport.PartyID{2, 3}, true},
		{"party 3 answers parties 1 and 2", 3, false, []transport.PartyID{1, 2}, true},
		{"party 2 answers party 1", 2, false, []transport.PartyID{1}, true},
		{"without identities party 2 dials party 3", 2, true, []transport.PartyID{3}, false},
		{"without identities party 3 answers parties 1 and 2", 3, false, []transport.PartyID{1, 2}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			noLeak(t)
			c := identityCluster(t, 3, tc.bind)
			forged, err := c.ca.Issue(tc.forged, "127.0.0.1")
			require.NoError(t, err)
			require.False(t, forged.IdentityKey().Equal(c.certs[tc.forged].IdentityKey()))
			// The real party leaves; the forger takes its place.
			c.nodes[tc.forged].Close()
			if !tc.client {
				impostor(t, c.addrs[tc.forged], forged.TLS)
			}
			for _, target := range tc.targets {
				if tc.client {
					conn := rawClient(t, c.addrs[target], forged.TLS)
					// In TLS 1.3 the server judges the client's
					// certificate after the client has finished: a
					// refusal is an alert on the first read, an
					// acceptance a silent connection.
					require.NoError(t, conn.SetReadDeadline(time.Now().Add(500*time.Millisecond)))
					_, err := conn.Read(make([]byte, 1))
					require.Error(t, err)
					var ne net.Error
					timedOut := errors.As(err, &ne) && ne.Timeout()
					if !tc.bind {
						require.True(t, timedOut, "accepted without identities: %v", err)
						require.True(t, c.nodes[target].Connected(tc.forged))
						continue
					}
					require.False(t, timedOut, "party %d did not refuse the forged certificate", target)
					e := c.waitConnErrorFunc(t, target, func(e *ConnError) bool { return errors.Is(e, ErrIdentity) })
					require.Zero(t, e.Peer, "the forger never authenticated")
					requireIdentityKeyError(t, e.Err, tc.forged)
					continue
				}
				if !tc.bind {
					require.Eventually(t, func() bool { return c.nodes[target].Connected(tc.forged) }, 5*time.Second, 5*time.Millisecond)
					continue
				}
				e := c.waitConnErrorFunc(t, target, func(e *ConnError) bool { return errors.Is(e, ErrIdentity) })
				require.Equal(t, tc.forged, e.Peer)
				requireIdentityKeyError(t, e.Err, tc.forged)
				require.False(t, c.nodes[target].Connected(tc.forged))
			}
		})
	}
}

// recordingConn keeps every message its Conn received.
type recordingConn struct {
	transport.Conn
	mu  sync.Mutex
	got []*transport.Message
}

func (r *recordingConn) Receive(ctx context.Context) (*transport.Message, error) {
	m, err := r.Conn.Receive(ctx)
	if err == nil {
		r.mu.Lock()
		r.got = append(r.got, m)
		r.mu.Unlock()
	}
	return m, err
}

// A run with identities end to end: every node binds the parties' identity
// keys to their certificates (Config.Identities), each party's
// transport.Config.Identity comes from its node (Node.Identity), and the
// toy protocol's signed messages, echoes and confirmation round travel
// over mutual TLS. Every party commits the same total, and every message
// it received is signed by its sender's certificate key.
func TestIdentityEndToEnd(t *testing.T) {
	noLeak(t)
	c := identityCluster(t, 3, true)
	tests := []struct {
		name      string
		parties   []transport.PartyID
		maxFaulty int
	}{
		{"three parties", []transport.PartyID{1, 2, 3}, 1},
		{"two of three", []transport.PartyID{1, 3}, 0},
	}
	for i, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sid := fmt.Appendf(nil, "identity end to end %d", i)
			conns := c.openAll(t, sid, tc.parties)
			recs := map[transport.PartyID]*recordingConn{}
			for p, conn := range conns {
				recs[p] = &recordingConn{Conn: conn}
				conns[p] = recs[p]
			}
			ms := map[transport.PartyID]transport.Machine[uint64]{}
			var want uint64
			for _, p := range tc.parties {
				id, err := c.nodes[p].Identity(tc.parties, tc.maxFaulty)
				require.NoError(t, err)
				m, err := newSum(sid, p, tc.parties, id)
				require.NoError(t, err)
				ms[p] = m
				want += sumInput(p)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			outs, errs := runAll(ctx, conns, ms, transport.WithRoundTimeout(10*time.Second))
			require.Empty(t, errs)
			require.Len(t, outs, len(tc.parties))
			for _, p := range tc.parties {
				require.Equal(t, want, outs[p], "party %d", p)
				rec := recs[p]
				rec.mu.Lock()
				// Two rounds and a confirmation from every other party.
				require.GreaterOrEqual(t, len(rec.got), 3*(len(tc.parties)-1))
				for _, m := range rec.got {
					_, pub, err := IdentityFromCertificate(c.certs[m.From].TLS.Leaf)
					require.NoError(t, err)
					require.NoError(t, transport.VerifyMessage(pub, m), "party %d from party %d", p, m.From)
				}
				rec.mu.Unlock()
			}
		})
	}
}
