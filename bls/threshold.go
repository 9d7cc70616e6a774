package bls

import (
	"cmp"
	"encoding/binary"
	"fmt"
	"slices"

	circl "github.com/cloudflare/circl/ecc/bls12381"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/dkg"
	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/mosaic-mpc/mosaic/vss"
)

// PartialSignature is one signer's share of a threshold signature,
// σ_i = x_i·H(m) for its Shamir share x_i of the group key.
type PartialSignature struct {
	// Signer is the party that made it.
	Signer transport.PartyID
	// Sig is x_i·H(m), a G2 point.
	Sig *Signature
}

// PartialSignatureSize is the length of an encoded partial signature: the
// signer's id (4 bytes, big-endian) and the 96-byte G2 point.
const PartialSignatureSize = 4 + SignatureSize

// MarshalBinary encodes the partial signature in PartialSignatureSize
// bytes.
func (p *PartialSignature) MarshalBinary() ([]byte, error) {
	if p == nil || p.Sig == nil {
		return nil, fmt.Errorf("%w: nil partial signature", ErrInput)
	}
	return append(binary.BigEndian.AppendUint32(nil, uint32(p.Signer)), p.Sig.Bytes()...), nil
}

// DecodePartialSignature parses a partial signature a peer sent; the G2
// point is checked as DecodeSignature does, and the identity, which
// DecodeSignature accepts for a final signature, is refused naming the
// signer: x_i·H(m) with x_i ≠ 0 is never the identity (SECURITY.md rule
// 1), so it can only come from a faulty or malicious party.
func DecodePartialSignature(b []byte) (*PartialSignature, error) {
	if len(b) != PartialSignatureSize {
		return nil, fmt.Errorf("%w: partial signature of %d bytes", ErrInvalidPoint, len(b))
	}
	signer := transport.PartyID(binary.BigEndian.Uint32(b))
	sig, err := DecodeSignature(b[4:])
	if err != nil {
		return nil, err
	}
	if sig.isIdentity() {
		return nil, identityPartial(signer)
	}
	return &PartialSignature{Signer: signer, Sig: sig}, nil
}

// identityPartial is the error for a partial signature that is the
// identity of G2; it is both an invalid partial and an invalid point.
func identityPartial(signer transport.PartyID) error {
	return fmt.Errorf("%w: %w: party %d sent the identity", ErrInvalidPartial, ErrInvalidPoint, signer)
}

// checkKey refuses a share that is not a BLS12-381 G1 key.
func checkKey(key *dkg.KeyShare) error {
	if key == nil || key.Curve == nil || key.Curve.ID() != curve.IDBLS12381G1 {
		return fmt.Errorf("%w: key share is not on BLS12-381 G1", ErrInput)
	}
	if key.GroupKey == nil || key.Threshold < 1 {
		return fmt.Errorf("%w: key share without a group key", ErrInput)
	}
	return nil
}

// PartialSign returns the share holder's partial signature on msg under
// the suite: x_i·H(m), with the constant-time G2 multiplication. The
// share's secret never leaves it; the result is public.
func (s Suite) PartialSign(share *dkg.KeyShare, msg []byte) (*PartialSignature, error) {
	return partialSign(s, share, msg, s.DST())
}

func partialSign(s Suite, share *dkg.KeyShare, msg []byte, dst string) (*PartialSignature, error) {
	if !s.valid() {
		return nil, fmt.Errorf("%w: zero Suite", ErrInput)
	}
	if err := checkKey(share); err != nil {
		return nil, err
	}
	if err := checkSecret(share.Secret); err != nil {
		return nil, err
	}
	return &PartialSignature{Signer: share.Self, Sig: coreSign(share.Secret, msg, dst)}, nil
}

// PartialVerify checks a partial signature against its signer's
// verification share X_i = x_i·G1 from the public part of key:
// e(X_i, H(m)) = e(G1, σ_i).
func (s Suite) PartialVerify(key *dkg.KeyShare, msg []byte, p *PartialSignature) error {
	if !s.valid() {
		return fmt.Errorf("%w: zero Suite", ErrInput)
	}
	if err := checkKey(key); err != nil {
		return err
	}
	return partialVerify(key, HashToG2(msg, []byte(s.DST())), p)
}

func partialVerify(key *dkg.KeyShare, h *Signature, p *PartialSignature) error {
	if p == nil || p.Sig == nil {
		return fmt.Errorf("%w: nil partial signature", ErrInvalidPartial)
	}
	if p.Sig.isIdentity() {
		return identityPartial(p.Signer)
	}
	share, ok := key.PublicShare(p.Signer)
	if !ok {
		return fmt.Errorf("%w: party %d holds no share of the key", ErrInvalidPartial, p.Signer)
	}
	if !pairingProductIsOne([]*circl.G1{curve.BLS12381G1Point(share), negG1Generator()}, []*circl.G2{&h.p, &p.Sig.p}) {
		return fmt.Errorf("%w: party %d", ErrInvalidPartial, p.Signer)
	}
	return nil
}

// Combine interpolates t partial signatures on msg in G2 (Lagrange at 0)
// into the group's signature, which it verifies under key.GroupKey before
// returning it. It uses the t partials of the smallest signer ids; if
// their combination does not verify, or any partial given is the identity
// of G2, it checks every partial given and returns a *CombineError naming
// every signer whose partial fails, so the caller can drop them and
// combine again. A party listed twice is refused (ErrInput); fewer than t
// partials give ErrNotEnoughPartials.
func (s Suite) Combine(key *dkg.KeyShare, msg []byte, partials []*PartialSignature) (*Signature, error) {
	return combine(s, key, msg, partials, s.DST())
}

func combine(s Suite, key *dkg.KeyShare, msg []byte, partials []*PartialSignature, dst string) (*Signature, error) {
	if !s.valid() {
		return nil, fmt.Errorf("%w: zero Suite", ErrInput)
	}
	if err := checkKey(key); err != nil {
		return nil, err
	}
	sorted := make([]*PartialSignature, 0, len(partials))
	seen := make(map[transport.PartyID]bool, len(partials))
	anyIdentity := false
	for i, p := range partials {
		if p == nil || p.Sig == nil {
			return nil, fmt.Errorf("%w: partial %d is nil", ErrInput, i)
		}
		if seen[p.Signer] {
			return nil, fmt.Errorf("%w: party %d appears twice", ErrInput, p.Signer)
		}
		seen[p.Signer] = true
		anyIdentity = anyIdentity || p.Sig.isIdentity()
		sorted = append(sorted, p)
	}
	if len(sorted) < key.Threshold {
		return nil, fmt.Errorf("%w: %d of %d", ErrNotEnoughPartials, len(sorted), key.Threshold)
	}
	slices.SortFunc(sorted, func(a, b *PartialSignature) int { return cmp.Compare(a.Signer, b.Signer) })
	h := HashToG2(msg, []byte(dst))
	// An identity partial is never honest: its sender is named even when
	// it is not among the t partials the combination would use.
	var err error
	if !anyIdentity {
		var sig *Signature
		sig, err = interpolate(key, sorted[:key.Threshold])
		if err == nil && coreVerify(key.GroupKey, msg, sig, dst) == nil {
			return sig, nil
		}
	}
	var culprits []transport.PartyID
	var first error
	for _, p := range sorted {
		if perr := partialVerify(key, h, p); perr != nil {
			culprits = append(culprits, p.Signer)
			if first == nil {
				first = perr
			}
		}
	}
	if len(culprits) > 0 {
		return nil, newCombineError(culprits, first)
	}
	// Every partial verifies against its share, yet the combination does
	// not verify: the key's public shares are inconsistent with its group
	// key, which dkg.KeyShare.Validate would have refused.
	if err != nil {
		return nil, err
	}
	return nil, fmt.Errorf("%w: the combination of valid partials fails; is the key share validated?", ErrInvalidSignature)
}

// interpolate returns Σ λ_i(0)·σ_i over the given signers. Public values
// only: the partials and coefficients are known to every combiner.
func interpolate(key *dkg.KeyShare, ps []*PartialSignature) (*Signature, error) {
	ids := make([]curve.Scalar, len(ps))
	for i, p := range ps {
		id, err := key.IDScalar(p.Signer)
		if err != nil {
			return nil, fmt.Errorf("%w: party %d: %w", ErrInvalidPartial, p.Signer, err)
		}
		ids[i] = id
	}
	lambdas, err := vss.LagrangeCoefficients(key.Curve, ids)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInput, err)
	}
	points := make([]*circl.G2, len(ps))
	for i, p := range ps {
		points[i] = &p.Sig.p
	}
	out := &Signature{p: *varTimeMultiScalarMultG2(lambdas, points)}
	if out.p.IsIdentity() {
		return nil, fmt.Errorf("%w: the combination is the identity", ErrInvalidSignature)
	}
	return out, nil
}

// ThresholdPopProve returns the share holder's part of a proof of
// possession for the group key: x_i·H_pop(GroupKey), with the POP suite's
// proof tag. CombinePop turns t of them into the group's proof, which
// PopVerify accepts for key.GroupKey: the group shows it holds the key
// without any party holding it.
func (s Suite) ThresholdPopProve(share *dkg.KeyShare) (*PartialSignature, error) {
	if s.id != suitePOP {
		return nil, fmt.Errorf("%w: ThresholdPopProve", ErrNotSupported)
	}
	if err := checkKey(share); err != nil {
		return nil, err
	}
	return partialSign(s, share, share.GroupKey.Bytes(), DSTProof)
}

// CombinePop combines partial proofs of possession as Combine does
// partial signatures, naming every party whose part fails.
func (s Suite) CombinePop(key *dkg.KeyShare, partials []*PartialSignature) (*Signature, error) {
	if s.id != suitePOP {
		return nil, fmt.Errorf("%w: CombinePop", ErrNotSupported)
	}
	if err := checkKey(key); err != nil {
		return nil, err
	}
	return combine(s, key, key.GroupKey.Bytes(), partials, DSTProof)
}
