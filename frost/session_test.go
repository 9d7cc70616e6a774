package frost

import (
	"bytes"
	"testing"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/dkg"
	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/stretchr/testify/require"
)

func sessionBytes(b byte, n int) []byte { return bytes.Repeat([]byte{b}, n) }

// sessionPackage builds a public key package over fixed points, so that a
// row can change one field at a time (NewPublicKeyPackage does not check
// that the shares interpolate to the group key).
func sessionPackage(t *testing.T, suite Ciphersuite, group uint64, shares map[uint64]uint64, minSigners int) *PublicKeyPackage {
	c := suite.Curve()
	vs := map[Identifier]curve.Point{}
	for id, x := range shares {
		fid, err := IdentifierFromUint64(id)
		require.NoError(t, err)
		vs[fid] = c.ScalarBaseMult(c.ScalarFromUint64(x))
	}
	pub, err := NewPublicKeyPackage(suite, c.ScalarBaseMult(c.ScalarFromUint64(group)), vs, minSigners)
	require.NoError(t, err)
	return pub
}

type frostSessionInputs struct {
	suite   Ciphersuite
	pub     *PublicKeyPackage
	signers []transport.PartyID
	message []byte
	nonce   []byte
}

func TestSessionID(t *testing.T) {
	shares := map[uint64]uint64{1: 11, 2: 12, 3: 13}
	base := frostSessionInputs{
		suite:   Secp256k1SHA256(),
		pub:     sessionPackage(t, Secp256k1SHA256(), 7, shares, 2),
		signers: []transport.PartyID{1, 2},
		message: []byte("pay 1 coin to Alice"),
		nonce:   sessionBytes(0x5a, 32),
	}
	id := func(in frostSessionInputs) []byte {
		sid, err := SessionID(in.suite, in.pub, in.signers, in.message, in.nonce)
		require.NoError(t, err)
		require.Len(t, sid, 32)
		return sid
	}
	want := id(base)
	tr := sessionPackage(t, Secp256k1TR(), 7, shares, 2)
	tweaked, err := tr.Tweak(nil)
	require.NoError(t, err)

	tests := []struct {
		name string
		edit func(*frostSessionInputs)
		same bool
	}{
		{"same inputs", func(*frostSessionInputs) {}, true},
		{"same package built again", func(in *frostSessionInputs) {
			in.pub = sessionPackage(t, Secp256k1SHA256(), 7, map[uint64]uint64{3: 13, 2: 12, 1: 11}, 2)
		}, true},
		{"signers in another order", func(in *frostSessionInputs) { in.signers = []transport.PartyID{2, 1} }, true},
		{"suite, same points", func(in *frostSessionInputs) { in.suite, in.pub = Secp256k1TR(), tr }, false},
		{"taproot tweak", func(in *frostSessionInputs) { in.suite, in.pub = Secp256k1TR(), tweaked }, false},
		{"group key", func(in *frostSessionInputs) {
			in.pub = sessionPackage(t, Secp256k1SHA256(), 8, shares, 2)
		}, false},
		{"a verifying share", func(in *frostSessionInputs) {
			in.pub = sessionPackage(t, Secp256k1SHA256(), 7, map[uint64]uint64{1: 11, 2: 12, 3: 14}, 2)
		}, false},
		{"participants", func(in *frostSessionInputs) {
			in.pub = sessionPackage(t, Secp256k1SHA256(), 7, map[uint64]uint64{1: 11, 2: 12, 4: 13}, 2)
		}, false},
		{"minimum signers", func(in *frostSessionInputs) {
			in.pub = sessionPackage(t, Secp256k1SHA256(), 7, shares, 1)
		}, false},
		{"signers", func(in *frostSessionInputs) { in.signers = []transport.PartyID{1, 3} }, false},
		{"all signers", func(in *frostSessionInputs) { in.signers = []transport.PartyID{1, 2, 3} }, false},
		{"message", func(in *frostSessionInputs) { in.message = []byte("pay 2 coins to Alice") }, false},
		{"empty message", func(in *frostSessionInputs) { in.message = nil }, false},
		{"nonce", func(in *frostSessionInputs) { in.nonce = sessionBytes(0x5b, 32) }, false},
		{"shortest nonce", func(in *frostSessionInputs) { in.nonce = sessionBytes(0x5a, NonceSize) }, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := base
			tc.edit(&in)
			if tc.same {
				require.Equal(t, want, id(in))
			} else {
				require.NotEqual(t, want, id(in))
			}
		})
	}
}

func TestSessionIDRefuses(t *testing.T) {
	suite := Ed25519SHA512()
	pub := sessionPackage(t, suite, 7, map[uint64]uint64{1: 11, 2: 12, 3: 13}, 2)
	other := sessionPackage(t, Secp256k1SHA256(), 7, map[uint64]uint64{1: 11, 2: 12, 3: 13}, 2)
	nonce := sessionBytes(0x5a, 32)
	two := []transport.PartyID{1, 2}
	tests := []struct {
		name    string
		suite   Ciphersuite
		pub     *PublicKeyPackage
		signers []transport.PartyID
		nonce   []byte
	}{
		{"short nonce", suite, pub, two, sessionBytes(1, NonceSize-1)},
		{"no nonce", suite, pub, two, nil},
		{"invalid suite", Ciphersuite{}, pub, two, nonce},
		{"nil package", suite, nil, two, nonce},
		{"zero package", suite, &PublicKeyPackage{}, two, nonce},
		{"package of another suite", suite, other, two, nonce},
		{"no signers", suite, pub, nil, nonce},
		{"signer 0", suite, pub, []transport.PartyID{0, 1}, nonce},
		{"duplicate signer", suite, pub, []transport.PartyID{1, 1}, nonce},
		{"fewer than the minimum", suite, pub, []transport.PartyID{1}, nonce},
		{"signer without a share", suite, pub, []transport.PartyID{1, 9}, nonce},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sid, err := SessionID(tc.suite, tc.pub, tc.signers, []byte("m"), tc.nonce)
			require.ErrorIs(t, err, ErrConfig)
			require.Nil(t, sid)
		})
	}
}

// TestSessionIDProtocolsNeverCoincide: a FROST signing id never equals the
// key generation id drawn from the same nonce over the same parties.
func TestSessionIDProtocolsNeverCoincide(t *testing.T) {
	nonce := sessionBytes(0x5a, 32)
	parties := []transport.PartyID{1, 2, 3}
	pub := sessionPackage(t, Ed25519SHA512(), 7, map[uint64]uint64{1: 11, 2: 12, 3: 13}, 2)
	signing, err := SessionID(Ed25519SHA512(), pub, parties, nil, nonce)
	require.NoError(t, err)
	for _, protocol := range []string{dkg.Protocol, Protocol} {
		keygen, err := dkg.SessionID(protocol, curve.Edwards25519(), parties, 2, nonce)
		require.NoError(t, err)
		require.NotEqual(t, signing, keygen, protocol)
	}
}
