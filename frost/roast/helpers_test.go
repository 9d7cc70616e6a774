package roast_test

import (
	"crypto/ed25519"
	"encoding/binary"
	"io"
	"math/rand/v2"
	"testing"

	"github.com/cloudflare/circl/sign/ed448"
	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/frost"
	"github.com/mosaic-mpc/mosaic/frost/roast"
	"github.com/mosaic-mpc/mosaic/schnorr"
)

// suiteCase is a suite, and for the taproot suite optionally a BIP-341
// tweak of the key, under which the run signs.
type suiteCase struct {
	name  string
	suite frost.Ciphersuite
	tweak bool
}

var suiteCases = []suiteCase{
	{"Ed25519", frost.Ed25519SHA512(), false},
	{"secp256k1", frost.Secp256k1SHA256(), false},
	{"taproot", frost.Secp256k1TR(), false},
	{"taproot-tweaked", frost.Secp256k1TR(), true},
	{"ristretto255", frost.Ristretto255SHA512(), false},
	{"Ed448", frost.Ed448SHAKE256(), false},
	{"P-256", frost.P256SHA256(), false},
}

// seeded returns a deterministic random stream for seed and a label, so
// that a failing run can be replayed from its seed.
func seeded(seed uint64, label string) *rand.ChaCha8 {
	var s [32]byte
	binary.BigEndian.PutUint64(s[:], seed)
	copy(s[8:], label)
	return rand.NewChaCha8(s)
}

// keySet is a dealt t-of-n key: every key package and the public package.
type keySet struct {
	suite frost.Ciphersuite
	keys  []*frost.KeyPackage
	pub   *frost.PublicKeyPackage
}

// dealKeys deals a t-of-n key for sc from a fixed seed, tweaked when sc
// says so (with a script-tree root, the harder of the two tweaks).
func dealKeys(tb testing.TB, sc suiteCase, t, n int) *keySet {
	tb.Helper()
	keys, pub, err := frost.TrustedDealerKeygen(sc.suite, nil, n, t, seeded(uint64(n<<8|t), "keys "+sc.name))
	require.NoError(tb, err)
	if sc.tweak {
		root := make([]byte, 32)
		root[0] = 0x5a
		for i, kp := range keys {
			keys[i], err = kp.Tweak(root)
			require.NoError(tb, err)
		}
		pub, err = pub.Tweak(root)
		require.NoError(tb, err)
	}
	return &keySet{suite: sc.suite, keys: keys, pub: pub}
}

// key returns the key package of signer id.
func (ks *keySet) key(id frost.Identifier) *frost.KeyPackage {
	for _, kp := range ks.keys {
		if kp.Identifier() == id {
			return kp
		}
	}
	return nil
}

// verifySignature checks sig with frost.Verify and with an independent
// verifier of the suite's output: crypto/ed25519, circl's RFC 8032 Ed448
// verifier, or BIP-340 (package schnorr) for the taproot suite.
func verifySignature(tb testing.TB, suite frost.Ciphersuite, pub *frost.PublicKeyPackage, msg, sig []byte) {
	tb.Helper()
	require.NoError(tb, frost.Verify(suite, pub.GroupKey(), msg, sig))
	switch {
	case suite == frost.Ed25519SHA512():
		require.True(tb, ed25519.Verify(pub.GroupKey().Bytes(), msg, sig), "crypto/ed25519 rejects the signature")
	case suite == frost.Ed448SHAKE256():
		require.True(tb, ed448.Verify(pub.GroupKey().Bytes(), msg, sig, ""), "RFC 8032 Ed448 rejects the signature")
	case suite.IsTaproot():
		x, err := curve.XOnlyBytes(pub.GroupKey())
		require.NoError(tb, err)
		require.NoError(tb, schnorr.Verify(x, msg, sig), "BIP-340 rejects the signature")
	}
}

func mustID(tb testing.TB, v uint64) frost.Identifier {
	tb.Helper()
	id, err := frost.IdentifierFromUint64(v)
	require.NoError(tb, err)
	return id
}

func marshal(tb testing.TB, m interface{ MarshalBinary() ([]byte, error) }) []byte {
	tb.Helper()
	b, err := m.MarshalBinary()
	require.NoError(tb, err)
	return b
}

// tamper returns share with z+1: a share of the right form that fails
// verification.
func tamper(tb testing.TB, share *frost.SignatureShare) *frost.SignatureShare {
	tb.Helper()
	c := share.Suite().Curve()
	bad, err := frost.NewSignatureShare(share.Suite(), share.Identifier(), share.Share().Add(c.ScalarFromUint64(1)))
	require.NoError(tb, err)
	return bad
}

// fixture is a coordinator and its signers for one run, with messages
// moved by the test.
type fixture struct {
	keys    *keySet
	msg     []byte
	runID   []byte
	coord   *roast.Coordinator
	signers map[frost.Identifier]*roast.Signer
	first   map[frost.Identifier][]byte // each signer's first message
}

func newFixture(tb testing.TB, sc suiteCase, t, n int, rnd io.Reader) *fixture {
	tb.Helper()
	ks := dealKeys(tb, sc, t, n)
	f := &fixture{
		keys:    ks,
		msg:     []byte("pay 1 coin to Alice"),
		runID:   []byte("run 1"),
		signers: map[frost.Identifier]*roast.Signer{},
		first:   map[frost.Identifier][]byte{},
	}
	var err error
	f.coord, err = roast.NewCoordinator(roast.CoordinatorConfig{Suite: ks.suite, PublicKeys: ks.pub, Message: f.msg, RunID: f.runID})
	require.NoError(tb, err)
	for _, kp := range ks.keys {
		s, first, err := roast.NewSigner(roast.SignerConfig{Suite: ks.suite, Key: kp, Message: f.msg, RunID: f.runID, Rand: rnd})
		require.NoError(tb, err)
		f.signers[kp.Identifier()] = s
		f.first[kp.Identifier()] = marshal(tb, first)
	}
	return f
}

// answer has signer id answer request out and returns the response bytes.
func (f *fixture) answer(tb testing.TB, out roast.Outbound) []byte {
	tb.Helper()
	resp, err := f.signers[out.To].Receive(marshal(tb, out.Request))
	require.NoError(tb, err)
	return marshal(tb, resp)
}
