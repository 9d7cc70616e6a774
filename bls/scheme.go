package bls

import (
	"errors"
	"fmt"

	circl "github.com/cloudflare/circl/ecc/bls12381"

	"github.com/mosaic-mpc/mosaic/curve"
)

// PublicKeySize is the length of a compressed G1 point, a public key.
const PublicKeySize = 48

// KeyValidate decodes a public key as the draft's KeyValidate (section
// 2.5) requires: a canonical compressed G1 point, in the order-r subgroup,
// not the identity. The key is a point of curve.BLS12381G1, usable with
// the dkg and refresh packages.
func KeyValidate(b []byte) (curve.Point, error) {
	p, err := curve.BLS12381G1().DecodePoint(b, false)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalidPublicKey, err)
	}
	return p, nil
}

// SkToPk returns sk·G1, the public key of a secret key (section 2.4).
func SkToPk(sk curve.Scalar) (curve.Point, error) {
	if err := checkSecret(sk); err != nil {
		return nil, err
	}
	return curve.BLS12381G1().ScalarBaseMult(sk), nil
}

// checkSecret refuses nil, a scalar of another curve, and zero, whose
// public key would be the identity.
func checkSecret(sk curve.Scalar) error {
	if sk == nil || sk.Curve() == nil || sk.Curve().ID() != curve.IDBLS12381G1 {
		return fmt.Errorf("%w: secret key is not a BLS12-381 scalar", ErrInput)
	}
	if sk.IsZero() {
		return fmt.Errorf("%w: secret key is zero", ErrInput)
	}
	return nil
}

// checkPublic refuses nil, a point of another curve, and the identity.
// Points of curve.BLS12381G1 are in G1 by construction (DecodePoint checks
// the subgroup), so this completes KeyValidate for decoded keys.
func checkPublic(pk curve.Point) error {
	if pk == nil || pk.Curve() == nil || pk.Curve().ID() != curve.IDBLS12381G1 {
		return fmt.Errorf("%w: not a BLS12-381 G1 point", ErrInvalidPublicKey)
	}
	if pk.IsIdentity() {
		return fmt.Errorf("%w: the identity", ErrInvalidPublicKey)
	}
	return nil
}

// coreSign is CoreSign (section 2.6): sk·hash_to_point(msg), the
// multiplication by circl's constant-time fixed-window code.
func coreSign(sk curve.Scalar, msg []byte, dst string) *Signature {
	h := HashToG2(msg, []byte(dst))
	k := circlScalar(sk)
	s := new(Signature)
	s.p.ScalarMult(k, &h.p)
	*k = circl.Scalar{}
	return s
}

// circlScalar converts a BLS12-381 scalar to circl's form; callers clear
// it after use.
func circlScalar(sk curve.Scalar) *circl.Scalar {
	b := sk.Bytes()
	k := new(circl.Scalar)
	if err := k.UnmarshalBinary(b); err != nil {
		panic(err) // unreachable: Bytes is canonical, below r
	}
	clear(b)
	return k
}

// coreVerify is CoreVerify (section 2.7): e(pk, H(msg)) = e(G1, σ).
func coreVerify(pk curve.Point, msg []byte, sig *Signature, dst string) error {
	if err := checkPublic(pk); err != nil {
		return err
	}
	if sig == nil {
		return fmt.Errorf("%w: nil signature", ErrInput)
	}
	if sig.isIdentity() {
		// e(pk, H(m)) = e(G1, 0) = 1 needs pk or H(m) to be the identity;
		// neither is, so the equation cannot hold.
		return fmt.Errorf("%w: the identity", ErrInvalidSignature)
	}
	h := HashToG2(msg, []byte(dst))
	if !pairingProductIsOne([]*circl.G1{curve.BLS12381G1Point(pk), negG1Generator()}, []*circl.G2{&h.p, &sig.p}) {
		return ErrInvalidSignature
	}
	return nil
}

// Sign is the suite's Sign (sections 3.1 and 3.3): CoreSign with the
// suite's tag. sk is secret; the G2 multiplication is constant time.
func (s Suite) Sign(sk curve.Scalar, msg []byte) (*Signature, error) {
	if !s.valid() {
		return nil, fmt.Errorf("%w: zero Suite", ErrInput)
	}
	if err := checkSecret(sk); err != nil {
		return nil, err
	}
	return coreSign(sk, msg, s.DST()), nil
}

// Verify is the suite's Verify: nil if sig is pk's signature on msg.
func (s Suite) Verify(pk curve.Point, msg []byte, sig *Signature) error {
	if !s.valid() {
		return fmt.Errorf("%w: zero Suite", ErrInput)
	}
	return coreVerify(pk, msg, sig, s.DST())
}

// Aggregate is the draft's Aggregate (section 2.8): the sum of the
// signatures. As in Ethereum's consensus layer, the sum may be the
// identity (the aggregate of the infinity signature alone is the infinity
// signature); no verification accepts it.
func Aggregate(sigs ...*Signature) (*Signature, error) {
	if len(sigs) == 0 {
		return nil, fmt.Errorf("%w: no signatures", ErrInput)
	}
	out := new(Signature)
	out.p.SetIdentity()
	for i, sig := range sigs {
		if sig == nil {
			return nil, fmt.Errorf("%w: signature %d is nil", ErrInput, i)
		}
		out.p.Add(&out.p, &sig.p)
	}
	return out, nil
}

// AggregateVerify is the suite's AggregateVerify (section 2.9, and 3.1.1
// for the basic scheme, which also requires the messages to be distinct):
// nil if sig aggregates a signature by pks[i] on msgs[i] for every i.
func (s Suite) AggregateVerify(pks []curve.Point, msgs [][]byte, sig *Signature) error {
	if !s.valid() {
		return fmt.Errorf("%w: zero Suite", ErrInput)
	}
	if len(pks) == 0 || len(pks) != len(msgs) {
		return fmt.Errorf("%w: %d keys for %d messages", ErrInput, len(pks), len(msgs))
	}
	if sig == nil {
		return fmt.Errorf("%w: nil signature", ErrInput)
	}
	if sig.isIdentity() {
		// Only keys whose pairings cancel could verify it: refused, as
		// Ethereum's aggregate_verify cases with the infinity signature are.
		return fmt.Errorf("%w: the identity", ErrInvalidSignature)
	}
	if s.id == suiteNUL {
		seen := make(map[string]bool, len(msgs))
		for _, m := range msgs {
			if seen[string(m)] {
				return fmt.Errorf("%w: the basic scheme needs distinct messages", ErrInvalidSignature)
			}
			seen[string(m)] = true
		}
	}
	g1s := make([]*circl.G1, 0, len(pks)+1)
	g2s := make([]*circl.G2, 0, len(pks)+1)
	for i, pk := range pks {
		if err := checkPublic(pk); err != nil {
			return fmt.Errorf("key %d: %w", i, err)
		}
		h := HashToG2(msgs[i], []byte(s.DST()))
		g1s = append(g1s, curve.BLS12381G1Point(pk))
		g2s = append(g2s, &h.p)
	}
	g1s = append(g1s, negG1Generator())
	g2s = append(g2s, &sig.p)
	if !pairingProductIsOne(g1s, g2s) {
		return ErrInvalidSignature
	}
	return nil
}

// FastAggregateVerify (section 3.3.4) checks an aggregate of signatures
// on one message against the sum of the keys. Only the POP suite has it:
// without checked proofs of possession, a rogue key forges it.
func (s Suite) FastAggregateVerify(pks []curve.Point, msg []byte, sig *Signature) error {
	if s.id != suitePOP {
		return fmt.Errorf("%w: FastAggregateVerify", ErrNotSupported)
	}
	if len(pks) == 0 {
		return fmt.Errorf("%w: no keys", ErrInput)
	}
	agg := curve.BLS12381G1().Identity()
	for i, pk := range pks {
		if err := checkPublic(pk); err != nil {
			return fmt.Errorf("key %d: %w", i, err)
		}
		agg = agg.Add(pk)
	}
	if agg.IsIdentity() {
		return fmt.Errorf("%w: the keys sum to the identity", ErrInvalidPublicKey)
	}
	return coreVerify(agg, msg, sig, s.DST())
}

// PopProve (section 3.3.2) signs the key's own compressed encoding with
// the proof-of-possession tag.
func (s Suite) PopProve(sk curve.Scalar) (*Signature, error) {
	if s.id != suitePOP {
		return nil, fmt.Errorf("%w: PopProve", ErrNotSupported)
	}
	pk, err := SkToPk(sk)
	if err != nil {
		return nil, err
	}
	return coreSign(sk, pk.Bytes(), DSTProof), nil
}

// PopVerify (section 3.3.3) checks a proof of possession for pk.
func (s Suite) PopVerify(pk curve.Point, proof *Signature) error {
	if s.id != suitePOP {
		return fmt.Errorf("%w: PopVerify", ErrNotSupported)
	}
	if err := checkPublic(pk); err != nil {
		return err
	}
	if err := coreVerify(pk, pk.Bytes(), proof, DSTProof); err != nil {
		if errors.Is(err, ErrInvalidSignature) {
			return fmt.Errorf("%w: proof of possession", err)
		}
		return err
	}
	return nil
}
