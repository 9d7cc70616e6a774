package hd

import (
	"errors"
	"fmt"

	"github.com/mosaic-mpc/mosaic/curve"
)

// ErrTaproot means a taproot tweak could not be applied: a merkle root
// that is not 32 bytes, or (with negligible probability) a tweak >= n or an
// output key at infinity.
var ErrTaproot = errors.New("hd: taproot tweak failed")

// BitcoinDERWithSighash returns a new slice holding the DER-encoded ECDSA
// signature der followed by the one-byte sighash type (SIGHASH_ALL = 0x01),
// the form a legacy or SegWit v0 script expects. der must be a strict DER
// (BIP-66) low-S signature; it is not re-checked here.
func BitcoinDERWithSighash(der []byte, sighash byte) []byte {
	out := make([]byte, 0, len(der)+1)
	out = append(out, der...)
	return append(out, sighash)
}

// XOnly returns the 32-byte x-coordinate of a secp256k1 point, BIP-340's
// bytes(P). It returns nil when pub is not a non-identity secp256k1 point.
func XOnly(pub curve.Point) []byte {
	if checkPublicKey(pub) != nil {
		return nil
	}
	b, err := curve.XOnlyBytes(pub)
	if err != nil {
		return nil // unreachable after checkPublicKey
	}
	return b
}

// TaprootOutputKey is BIP-341's taproot_tweak_pubkey: with P = lift_x(x(
// internal)) (the internal key taken as x-only, so its y parity does not
// matter) and t = int(hash_TapTweak(bytes(P) || merkleRoot)), the output
// key is Q = P + t·G. merkleRoot is nil (or empty) for a key-path-only
// output, otherwise the 32-byte script tree root.
//
// It returns outputKey = lift_x(x(Q)), the even-y point a BIP-340 verifier
// reconstructs from the 32 bytes in the scriptPubKey (XOnly(outputKey)),
// parityOdd = whether Q itself has odd y (the low bit of a script-path
// control block), and the tweak t.
//
// Threshold use: with Shamir shares x_i of the internal key X (any parity),
// every party sets x_i' = a·x_i + t with a = -1 if X has odd y and a = 1
// otherwise (the shares of BIP-341's tweaked secret, since Σλ_i = 1), and a
// BIP-340 signer for outputKey negates once more when parityOdd.
// TaprootKeyShare applies all of it to a dkg.KeyShare.
func TaprootOutputKey(internal curve.Point, merkleRoot []byte) (outputKey curve.Point, parityOdd bool, tweak curve.Scalar, err error) {
	if err := checkPublicKey(internal); err != nil {
		return nil, false, nil, err
	}
	if len(merkleRoot) != 0 && len(merkleRoot) != 32 {
		return nil, false, nil, fmt.Errorf("%w: merkle root of %d bytes", ErrTaproot, len(merkleRoot))
	}
	px := XOnly(internal)
	p, err := curve.LiftX(px)
	if err != nil {
		return nil, false, nil, fmt.Errorf("%w: %w", ErrTaproot, err) // unreachable for a valid point
	}
	h := curve.TaggedHash("TapTweak", px, merkleRoot)
	t, err := secp.DecodeScalar(h[:])
	if err != nil {
		return nil, false, nil, fmt.Errorf("%w: tweak not below n", ErrTaproot)
	}
	q := p.Add(secp.ScalarBaseMult(t))
	if q.IsIdentity() {
		return nil, false, nil, fmt.Errorf("%w: output key at infinity", ErrTaproot)
	}
	even, err := curve.HasEvenY(q)
	if err != nil {
		return nil, false, nil, fmt.Errorf("%w: %w", ErrTaproot, err)
	}
	if !even {
		q = q.Negate()
	}
	return q, !even, t, nil
}
