package tlsnet

import (
	"bytes"
	"context"
	"crypto/tls"
	"encoding/binary"
	"errors"
	"io"
	"net"
	"sync"
	"testing"
	"time"

	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/stretchr/testify/require"
)

// requireClosedByPeer reads from conn until the node closes it, and checks
// that it does.
func requireClosedByPeer(t *testing.T, conn *tls.Conn) {
	t.Helper()
	require.NoError(t, conn.SetReadDeadline(time.Now().Add(5*time.Second)))
	_, err := io.Copy(io.Discard, conn)
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		t.Fatal("the node did not close the connection")
	}
}

// Raw bytes sent by an authenticated peer: every malformed stream closes
// that connection with an error naming the peer, and the node carries on.
func TestBadFramesCloseTheConnection(t *testing.T) {
	sid := []byte("frames")
	good := func(from, to transport.PartyID) []byte {
		f, err := encodeFrame(&transport.Message{Protocol: "test/v1", Round: 1, SessionID: sid, From: from, To: to, Payload: []byte("hi")})
		require.NoError(t, err)
		return f
	}
	header := func(n uint32) []byte { return binary.BigEndian.AppendUint32(nil, n) }
	tests := []struct {
		name string
		data []byte
		want error
	}{
		{"oversize frame", header(transport.MaxMessageSize + 1), ErrFrameTooLarge},
		{"maximal length", header(0xffffffff), ErrFrameTooLarge},
		{"empty frame", header(0), ErrBadFrame},
		{"garbage body", append(header(24), bytes.Repeat([]byte{0xa5}, 24)...), transport.ErrMalformed},
		{"wrong version", func() []byte { f := good(1, 0); f[4] = 9; return f }(), ErrBadFrame},
		{"truncated body", good(1, 0)[:20], ErrTruncatedFrame},
		{"truncated header", []byte{0, 0}, ErrTruncatedFrame},
		{"large frame cut short", append(header(1<<20), make([]byte, 1000)...), ErrTruncatedFrame},
		{"spoofed sender", good(3, 0), ErrSpoofed},
		{"for another party", good(1, 3), ErrMisrouted},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			noLeak(t)
			c := newCluster(t, 3, nil)
			// Play party 1 towards party 2, with party 1's own certificate.
			c.nodes[1].Close()
			conn := rawClient(t, c.addrs[2], c.certs[1].TLS)
			_, err := conn.Write(tc.data)
			require.NoError(t, err)
			// End the stream so that a short frame is truncated. (The
			// node may have closed the connection already.)
			_ = conn.CloseWrite()
			requireClosedByPeer(t, conn)
			e := c.waitConnError(t, 2, tc.want)
			require.Equal(t, transport.PartyID(1), e.Peer)

			// Party 2 still works with party 3.
			s2, err := c.nodes[2].Open(sid, []transport.PartyID{2, 3})
			require.NoError(t, err)
			s3, err := c.nodes[3].Open(sid, []transport.PartyID{2, 3})
			require.NoError(t, err)
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			require.NoError(t, s3.Send(ctx, &transport.Message{Protocol: "test/v1", Round: 1, SessionID: sid, From: 3}))
			m, err := s2.Receive(ctx)
			require.NoError(t, err)
			require.Equal(t, transport.PartyID(3), m.From)
			require.Equal(t, int64(1), c.nodes[2].Stats().Received, "nothing from the bad stream was delivered")
		})
	}
}

// A valid frame from the raw client is delivered, so the rejections above
// are about the frames, not the client.
func TestRawClientGoodFrame(t *testing.T) {
	noLeak(t)
	c := newCluster(t, 2, nil)
	c.nodes[1].Close()
	conn := rawClient(t, c.addrs[2], c.certs[1].TLS)
	sid := []byte("raw")
	want := &transport.Message{Protocol: "test/v1", Round: 2, SessionID: sid, From: 1, Payload: []byte("payload")}
	f, err := encodeFrame(want)
	require.NoError(t, err)
	_, err = conn.Write(f)
	require.NoError(t, err)
	s, err := c.nodes[2].Open(sid, nil)
	require.NoError(t, err)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	got, err := s.Receive(ctx)
	require.NoError(t, err)
	require.Equal(t, want, got)
}

// Connections from clients that are not who they must be are refused in
// the handshake, and the refusal is reported with no peer named.
func TestClientIdentityRefused(t *testing.T) {
	_, otherCerts := testPKI(t, 1)
	verifyFailed := func(err error) bool {
		var ve *tls.CertificateVerificationError
		return errors.As(err, &ve)
	}
	tests := []struct {
		name   string
		target transport.PartyID
		cert   func(c *cluster) tls.Certificate
		want   func(error) bool
	}{
		// The lower id dials, so party 2 never dials party 1.
		{"party 2 dialing party 1", 1, func(c *cluster) tls.Certificate { return c.certs[2].TLS },
			func(err error) bool { return errors.Is(err, ErrIdentity) }},
		{"certificate from an unknown CA", 3, func(*cluster) tls.Certificate { return otherCerts[1].TLS }, verifyFailed},
		{"no certificate", 3, func(*cluster) tls.Certificate { return tls.Certificate{} },
			func(err error) bool { return err != nil }},
		{"a party that is not a peer", 3, func(c *cluster) tls.Certificate {
			pc, err := c.ca.Issue(2 + 7)
			require.NoError(t, err)
			return pc.TLS
		}, func(err error) bool { return errors.Is(err, ErrIdentity) }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			noLeak(t)
			c := newCluster(t, 3, nil)
			cfg := &tls.Config{MinVersion: tls.VersionTLS13, InsecureSkipVerify: true}
			if cert := tc.cert(c); len(cert.Certificate) > 0 {
				cfg.Certificates = []tls.Certificate{cert}
			}
			conn, err := tls.Dial("tcp", c.addrs[tc.target], cfg)
			if err == nil {
				// In TLS 1.3 the client finishes first; the server's
				// refusal arrives as an alert on the first read.
				defer conn.Close()
				require.NoError(t, conn.SetReadDeadline(time.Now().Add(5*time.Second)))
				_, err = conn.Read(make([]byte, 1))
			}
			require.Error(t, err)
			e := c.waitConnErrorFunc(t, tc.target, func(e *ConnError) bool { return tc.want(e.Err) })
			require.Zero(t, e.Peer)
			require.True(t, c.nodes[tc.target].Connected(2), "the real party 2 is still connected")
		})
	}
}

// Holding party 2's certificate (party 3 using it, say) makes one party 2
// and nothing else: frames that claim to come from 3 close the connection,
// and none reaches a session.
func TestCannotSpeakAsAnother(t *testing.T) {
	noLeak(t)
	c := newCluster(t, 4, nil)
	sid := []byte("speak as another")
	s4, err := c.nodes[4].Open(sid, nil)
	require.NoError(t, err)
	// The real party 2 leaves, or it would redial and replace the
	// connection before its frame is read.
	c.nodes[2].Close()
	conn := rawClient(t, c.addrs[4], c.certs[2].TLS)
	f, err := encodeFrame(&transport.Message{Protocol: "test/v1", Round: 1, SessionID: sid, From: 3, Payload: []byte("I am 3")})
	require.NoError(t, err)
	_, err = conn.Write(f)
	require.NoError(t, err)
	requireClosedByPeer(t, conn)
	e := c.waitConnError(t, 4, ErrSpoofed)
	require.Equal(t, transport.PartyID(2), e.Peer)
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	_, err = s4.Receive(ctx)
	require.ErrorIs(t, err, context.DeadlineExceeded)
	require.Zero(t, c.nodes[4].Stats().Received)
}

// A server that answers at a peer's address with another party's
// certificate (party 2's certificate at party 3's address), or with a
// certificate from an unknown CA, is refused by the dialers.
func TestServerIdentityRefused(t *testing.T) {
	_, otherCerts := testPKI(t, 3)
	tests := []struct {
		name string
		cert func(c *cluster) tls.Certificate
		want error
	}{
		{"party 2's certificate at party 3's address", func(c *cluster) tls.Certificate { return c.certs[2].TLS }, ErrIdentity},
		{"unknown CA", func(*cluster) tls.Certificate { return otherCerts[3].TLS }, ErrIdentity},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			noLeak(t)
			c := newCluster(t, 3, nil)
			// Party 3 dies; an impostor takes its address.
			c.nodes[3].Close()
			ln, err := net.Listen("tcp", c.addrs[3])
			require.NoError(t, err)
			var wg sync.WaitGroup
			defer wg.Wait()
			defer ln.Close()
			cert := tc.cert(c)
			var mu sync.Mutex
			var accepted []error
			wg.Go(func() {
				for {
					raw, err := ln.Accept()
					if err != nil {
						return
					}
					wg.Go(func() {
						defer raw.Close()
						srv := tls.Server(raw, &tls.Config{
							MinVersion:   tls.VersionTLS13,
							Certificates: []tls.Certificate{cert},
							ClientAuth:   tls.RequireAnyClientCert,
						})
						raw.SetDeadline(time.Now().Add(5 * time.Second))
						err := srv.Handshake()
						if err == nil {
							// The dialer refuses after its side of the
							// handshake; the alert ends this read.
							_, err = srv.Read(make([]byte, 1))
						}
						mu.Lock()
						accepted = append(accepted, err)
						mu.Unlock()
					})
				}
			})
			for _, dialer := range []transport.PartyID{1, 2} {
				e := c.waitConnError(t, dialer, tc.want)
				require.Equal(t, transport.PartyID(3), e.Peer)
				require.False(t, c.nodes[dialer].Connected(3))
			}
			require.Eventually(t, func() bool {
				mu.Lock()
				defer mu.Unlock()
				return len(accepted) > 0
			}, 5*time.Second, 5*time.Millisecond)
			mu.Lock()
			defer mu.Unlock()
			for _, err := range accepted {
				require.Error(t, err, "no dialer completed a connection with the impostor")
			}
		})
	}
}

func TestNewRefusesBadConfig(t *testing.T) {
	ca, certs := testPKI(t, 1, 2)
	_, otherCerts := testPKI(t, 1)
	peers := map[transport.PartyID]string{2: "127.0.0.1:1"}
	base := func() Config {
		return Config{Self: 1, Peers: peers, Certificate: certs[1].TLS, CA: ca.Pool()}
	}
	tests := []struct {
		name string
		mod  func(*Config)
	}{
		{"self 0", func(c *Config) { c.Self = 0 }},
		{"no peers", func(c *Config) { c.Peers = nil }},
		{"peer 0", func(c *Config) { c.Peers = map[transport.PartyID]string{0: "x:1"} }},
		{"self as peer", func(c *Config) { c.Peers = map[transport.PartyID]string{1: "x:1", 2: "x:2"} }},
		{"no address for a higher peer", func(c *Config) { c.Peers = map[transport.PartyID]string{2: ""} }},
		{"no CA", func(c *Config) { c.CA = nil }},
		{"no certificate", func(c *Config) { c.Certificate = tls.Certificate{} }},
		{"another party's certificate", func(c *Config) { c.Certificate = certs[2].TLS }},
		{"certificate from another CA", func(c *Config) { c.Certificate = otherCerts[1].TLS }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg := base()
			tc.mod(&cfg)
			_, err := New(cfg)
			require.ErrorIs(t, err, ErrConfig)
		})
	}
}

// A peer that completes the handshake on the dialer's side and then
// refuses the connection (in TLS 1.3 the server checks the client's
// certificate after the client has finished) is redialed with backoff, not
// in a tight loop.
func TestRefusedAfterHandshakeBacksOff(t *testing.T) {
	noLeak(t)
	ca1, certs1 := testPKI(t, 1)
	ca2, certs2 := testPKI(t, 2)
	both := ca1.Pool()
	both.AddCert(ca2.Cert)
	ln := listen(t)
	var mu sync.Mutex
	var refusals int
	n2, err := New(Config{Self: 2, Peers: map[transport.PartyID]string{1: ""}, Listener: ln,
		Certificate: certs2[2].TLS, CA: ca2.Pool(), // does not trust party 1's CA
		OnConnError: func(*ConnError) { mu.Lock(); refusals++; mu.Unlock() }})
	require.NoError(t, err)
	defer n2.Close()
	n1, err := New(Config{Self: 1, Peers: map[transport.PartyID]string{2: ln.Addr().String()},
		Certificate: certs1[1].TLS, CA: both, MinBackoff: 10 * time.Millisecond, MaxBackoff: 100 * time.Millisecond})
	require.NoError(t, err)
	defer n1.Close()

	time.Sleep(time.Second)
	mu.Lock()
	defer mu.Unlock()
	require.Positive(t, refusals)
	// 10, 20, 40, 80, then 100 ms apart: about a dozen in a second.
	require.Less(t, n1.Stats().Connections, int64(25))
	require.False(t, n2.Connected(1))
}
