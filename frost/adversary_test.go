package frost

import (
	"bytes"
	"encoding/binary"
	"errors"
	"math/big"
	"testing"

	"filippo.io/edwards25519"
	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/curve"
)

// orderPlus returns q + add as the suite's canonical-width scalar encoding
// (variable time: public test values only).
func orderPlus(t *testing.T, suite Ciphersuite, add int64) []byte {
	t.Helper()
	q := new(big.Int).SetBytes(suite.Curve().Order().Bytes())
	v := q.Add(q, big.NewInt(add))
	be := make([]byte, suite.Curve().ScalarSize())
	v.FillBytes(be)
	if littleEndian(suite.Curve()) {
		reverse(be)
	}
	return be
}

// TestAdversary21_Identifiers is SECURITY.md case 21: identifiers 0, q,
// q+i, duplicates and a missing own identifier are rejected.
func TestAdversary21_Identifiers(t *testing.T) {
	for _, suite := range allSuites {
		t.Run(suite.Name(), func(t *testing.T) {
			c := suite.Curve()
			bad := map[string][]byte{
				"zero":     make([]byte, 32),
				"q":        orderPlus(t, suite, 0),
				"q+1":      orderPlus(t, suite, 1),
				"q+5":      orderPlus(t, suite, 5),
				"all-ones": bytes.Repeat([]byte{0xff}, 32),
				"short":    []byte{1},
				"long":     make([]byte, 33),
				"empty":    nil,
			}
			for name, b := range bad {
				_, err := DecodeIdentifier(suite, b)
				require.ErrorIs(t, err, ErrInvalidIdentifier, name)
			}
			_, err := IdentifierFromUint64(0)
			require.ErrorIs(t, err, ErrInvalidIdentifier)
			_, err = IdentifierFromScalar(c.NewScalar())
			require.ErrorIs(t, err, ErrInvalidIdentifier)
			one, err := DecodeIdentifier(suite, mustID(t, 1).Bytes(suite))
			require.NoError(t, err)
			require.Equal(t, mustID(t, 1), one)
			qm1 := orderPlus(t, suite, -1)
			big, err := DecodeIdentifier(suite, qm1)
			require.NoError(t, err, "q-1 is a valid identifier")
			require.Equal(t, qm1, big.Bytes(suite))

			kps, pub, err := TrustedDealerKeygen(suite, nil, 4, 2, nil)
			require.NoError(t, err)
			n1, c1, err := Commit(suite, kps[0], nil)
			require.NoError(t, err)
			_, c2, err := Commit(suite, kps[1], nil)
			require.NoError(t, err)
			msg := []byte("case 21")

			// A commitment on the wire with each bad identifier.
			enc := c2.Bytes()
			for name, b := range bad {
				if len(b) != c.ScalarSize() {
					continue
				}
				forged := append(append([]byte{}, b...), enc[c.ScalarSize():]...)
				_, err := DecodeSigningCommitments(suite, forged)
				require.ErrorIs(t, err, ErrInvalidIdentifier, name)
			}

			// Duplicates: in the constructor, and on the wire (both a
			// repeated entry and a non-ascending order).
			_, err = NewSigningPackage(suite, []*SigningCommitments{c1, c2, c1}, msg)
			require.ErrorIs(t, err, ErrDuplicateIdentifier)
			_, c1b, err := Commit(suite, kps[0], nil)
			require.NoError(t, err)
			_, err = NewSigningPackage(suite, []*SigningCommitments{c1, c2, c1b}, msg)
			require.ErrorIs(t, err, ErrDuplicateIdentifier, "same identifier, other commitments")
			wire := func(list ...*SigningCommitments) []byte {
				var b []byte
				b = binary.BigEndian.AppendUint16(b, uint16(len(list)))
				for _, sc := range list {
					b = append(b, sc.Bytes()...)
				}
				b = binary.BigEndian.AppendUint32(b, uint32(len(msg)))
				return append(b, msg...)
			}
			_, err = DecodeSigningPackage(suite, wire(c1, c1b, c2))
			require.ErrorIs(t, err, ErrDuplicateIdentifier)
			_, err = DecodeSigningPackage(suite, wire(c2, c1))
			require.ErrorIs(t, err, ErrInvalidEncoding)
			_, err = DecodeSigningPackage(suite, wire(c1, c2))
			require.NoError(t, err)

			// The signer's own identifier missing.
			_, c3, err := Commit(suite, kps[2], nil)
			require.NoError(t, err)
			pkg, err := NewSigningPackage(suite, []*SigningCommitments{c2, c3}, msg)
			require.NoError(t, err)
			_, err = Sign(suite, pkg, n1, kps[0])
			require.ErrorIs(t, err, ErrMissingCommitment)

			// The signer's identifier present with commitments not its own.
			n1, _, err = Commit(suite, kps[0], nil)
			require.NoError(t, err)
			pkg, err = NewSigningPackage(suite, []*SigningCommitments{c1b, c2}, msg)
			require.NoError(t, err)
			_, err = Sign(suite, pkg, n1, kps[0])
			require.ErrorIs(t, err, ErrIncorrectCommitment)
			swapped, err := NewSigningCommitments(suite, kps[0].Identifier(), c1b.Binding(), c1b.Hiding())
			require.NoError(t, err)
			_, c1, err = Commit(suite, kps[0], nil)
			require.NoError(t, err)
			mixed, err := NewSigningCommitments(suite, kps[0].Identifier(), c1.Hiding(), c1b.Binding())
			require.NoError(t, err)
			for _, wrong := range []*SigningCommitments{swapped, mixed} {
				nn, _, err := Commit(suite, kps[0], nil)
				require.NoError(t, err)
				pkg, err = NewSigningPackage(suite, []*SigningCommitments{wrong, c2}, msg)
				require.NoError(t, err)
				_, err = Sign(suite, pkg, nn, kps[0])
				require.ErrorIs(t, err, ErrIncorrectCommitment)
			}

			// A signer the coordinator does not know.
			_, c4, err := Commit(suite, kps[3], nil)
			require.NoError(t, err)
			small, err := NewPublicKeyPackage(suite, pub.GroupKey(), map[Identifier]curve.Point{
				kps[0].Identifier(): kps[0].VerifyingShare(),
				kps[1].Identifier(): kps[1].VerifyingShare(),
			}, 2)
			require.NoError(t, err)
			pkg, err = NewSigningPackage(suite, []*SigningCommitments{c1, c4}, msg)
			require.NoError(t, err)
			_, err = Aggregate(suite, pkg, map[Identifier]*SignatureShare{}, small)
			require.ErrorIs(t, err, ErrUnknownIdentifier)

			// Identifiers out of range for the curve (valid secp256k1
			// scalars above the Ed25519 order) are refused by Ed25519.
			if suite == Ed25519SHA512() {
				s, err := curve.Secp256k1().DecodeScalar(bytes.Repeat([]byte{0x7f}, 32))
				require.NoError(t, err)
				id, err := IdentifierFromScalar(s)
				require.NoError(t, err)
				_, err = NewKeyPackage(suite, id, c.ScalarFromUint64(3), pub.GroupKey(), 1)
				require.ErrorIs(t, err, ErrInvalidIdentifier)
				_, err = NewSigningCommitments(suite, id, c1.Hiding(), c1.Binding())
				require.ErrorIs(t, err, ErrInvalidIdentifier)
			}
		})
	}
}

// failingReader fails every read, as a broken RNG would.
type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, errors.New("rng broken") }

// TestAdversary22_NonceReuse is SECURITY.md case 22: signing twice with one
// nonce pair fails, a failed Sign consumes the nonces too, zeroized nonces
// are refused, and an RNG failure aborts.
func TestAdversary22_NonceReuse(t *testing.T) {
	for _, suite := range allSuites {
		t.Run(suite.Name(), func(t *testing.T) {
			kps, _, err := TrustedDealerKeygen(suite, nil, 3, 2, nil)
			require.NoError(t, err)
			n1, c1, err := Commit(suite, kps[0], nil)
			require.NoError(t, err)
			_, c2, err := Commit(suite, kps[1], nil)
			require.NoError(t, err)
			pkg, err := NewSigningPackage(suite, []*SigningCommitments{c1, c2}, []byte("first"))
			require.NoError(t, err)
			_, err = Sign(suite, pkg, n1, kps[0])
			require.NoError(t, err)
			require.True(t, n1.hiding.IsZero() && n1.binding.IsZero(), "nonces zeroed after use")

			// Same nonces, same package, or another message: refused.
			_, err = Sign(suite, pkg, n1, kps[0])
			require.ErrorIs(t, err, ErrNonceReused)
			pkg2, err := NewSigningPackage(suite, []*SigningCommitments{c1, c2}, []byte("second"))
			require.NoError(t, err)
			_, err = Sign(suite, pkg2, n1, kps[0])
			require.ErrorIs(t, err, ErrNonceReused)

			// A Sign that fails validation still consumes the nonces.
			n3, c3, err := Commit(suite, kps[0], nil)
			require.NoError(t, err)
			_, c4, err := Commit(suite, kps[2], nil)
			require.NoError(t, err)
			bad, err := NewSigningPackage(suite, []*SigningCommitments{c2, c4}, []byte("no own entry"))
			require.NoError(t, err)
			_, err = Sign(suite, bad, n3, kps[0])
			require.ErrorIs(t, err, ErrMissingCommitment)
			good, err := NewSigningPackage(suite, []*SigningCommitments{c3, c4}, []byte("retry"))
			require.NoError(t, err)
			_, err = Sign(suite, good, n3, kps[0])
			require.ErrorIs(t, err, ErrNonceReused)

			// Zeroize makes them unusable.
			n5, c5, err := Commit(suite, kps[0], nil)
			require.NoError(t, err)
			n5.Zeroize()
			pkg5, err := NewSigningPackage(suite, []*SigningCommitments{c5, c2}, []byte("zeroized"))
			require.NoError(t, err)
			_, err = Sign(suite, pkg5, n5, kps[0])
			require.ErrorIs(t, err, ErrNonceReused)

			// Concurrent use: exactly one Sign wins.
			n6, c6, err := Commit(suite, kps[0], nil)
			require.NoError(t, err)
			pkg6, err := NewSigningPackage(suite, []*SigningCommitments{c6, c2}, []byte("race"))
			require.NoError(t, err)
			errs := make(chan error, 8)
			for range 8 {
				go func() {
					_, err := Sign(suite, pkg6, n6, kps[0])
					errs <- err
				}()
			}
			wins := 0
			for range 8 {
				if err := <-errs; err == nil {
					wins++
				} else {
					require.ErrorIs(t, err, ErrNonceReused)
				}
			}
			require.Equal(t, 1, wins)

			// RNG failure aborts, no fallback.
			_, _, err = Commit(suite, kps[0], failingReader{})
			require.ErrorIs(t, err, ErrRandomness)
			_, _, err = TrustedDealerKeygen(suite, nil, 3, 2, failingReader{})
			require.ErrorIs(t, err, ErrRandomness)
			_, _, err = Commit(suite, kps[0], bytes.NewReader(make([]byte, 40)))
			require.ErrorIs(t, err, ErrRandomness, "short read")

			// A zeroized key package cannot commit.
			kps[1].Zeroize()
			_, _, err = Commit(suite, kps[1], nil)
			require.ErrorIs(t, err, ErrInvalidKey)
		})
	}
}

// TestAdversary23_Ed25519Inputs is SECURITY.md case 23: a commitment plus a
// torsion point, the identity, a y >= p encoding, and scalars z >= ℓ are
// rejected at decode.
func TestAdversary23_Ed25519Inputs(t *testing.T) {
	suite := Ed25519SHA512()
	c := suite.Curve()
	kps, pub, err := TrustedDealerKeygen(suite, nil, 3, 2, nil)
	require.NoError(t, err)
	_, comm, err := Commit(suite, kps[0], nil)
	require.NoError(t, err)
	enc := comm.Bytes()
	idEnc := enc[:32]

	// An order-8 point (libsodium's small-order blocklist), checked here.
	torsion, err := new(edwards25519.Point).SetBytes(mustHex(t, "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a"))
	require.NoError(t, err)
	eight := new(edwards25519.Point).Add(torsion, torsion)
	eight.Add(eight, eight)
	eight.Add(eight, eight)
	require.Equal(t, 1, eight.Equal(edwards25519.NewIdentityPoint()))
	require.NotEqual(t, 1, torsion.Equal(edwards25519.NewIdentityPoint()))

	hiding, err := new(edwards25519.Point).SetBytes(comm.Hiding().Bytes())
	require.NoError(t, err)
	hidingPlusTorsion := new(edwards25519.Point).Add(hiding, torsion).Bytes()

	// y >= p: the non-canonical encoding p + y0 of a valid point.
	var nonCanonical []byte
	for y0 := byte(2); y0 < 19 && nonCanonical == nil; y0++ {
		b := bytes.Repeat([]byte{0xff}, 32)
		b[0] = 0xed + y0 // p = 2^255 - 19 = 0x7fff...ffed, little-endian
		b[31] = 0x7f
		if _, err := new(edwards25519.Point).SetBytes(b); err == nil {
			nonCanonical = b
		}
	}
	require.NotNil(t, nonCanonical)
	identity := edwards25519.NewIdentityPoint().Bytes()

	points := map[string][]byte{
		"commitment+torsion": hidingPlusTorsion,
		"torsion":            torsion.Bytes(),
		"identity":           identity,
		"y>=p":               nonCanonical,
	}
	for name, p := range points {
		for slot := range 2 {
			forged := append([]byte{}, idEnc...)
			if slot == 0 {
				forged = append(append(forged, p...), comm.Binding().Bytes()...)
			} else {
				forged = append(append(forged, comm.Hiding().Bytes()...), p...)
			}
			_, err := DecodeSigningCommitments(suite, forged)
			require.ErrorIs(t, err, ErrInvalidCommitment, "%s in slot %d", name, slot)
		}
	}

	// A full signing run to get a real share and signature to forge from.
	run := runRounds(t, suite, kps[:2], []byte("case 23"))
	sig, err := Aggregate(suite, run.pkg, run.shares, pub)
	require.NoError(t, err)
	share := run.shares[kps[0].Identifier()]

	// z >= ℓ: z + ℓ in a share and in the signature (both would pass a
	// reducing decoder).
	plusL := func(z []byte) []byte {
		le := append([]byte{}, z...)
		reverse(le)
		v := new(big.Int).SetBytes(le)
		v.Add(v, new(big.Int).SetBytes(c.Order().Bytes()))
		out := make([]byte, 32)
		v.FillBytes(out)
		reverse(out)
		return out
	}
	shareEnc := share.Bytes()
	_, err = DecodeSignatureShare(suite, append(append([]byte{}, shareEnc[:32]...), plusL(shareEnc[32:])...))
	require.ErrorIs(t, err, ErrInvalidSignatureShare)
	_, err = DecodeSignatureShare(suite, append(append([]byte{}, shareEnc[:32]...), bytes.Repeat([]byte{0xff}, 32)...))
	require.ErrorIs(t, err, ErrInvalidSignatureShare)
	require.NoError(t, Verify(suite, pub.GroupKey(), []byte("case 23"), sig))
	forgedSig := append(append([]byte{}, sig[:32]...), plusL(sig[32:])...)
	require.ErrorIs(t, Verify(suite, pub.GroupKey(), []byte("case 23"), forgedSig), ErrInvalidSignature)

	// R with a torsion component, R the identity, R non-canonical.
	r, err := new(edwards25519.Point).SetBytes(sig[:32])
	require.NoError(t, err)
	for name, rb := range map[string][]byte{
		"R+torsion": new(edwards25519.Point).Add(r, torsion).Bytes(),
		"identity":  identity,
		"y>=p":      nonCanonical,
	} {
		bad := append(append([]byte{}, rb...), sig[32:]...)
		require.ErrorIs(t, Verify(suite, pub.GroupKey(), []byte("case 23"), bad), ErrInvalidSignature, name)
	}
}
