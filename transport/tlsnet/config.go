package tlsnet

import (
	"crypto/ed25519"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"log/slog"
	"net"
	"time"

	"github.com/mosaic-mpc/mosaic/transport"
)

// Defaults of the Config fields left zero. The package documentation
// ("Memory bounds") works out what they allow a peer to cost.
const (
	DefaultHandshakeTimeout   = 10 * time.Second
	DefaultWriteTimeout       = 30 * time.Second
	DefaultMinBackoff         = 50 * time.Millisecond
	DefaultMaxBackoff         = 2 * time.Second
	DefaultMaxHandshakes      = 64
	DefaultMaxPeerBytes       = 32 << 20
	DefaultMaxPendingSessions = 256
	DefaultMaxPendingBytes    = 32 << 20
	DefaultMaxSessionQueue    = 4096
	DefaultMaxMessageBytes    = MaxFrame
	DefaultMaxPeerQueueBytes  = 64 << 20
)

// Config configures a Node.
type Config struct {
	// Self is this party. Certificate must name it.
	Self transport.PartyID
	// Peers maps every other party to its address ("host:port"). A party
	// dials only the peers with a higher id; the address of a lower peer is
	// not used and may be empty.
	Peers map[transport.PartyID]string
	// Listener, if set, is the listener to accept peers on (the Node takes
	// it over and closes it). Otherwise the Node listens on ListenAddr.
	Listener net.Listener
	// ListenAddr is the TCP address to listen on when Listener is nil, for
	// example "127.0.0.1:7001". A node with no lower peer needs neither.
	ListenAddr string
	// Certificate is this party's certificate (with its key), naming Self
	// with a "mosaic://party/<id>" URI SAN.
	Certificate tls.Certificate
	// CA is the pool of authorities that issue the parties' certificates.
	CA *x509.CertPool
	// Identities, if set, binds every party's long-term identity key (the
	// key that signs its messages, transport.Identity) to its certificate.
	// It maps Self and every peer, and no other party, to the party's
	// Ed25519 identity public key: the same keys as the runs'
	// transport.Identity.Peers, which Node.Identity builds from it. Both
	// ends of every handshake then check that the peer's certificate holds
	// the key listed for the party it names, and refuse it otherwise with an
	// *IdentityKeyError (wrapping ErrIdentity) naming that party; New checks
	// Certificate against Self's entry. A non-nil map must be complete. nil
	// checks the party id of a certificate only, whatever its key.
	Identities map[transport.PartyID]ed25519.PublicKey

	// Logger receives connection events (never payloads). nil discards.
	Logger *slog.Logger
	// OnConnError, if set, is called (from a node goroutine) whenever a
	// connection ends or a handshake fails, except when the node is closing.
	// It must return promptly and must not call Node.Close, which waits for
	// that goroutine.
	OnConnError func(*ConnError)

	// HandshakeTimeout bounds a TLS handshake; WriteTimeout one frame write.
	HandshakeTimeout, WriteTimeout time.Duration
	// MinBackoff and MaxBackoff bound the delay between two dials of the
	// same peer; it doubles after each failure, with jitter.
	MinBackoff, MaxBackoff time.Duration
	// MaxHandshakes bounds the TLS handshakes in progress on the listener:
	// connections not authenticated yet. A connection accepted beyond it
	// is closed at once (Stats.RefusedHandshakes), so that clients that
	// connect and stall cost at most this many handshakes, each for at most
	// HandshakeTimeout.
	MaxHandshakes int

	// The bounds below are per peer: what one peer sends can only ever
	// push out its own messages, never another's. A received message held
	// by the node (queued in an open session until Receive takes it, or
	// pending until its session is opened) counts its encoded size plus
	// a fixed overhead for its in-memory form, and a pending session also
	// its id. Every message dropped by a bound counts in Stats.Dropped.

	// MaxPeerBytes bounds the bytes of one peer's messages the node holds,
	// pending and queued. A message beyond it first evicts the peer's
	// oldest pending sessions; if that is not enough it is dropped, and a
	// frame that could not fit is skipped as it arrives, without being
	// buffered.
	MaxPeerBytes int
	// MaxPendingSessions bounds the sessions not opened yet for which one
	// peer's messages are held, and MaxPendingBytes (at most MaxPeerBytes)
	// their bytes. Beyond either, the peer's oldest pending session is
	// evicted; a session whose own messages from the peer exceed
	// MaxPendingBytes drops the excess.
	MaxPendingSessions, MaxPendingBytes int
	// MaxSessionQueue bounds the messages of one peer that one session
	// holds, pending or queued until Receive takes them; beyond it,
	// messages are dropped.
	MaxSessionQueue int
	// MaxMessageBytes bounds a received frame: an encoded message, at most
	// MaxFrame (the default). A larger frame is skipped unread and
	// dropped, and the connection goes on. Lower it only when the largest
	// message of every protocol the node runs is known, envelope included:
	// in a run with identities a broadcast carries an echo of
	// transport.SignedEchoSize bytes per party.
	MaxMessageBytes int
	// PayloadLimit, if set, bounds the payload of each received message by
	// its protocol, round and kind: a message with a longer payload than
	// PayloadLimit returns is dropped (zero or less means no limit beyond
	// MaxMessageBytes). It is called from the node's reader goroutines,
	// concurrently, and must be fast. Mind the framework's own kinds: a
	// transport.KindRelay carries a whole signed message of the round as
	// its payload.
	PayloadLimit func(protocol string, round int, kind transport.Kind) int
	// MaxPeerQueueBytes bounds the frames waiting to be written to one peer
	// (for example while it is disconnected), those being written
	// included; beyond it the oldest waiting are dropped, but never the
	// newest.
	MaxPeerQueueBytes int
}

func (c *Config) setDefaults() {
	set := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	seti := func(d *int, v int) {
		if *d <= 0 {
			*d = v
		}
	}
	set(&c.HandshakeTimeout, DefaultHandshakeTimeout)
	set(&c.WriteTimeout, DefaultWriteTimeout)
	set(&c.MinBackoff, DefaultMinBackoff)
	set(&c.MaxBackoff, DefaultMaxBackoff)
	if c.MaxBackoff < c.MinBackoff {
		c.MaxBackoff = c.MinBackoff
	}
	seti(&c.MaxHandshakes, DefaultMaxHandshakes)
	seti(&c.MaxPeerBytes, DefaultMaxPeerBytes)
	seti(&c.MaxPendingSessions, DefaultMaxPendingSessions)
	seti(&c.MaxPendingBytes, DefaultMaxPendingBytes)
	c.MaxPendingBytes = min(c.MaxPendingBytes, c.MaxPeerBytes)
	seti(&c.MaxSessionQueue, DefaultMaxSessionQueue)
	seti(&c.MaxMessageBytes, DefaultMaxMessageBytes)
	c.MaxMessageBytes = min(c.MaxMessageBytes, MaxFrame)
	seti(&c.MaxPeerQueueBytes, DefaultMaxPeerQueueBytes)
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
}

func (c *Config) validate() error {
	if c.Self == 0 {
		return fmt.Errorf("%w: Self is 0", ErrConfig)
	}
	if len(c.Peers) == 0 {
		return fmt.Errorf("%w: no peers", ErrConfig)
	}
	ids := []transport.PartyID{c.Self}
	for id, addr := range c.Peers {
		ids = append(ids, id)
		if id > c.Self && addr == "" {
			return fmt.Errorf("%w: no address for party %d", ErrConfig, id)
		}
	}
	if err := transport.ValidateParties(ids); err != nil {
		return fmt.Errorf("%w: %w", ErrConfig, err)
	}
	if c.CA == nil {
		return fmt.Errorf("%w: no CA pool", ErrConfig)
	}
	if len(c.Certificate.Certificate) == 0 {
		return fmt.Errorf("%w: no certificate", ErrConfig)
	}
	leaf := c.Certificate.Leaf
	if leaf == nil {
		var err error
		if leaf, err = x509.ParseCertificate(c.Certificate.Certificate[0]); err != nil {
			return fmt.Errorf("%w: %w", ErrConfig, err)
		}
	}
	id, err := PartyIDFromCert(leaf)
	if err != nil {
		return fmt.Errorf("%w: own certificate: %w", ErrConfig, err)
	}
	if id != c.Self {
		return fmt.Errorf("%w: own certificate names party %d, not %d", ErrConfig, id, c.Self)
	}
	if err := c.validateIdentities(leaf); err != nil {
		return err
	}
	// Peers will check the same; failing here gives a clear local error.
	inter := x509.NewCertPool()
	for _, der := range c.Certificate.Certificate[1:] {
		ic, err := x509.ParseCertificate(der)
		if err != nil {
			return fmt.Errorf("%w: own chain: %w", ErrConfig, err)
		}
		inter.AddCert(ic)
	}
	if err := verifyPartyCert(leaf, c.CA, inter); err != nil {
		return fmt.Errorf("%w: own certificate: %w", ErrConfig, err)
	}
	return nil
}
