package hd

import (
	"crypto/hmac"
	"crypto/sha512"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/dkg"
)

// ChainCodeSize is the length of a BIP-32 chain code (the same constant as
// dkg.ChainCodeSize).
const ChainCodeSize = dkg.ChainCodeSize

// secp is the only curve BIP-32 is defined on.
var secp = curve.Secp256k1()

// checkPublicKey accepts a non-identity secp256k1 point.
func checkPublicKey(p curve.Point) error {
	switch {
	case p == nil:
		return fmt.Errorf("%w: nil point", ErrKey)
	case p.Curve().ID() != curve.IDSecp256k1:
		return fmt.Errorf("%w: %w (got %s)", ErrKey, curve.ErrNotSecp256k1, p.Curve().Name())
	case p.IsIdentity():
		return fmt.Errorf("%w: %w", ErrKey, curve.ErrIdentity)
	}
	return nil
}

func checkChainCode(c []byte) error {
	if len(c) != ChainCodeSize {
		return fmt.Errorf("%w: got %d", ErrChainCode, len(c))
	}
	return nil
}

// errInvalidStep marks a BIP-32 invalid child inside one step; the caller
// turns it into an InvalidChildError with the step's position.
var errInvalidStep = errors.New("invalid child")

// ckd computes I = HMAC-SHA512(c_par, data || ser32(i)) and returns
// parse256(I_L) as a scalar and I_R. parse256(I_L) >= n makes the child
// invalid (BIP-32, "Child key derivation (CKD) functions"); the check
// branches, but only with probability below 2^-127.
func ckd(chainCode, data []byte, index uint32) (curve.Scalar, []byte, error) {
	mac := hmac.New(sha512.New, chainCode)
	mac.Write(data)
	mac.Write(binary.BigEndian.AppendUint32(nil, index))
	sum := mac.Sum(nil)
	defer clear(sum)
	il, err := secp.DecodeScalar(sum[:32])
	if err != nil {
		return nil, nil, errInvalidStep
	}
	return il, slices.Clone(sum[32:]), nil
}

// ckdPub is CKDpub((K_par, c_par), i) for a non-hardened i: it returns
// I_L (the additive tweak of this step), K_i = K_par + I_L·G and c_i.
func ckdPub(parent curve.Point, chainCode []byte, index uint32) (curve.Scalar, curve.Point, []byte, error) {
	if index >= HardenedOffset {
		return nil, nil, nil, fmt.Errorf("%w: index %d", ErrHardened, index)
	}
	il, cc, err := ckd(chainCode, parent.Bytes(), index)
	if err != nil {
		return nil, nil, nil, err
	}
	child := parent.Add(secp.ScalarBaseMult(il))
	if child.IsIdentity() {
		return nil, nil, nil, errInvalidStep
	}
	return il, child, cc, nil
}

// ckdPriv is CKDpriv((k_par, c_par), i): k_i = I_L + k_par, where I is
// computed over 0x00 || ser256(k_par) for a hardened i and over
// serP(point(k_par)) otherwise.
func ckdPriv(parent curve.Scalar, chainCode []byte, index uint32) (curve.Scalar, []byte, error) {
	var data []byte
	if index >= HardenedOffset {
		k := parent.Bytes()
		data = append([]byte{0}, k...)
		clear(k)
		defer clear(data)
	} else {
		data = secp.ScalarBaseMult(parent).Bytes()
	}
	il, cc, err := ckd(chainCode, data, index)
	if err != nil {
		return nil, nil, err
	}
	child := il.Add(parent)
	il.Zeroize()
	if child.IsZero() {
		return nil, nil, errInvalidStep
	}
	return child, cc, nil
}

// DeriveTweak applies BIP-32 CKDpub along a non-hardened path from the
// secp256k1 public key pub with chain code chainCode. It returns the
// accumulated additive tweak t = Σ I_L (mod n) with child = pub + t·G, the
// child key and the child's chain code.
//
// Threshold use: if pub is the group key of a Shamir sharing x_i = f(i)
// with f(0) = x, every party adds t to its own share, x_i' = x_i + t. The
// shifted shares lie on f'(z) = f(z) + t, so they are a t-of-n sharing of
// x + t, the child secret key: for any signing set S,
// Σ_{i∈S} λ_i·(x_i + t) = x + t·Σ_{i∈S} λ_i = x + t, because the Lagrange
// coefficients at zero of any set sum to 1 (they interpolate the constant
// polynomial 1). Each public share moves the same way, X_i' = X_i + t·G.
// Adding t to every share is only right BEFORE Lagrange weighting. A
// protocol that first converts to additive shares w_i = λ_i·x_i (CGGMP
// signing does) must instead add t to exactly one w_i, or λ_i·t to each;
// adding t to every w_i would shift the key by |S|·t. DeriveKeyShare does
// the Shamir-level shift for a whole dkg.KeyShare.
//
// Fix the path before presigning: ECDSA presignatures combined with an
// additive tweak chosen afterwards allow related-key forgeries (Groth and
// Shoup, ePrint 2021/1330). The tweak must be an input of the presignature
// or at least known when it is made.
//
// A hardened component is refused with ErrHardened. If BIP-32 declares
// some step's child invalid (I_L >= n, or the child is the point at
// infinity) the error is an *InvalidChildError matching ErrInvalidChild;
// BIP-32 would move on to the next index, and callers choose whether to.
func DeriveTweak(pub curve.Point, chainCode []byte, path Path) (tweak curve.Scalar, child curve.Point, childChainCode []byte, err error) {
	if err := checkPublicKey(pub); err != nil {
		return nil, nil, nil, err
	}
	if err := checkChainCode(chainCode); err != nil {
		return nil, nil, nil, err
	}
	if err := path.checkPublic(0); err != nil {
		return nil, nil, nil, err
	}
	tweak = secp.NewScalar()
	child, childChainCode = pub, slices.Clone(chainCode)
	for pos, index := range path {
		il, k, c, err := ckdPub(child, childChainCode, index)
		if err != nil {
			return nil, nil, nil, stepError(err, pos, index)
		}
		tweak = tweak.Add(il)
		child, childChainCode = k, c
	}
	return tweak, child, childChainCode, nil
}

// stepError attaches the path position to a step's invalid-child error.
func stepError(err error, pos int, index uint32) error {
	if errors.Is(err, errInvalidStep) {
		return &InvalidChildError{Position: pos, Index: index}
	}
	return err
}
