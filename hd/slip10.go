package hd

import (
	"crypto/hmac"
	"crypto/sha512"
	"encoding/binary"
	"fmt"
	"slices"

	"github.com/mosaic-mpc/mosaic/curve"
)

// slip10MaxRetries bounds the re-hashing of one SLIP-10 step. Each retry is
// needed with probability about 2^-32 (I_L >= n for P-256's n just below
// 2^256), so a step that fails this often is a broken hash, not bad luck;
// the bound keeps the loop finite on any input.
const slip10MaxRetries = 64

// DeriveTweakP256 is DeriveTweak for a NIST P-256 public key: SLIP-10's
// CKDpub ("Universal private key derivation from master private key",
// SatoshiLabs slip-0010.md, curve "Nist256p1 seed") along a non-hardened
// path. A step is BIP-32's, I = HMAC-SHA512(c_par, serP(K_par) || ser32(i))
// with serP the 33-byte compressed SEC1 point, child K_par + I_L·G and
// chain code I_R, except for the invalid child: where BIP-32 gives up
// (I_L >= n or the child at infinity), SLIP-10 hashes again with
// I = HMAC-SHA512(c_par, 0x01 || I_R || ser32(i)) until the child is
// valid, so every index has a child. It returns the accumulated additive
// tweak t with child = pub + t·G, the child key and its chain code; the
// threshold use of t is DeriveTweak's. A hardened component is refused
// with ErrHardened, a key that is not a non-identity P-256 point with
// ErrKey. All inputs are public; it runs in variable time.
func DeriveTweakP256(pub curve.Point, chainCode []byte, path Path) (tweak curve.Scalar, child curve.Point, childChainCode []byte, err error) {
	c := curve.P256()
	switch {
	case pub == nil:
		return nil, nil, nil, fmt.Errorf("%w: nil point", ErrKey)
	case pub.Curve().ID() != curve.IDP256:
		return nil, nil, nil, fmt.Errorf("%w: SLIP-10 P-256 derivation of a %s key", ErrKey, pub.Curve().Name())
	case pub.IsIdentity():
		return nil, nil, nil, fmt.Errorf("%w: %w", ErrKey, curve.ErrIdentity)
	}
	if err := checkChainCode(chainCode); err != nil {
		return nil, nil, nil, err
	}
	if err := path.checkPublic(0); err != nil {
		return nil, nil, nil, err
	}
	tweak = c.NewScalar()
	child, childChainCode = pub, slices.Clone(chainCode)
	for pos, index := range path {
		il, k, cc, err := slip10CKDPub(c, child, childChainCode, index)
		if err != nil {
			return nil, nil, nil, stepError(err, pos, index)
		}
		tweak = tweak.Add(il)
		child, childChainCode = k, cc
	}
	return tweak, child, childChainCode, nil
}

// slip10CKDPub is one SLIP-10 CKDpub step on curve c for a non-hardened
// index: I_L (the step's tweak), the child key and its chain code.
func slip10CKDPub(c curve.Curve, parent curve.Point, chainCode []byte, index uint32) (curve.Scalar, curve.Point, []byte, error) {
	ser := binary.BigEndian.AppendUint32(nil, index)
	data := append(parent.Bytes(), ser...)
	for range slip10MaxRetries {
		mac := hmac.New(sha512.New, chainCode)
		mac.Write(data)
		sum := mac.Sum(nil)
		il, err := c.DecodeScalar(sum[:32])
		if err == nil {
			child := parent.Add(c.ScalarBaseMult(il))
			if !child.IsIdentity() {
				return il, child, slices.Clone(sum[32:]), nil
			}
		}
		// Invalid child: SLIP-10 hashes 0x01 || I_R || ser32(i) instead.
		data = append(append([]byte{0x01}, sum[32:]...), ser...)
	}
	return nil, nil, nil, errInvalidStep
}
