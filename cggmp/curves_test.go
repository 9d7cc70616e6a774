package cggmp

import (
	"bytes"
	stdecdsa "crypto/ecdsa"
	"crypto/elliptic"
	"crypto/sha256"
	"math/big"
	"sync"
	"testing"

	"github.com/cronokirby/saferith"
	"github.com/decred/dcrd/dcrec/secp256k1/v4"
	decredecdsa "github.com/decred/dcrd/dcrec/secp256k1/v4/ecdsa"
	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/ecdsa"
	"github.com/mosaic-mpc/mosaic/hd"
	"github.com/mosaic-mpc/mosaic/paillier"
	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/stretchr/testify/require"
)

// ecdsaCurve is one curve of the curve table: how to make its keys and how
// an independent verifier checks its signatures.
type ecdsaCurve struct {
	c curve.Curve
	// verify checks sig on digest under pub in the chain's form with a
	// verifier other than Verify: decred for secp256k1 (and low S),
	// crypto/ecdsa for P-256 (and low S), for the Stark curve the port
	// of StarkWare's reference verify (starkref_test.go) and package
	// ecdsa's Starknet verifier, both given the key's x alone as Starknet
	// gives it.
	verify func(t *testing.T, pub curve.Point, digest []byte, sig *Signature) bool
}

// ecdsaCurves is the curve table every test of this file runs over.
func ecdsaCurves() []ecdsaCurve {
	return []ecdsaCurve{
		{curve.Secp256k1(), verifyDecred},
		{curve.P256(), verifyStdlibP256},
		{curve.Stark(), verifyStarknet},
	}
}

// testDigest is the 32 bytes signed for msg on c: SHA-256, with the top
// five bits cleared on the Stark curve, whose message hashes are below
// 2^251 (a stand-in for a Starknet transaction hash).
func testDigest(c curve.Curve, msg string) []byte {
	d := sha256.Sum256([]byte(msg))
	if c.ID() == curve.IDStark {
		d[0] &= 0x07
	}
	return d[:]
}

func verifyStarknet(t *testing.T, pub curve.Point, digest []byte, sig *Signature) bool {
	return starkRefVerifySig(pub, digest, sig) && ecdsa.VerifyStarkXVarTime(pub.Bytes()[1:], digest, sig.publicECDSA()) == nil
}

func verifyDecred(t *testing.T, pub curve.Point, digest []byte, sig *Signature) bool {
	dpub, err := secp256k1.ParsePubKey(pub.Bytes())
	require.NoError(t, err)
	var r, s secp256k1.ModNScalar
	r.SetByteSlice(sig.R.Bytes())
	s.SetByteSlice(sig.S.Bytes())
	return !s.IsOverHalfOrder() && decredecdsa.NewSignature(&r, &s).Verify(digest, dpub)
}

func verifyStdlibP256(t *testing.T, pub curve.Point, digest []byte, sig *Signature) bool {
	enc, err := curve.EncodeSEC1Uncompressed(pub)
	require.NoError(t, err)
	pk, err := stdecdsa.ParseUncompressedPublicKey(elliptic.P256(), enc)
	require.NoError(t, err)
	s := new(big.Int).SetBytes(sig.S.Bytes())
	halfN := new(big.Int).Rsh(elliptic.P256().Params().N, 1)
	return s.Cmp(halfN) <= 0 && stdecdsa.Verify(pk, digest, new(big.Int).SetBytes(sig.R.Bytes()), new(big.Int).SetBytes(sig.S.Bytes()))
}

// curveKeys caches one set of 2-of-3 keys per curve for the tests that
// only read them, as sharedKeys does for secp256k1.
var curveKeys struct {
	mu   sync.Mutex
	keys map[curve.ID]map[transport.PartyID]*Key
}

func keysOn(t testing.TB, c curve.Curve) map[transport.PartyID]*Key {
	t.Helper()
	if c.ID() == curve.IDSecp256k1 {
		return sharedKeys(t)
	}
	curveKeys.mu.Lock()
	defer curveKeys.mu.Unlock()
	if curveKeys.keys == nil {
		curveKeys.keys = map[curve.ID]map[transport.PartyID]*Key{}
	}
	if k, ok := curveKeys.keys[c.ID()]; ok {
		return k
	}
	k := testKeysOn(t, c, 2, 3, paillier.ModulusBits2048)
	curveKeys.keys[c.ID()] = k
	return k
}

// TestCurvePresignSignVerify: on every curve, presigning and signing
// produce a signature that the curve's independent verifier, Verify and
// the chain form (low S) accept, whose recovery id recovers the key, and
// the presignature and key survive their encodings on their own curve.
func TestCurvePresignSignVerify(t *testing.T) {
	t.Parallel()
	for _, tc := range ecdsaCurves() {
		t.Run(tc.c.Name(), func(t *testing.T) {
			t.Parallel()
			keys := keysOn(t, tc.c)
			ids := partyIDs(3)
			pub := keys[1].PublicKey()
			require.Equal(t, tc.c.ID(), pub.Curve().ID())
			for i := range 3 {
				digest := testDigest(tc.c, string([]byte{byte(i), 'c'}))
				pres := presignAll(t, keys, ids, nil)
				// one presignature goes through its storage encoding
				b, err := pres[2].MarshalBinary()
				require.NoError(t, err)
				if tc.c.ID() == curve.IDSecp256k1 {
					require.Equal(t, byte(presignatureVersion), b[0])
				} else {
					require.Equal(t, []byte{presignatureVersionCurve, byte(tc.c.ID())}, b[:2])
				}
				back, err := ParsePresignature(b)
				require.NoError(t, err)
				require.NoError(t, back.CheckKey(keys[2]))
				require.Equal(t, tc.c.ID(), back.R.Curve().ID())
				pres[2].Discard()
				pres[2] = back

				var partials []*PartialSignature
				for _, id := range ids {
					ps, err := pres[id].SignShare(digest)
					require.NoError(t, err)
					partials = append(partials, ps)
				}
				sig, err := pres[1].Combine(digest, partials)
				require.NoError(t, err)
				require.Equal(t, tc.c.ID(), sig.R.Curve().ID())
				require.NoError(t, Verify(pub, digest, sig))
				require.NoError(t, VerifyChainForm(pub, digest, sig))
				if lowS(tc.c) {
					high := &Signature{R: sig.R, S: sig.S.Negate()}
					require.NoError(t, Verify(pub, digest, high))
					require.ErrorIs(t, VerifyChainForm(pub, digest, high), ErrInvalidSignature)
				}
				require.True(t, tc.verify(t, pub, digest, sig), "independent verifier refuses")
				q, err := RecoverPublicKey(digest, sig)
				require.NoError(t, err)
				require.True(t, q.Equal(pub), "recovery id does not recover the key")
				parsed, err := ParseSignatureOn(tc.c, sig.Bytes())
				require.NoError(t, err)
				require.True(t, parsed.R.Equal(sig.R) && parsed.S.Equal(sig.S))
				require.ErrorIs(t, Verify(pub, testDigest(tc.c, "other"), sig), ErrInvalidSignature)
			}
			kb, err := keys[3].MarshalBinary()
			require.NoError(t, err)
			k2, err := ParseKey(kb)
			require.NoError(t, err)
			require.Equal(t, tc.c.ID(), k2.Share.Curve.ID())
			require.True(t, k2.PublicKey().Equal(pub))
		})
	}
}

// TestCurveFullSign: the one-machine presign-and-sign run on every curve.
func TestCurveFullSign(t *testing.T) {
	t.Parallel()
	for _, tc := range ecdsaCurves() {
		t.Run(tc.c.Name(), func(t *testing.T) {
			t.Parallel()
			keys := keysOn(t, tc.c)
			ids := partyIDs(3)
			digest := testDigest(tc.c, "full sign on "+tc.c.Name())
			sid := randomSID(t)
			ms := map[transport.PartyID]transport.Machine[*Signature]{}
			for _, id := range ids {
				m, err := NewFullSign(FullSignConfig{PresignConfig: PresignConfig{Key: keys[id], Signers: ids, SessionID: sid}, Digest: digest})
				require.NoError(t, err)
				ms[id] = m
			}
			run := runEvil(t, ms, nil, nil)
			require.Empty(t, run.errs)
			for _, id := range ids {
				require.True(t, tc.verify(t, keys[1].PublicKey(), digest, run.outs[id]))
			}
		})
	}
}

// TestCurveDerivedPath: on P-256 a derivation path is SLIP-10's, and the
// signature verifies (crypto/ecdsa) under hd.DeriveTweakP256's child; on
// the Stark curve, which has no standard derivation, a path is refused
// with ErrDerivationCurve.
func TestCurveDerivedPath(t *testing.T) {
	t.Parallel()
	keys := keysOn(t, curve.P256())
	ids := partyIDs(3)
	path := hd.Path{0, 7}
	pres := presignAll(t, keys, ids, nil, path...)
	_, child, _, err := hd.DeriveTweakP256(keys[1].PublicKey(), keys[1].Share.ChainCode, path)
	require.NoError(t, err)
	require.True(t, pres[1].PublicKey().Equal(child))
	digest := testDigest(curve.P256(), "derived")
	var partials []*PartialSignature
	for _, id := range ids {
		ps, err := pres[id].SignShareAt(path, digest)
		require.NoError(t, err)
		partials = append(partials, ps)
	}
	sig, err := pres[2].Combine(digest, partials)
	require.NoError(t, err)
	require.True(t, verifyStdlibP256(t, child, digest, sig))

	stark := keysOn(t, curve.Stark())
	_, err = NewPresign(PresignConfig{Key: stark[1], Signers: ids, SessionID: randomSID(t), Path: []uint32{0, 1}})
	require.ErrorIs(t, err, ErrConfig)
	require.ErrorIs(t, err, ErrDerivationCurve)
	_, err = PresignSessionID(stark[1], ids, []uint32{7}, nil, make([]byte, 32))
	require.ErrorIs(t, err, ErrDerivationCurve)
	_, err = deriveTweak(curve.Stark().Generator(), make([]byte, 32), hd.Path{1})
	require.ErrorIs(t, err, ErrDerivationCurve)
}

// TestCurveRefusals: a tweak works where a path may not; keys and
// signatures on curves without ECDSA here are refused with ErrCurve, and a
// signature of one curve never verifies under another's key.
func TestCurveRefusals(t *testing.T) {
	t.Parallel()
	keys := keysOn(t, curve.P256())
	ids := partyIDs(3)

	// a tweak works on P-256
	tweak := curve.P256().ScalarFromUint64(42)
	pres := presignAll(t, keys, ids, tweak)
	var err error
	digest := testDigest(curve.P256(), "tweaked")
	var partials []*PartialSignature
	for _, id := range ids {
		ps, err := pres[id].SignShare(digest)
		require.NoError(t, err)
		partials = append(partials, ps)
	}
	sig, err := pres[3].Combine(digest, partials)
	require.NoError(t, err)
	child := keys[1].PublicKey().Add(curve.P256().ScalarBaseMult(tweak))
	require.True(t, verifyStdlibP256(t, child, digest, sig))

	// an edwards25519 share makes no ECDSA key
	ed := *keys[1].Share
	ed.Curve = curve.Edwards25519()
	_, err = NewKey(&ed, keys[1].Aux)
	require.ErrorIs(t, err, ErrKey)
	require.ErrorIs(t, err, ErrCurve)

	// a P-256 signature checked under a secp256k1 key, and r || s parsed
	// on edwards25519
	secpPub := sharedKeys(t)[1].PublicKey()
	require.ErrorIs(t, Verify(secpPub, digest, sig), ErrInvalidSignature)
	_, err = ParseSignatureOn(curve.Edwards25519(), sig.Bytes())
	require.ErrorIs(t, err, ErrCurve)
	_, err = ParseSignatureOn(nil, sig.Bytes())
	require.ErrorIs(t, err, ErrCurve)
}

// TestCheckCurve: the three ECDSA curves are accepted, every other curve
// and nil are refused with ErrCurve.
func TestCheckCurve(t *testing.T) {
	t.Parallel()
	for id := curve.ID(1); id <= curve.IDStark; id++ {
		c, err := curve.ByID(id)
		require.NoError(t, err)
		want := id == curve.IDSecp256k1 || id == curve.IDP256 || id == curve.IDStark
		if want {
			require.NoError(t, CheckCurve(c), c.Name())
		} else {
			require.ErrorIs(t, CheckCurve(c), ErrCurve, c.Name())
		}
	}
	require.ErrorIs(t, CheckCurve(nil), ErrCurve)
}

// TestCurveNonceScalar: x(R) mod n and the recovery id agree with the
// point's coordinates on every curve, and the identity is refused.
func TestCurveNonceScalar(t *testing.T) {
	t.Parallel()
	for _, tc := range ecdsaCurves() {
		t.Run(tc.c.Name(), func(t *testing.T) {
			t.Parallel()
			_, _, err := nonceScalarVarTime(tc.c.Identity())
			require.ErrorIs(t, err, ErrNonceRange)
			_, _, err = nonceScalarVarTime(nil)
			require.ErrorIs(t, err, ErrNonceRange)
			n := new(big.Int).SetBytes(tc.c.Order().Bytes())
			for i := range 20 {
				R := tc.c.ScalarBaseMult(tc.c.ScalarFromUint64(uint64(1000 + i)))
				r, recid, err := nonceScalarVarTime(R)
				require.NoError(t, err)
				enc := R.Bytes()
				x := new(big.Int).SetBytes(enc[1:])
				if tc.c.ID() != curve.IDStark {
					// the compressed form's parity is the uncompressed y's
					full, err := curve.EncodeSEC1Uncompressed(R)
					require.NoError(t, err)
					require.Equal(t, full[64]&1, enc[0]&1)
				}
				require.Equal(t, new(big.Int).Mod(x, n).FillBytes(make([]byte, 32)), r.Bytes())
				require.Equal(t, enc[0]&1, recid&1)
				require.Equal(t, x.Cmp(n) >= 0, recid&2 != 0)
			}
		})
	}
}

// TestCurveStarkRules: Starknet's ranges. A message hash outside
// [1, 2^251) is refused by name, before a presignature is consumed; a nonce
// point with x >= 2^251 is refused (ErrNonceRange); an s whose inverse is
// not below 2^251 is replaced by −s, whose inverse is, and the signature
// still verifies.
func TestCurveStarkRules(t *testing.T) {
	t.Parallel()
	c := curve.Stark()
	bound := new(big.Int).Lsh(big.NewInt(1), 251)

	for _, tc := range []struct {
		name   string
		digest []byte
		want   error
	}{
		{"2^251", bound.FillBytes(make([]byte, 32)), ErrStarkMessageHash},
		{"all ones", bytes.Repeat([]byte{0xff}, 32), ErrStarkMessageHash},
		{"zero", make([]byte, 32), ErrStarkMessageHash},
		{"31 bytes", make([]byte, 31), ErrDigestLength},
		{"2^251 - 1", new(big.Int).Sub(bound, big.NewInt(1)).FillBytes(make([]byte, 32)), nil},
		{"one", big.NewInt(1).FillBytes(make([]byte, 32)), nil},
	} {
		_, err := digestScalarOn(c, tc.digest)
		if tc.want == nil {
			require.NoError(t, err, tc.name)
		} else {
			require.ErrorIs(t, err, tc.want, tc.name)
		}
	}

	// a point with x >= 2^251: the first x above the bound on the curve
	for x := new(big.Int).Set(bound); ; x.Add(x, big.NewInt(1)) {
		R, err := c.DecodePoint(append([]byte{0x02}, x.FillBytes(make([]byte, 32))...), false)
		if err != nil {
			continue
		}
		_, _, err = nonceScalarVarTime(R)
		require.ErrorIs(t, err, ErrNonceRange)
		break
	}

	// w = s⁻¹ = 2^251 + 1 is out of Starknet's range; n − w is not
	w := c.ScalarFromNat(new(saferith.Nat).SetBig(new(big.Int).Add(bound, big.NewInt(1)), 256))
	s := w.Invert()
	r := c.ScalarFromUint64(7)
	sig := finishSignature(r, s, 0)
	require.True(t, sig.S.Equal(s.Negate()))
	require.Equal(t, byte(1), sig.RecoveryID)
	require.NoError(t, ecdsa.CheckStarkRanges(big.NewInt(1).FillBytes(make([]byte, 32)), sig.publicECDSA()))
	kept := finishSignature(r, sig.S, 1)
	require.True(t, kept.S.Equal(sig.S), "an s in range is kept, high or not")

	// through the protocol: a message hash out of range consumes nothing;
	// the signature meets Starknet's ranges, and (r, −s) verifies too
	// when its inverse is in range, as Starknet's verifier allows
	keys := keysOn(t, c)
	ids := partyIDs(3)
	pres := presignAll(t, keys, ids, nil)
	bad := bound.FillBytes(make([]byte, 32))
	_, err := pres[1].SignShare(bad)
	require.ErrorIs(t, err, ErrStarkMessageHash)
	require.False(t, pres[1].Used(), "a refused message hash consumes nothing")
	_, err = NewSign(SignConfig{Presignature: pres[1], Digest: bad, SessionID: randomSID(t)})
	require.ErrorIs(t, err, ErrStarkMessageHash)
	_, err = NewFullSign(FullSignConfig{PresignConfig: PresignConfig{Key: keys[1], Signers: ids, SessionID: randomSID(t)}, Digest: bad})
	require.ErrorIs(t, err, ErrStarkMessageHash)
	digest := testDigest(c, "stark")
	var partials []*PartialSignature
	for _, id := range ids {
		ps, err := pres[id].SignShare(digest)
		require.NoError(t, err)
		partials = append(partials, ps)
	}
	got, err := pres[2].Combine(digest, partials)
	require.NoError(t, err)
	require.NoError(t, ecdsa.CheckStarkRanges(digest, got.publicECDSA()))
	flipped := &Signature{R: got.R, S: got.S.Negate()}
	if ecdsa.CheckStarkRanges(digest, flipped.publicECDSA()) == nil {
		require.NoError(t, Verify(keys[1].PublicKey(), digest, flipped))
	}
	q, err := RecoverPublicKey(digest, got)
	require.NoError(t, err)
	require.True(t, q.Equal(keys[1].PublicKey()))
	_, err = ParseSignatureOn(c, append(bound.FillBytes(make([]byte, 32)), got.S.Bytes()...))
	require.ErrorIs(t, err, ErrInvalidSignature)
}
