package cggmp

import (
	"fmt"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/paillier"
)

// The messages of presigning (CGGMP21 Fig. 7) and of its identification
// claims, each the body of an envelope, with its encoding and its decoder
// side by side. Every field is length-prefixed (appendField); "for each
// peer" means one entry for every other signer, in increasing order, the
// part of the broadcast addressed to that signer. A proof travels in its
// own encoding (package zk), decoded against its statement when it is
// verified; every ciphertext, point and scalar is validated when the
// message is decoded (in Z*_{N²} for its key, on the curve and not the
// identity, below the group order), and an error wraps
// ErrPresignMalformed.

// presign1 is round 1's message: K_i = enc_i(k_i), G_i = enc_i(γ_i) and,
// for each peer P_j, ψ⁰_{j,i}: Πenc that K_i encrypts a small value,
// against P_j's ring-Pedersen parameters.
//
//	K | G | ψ⁰ for each peer
type presign1 struct {
	K, G *paillier.Ciphertext
	Psi0 [][]byte
}

// MarshalBinary encodes the message.
func (m *presign1) MarshalBinary() ([]byte, error) {
	return appendFields(appendFields(nil, m.K.Bytes(), m.G.Bytes()), m.Psi0...), nil
}

// decodePresign1 decodes sender's round-1 message: pk is the sender's
// Paillier key, peers the number of its peers.
func decodePresign1(b []byte, pk *paillier.PublicKey, peers int) (*presign1, error) {
	r, err := readFields(b, 2+peers)
	if err != nil {
		return nil, malformed(err)
	}
	m := &presign1{K: r.ciphertext(pk, "K"), G: r.ciphertext(pk, "G"), Psi0: r.list(peers)}
	return decoded(m, r.err)
}

// presign2 is round 2's message: Γ_i = γ_i·G and, for each peer P_j, the
// two MtAs for P_j and ψ'_{j,i}.
//
//	Γ | for each peer: D | F | ψ | D̂ | F̂ | ψ̂ | ψ'
type presign2 struct {
	Gamma curve.Point
	Parts []presign2Part
}

// presign2Part is the part of P_i's round-2 message addressed to P_j:
// D_{j,i} = γ_i⊙K_j ⊕ enc_j(−β_{i,j}) and F_{j,i} = enc_i(−β_{i,j}) with
// ψ_{j,i}, their Πaff-g; D̂_{j,i}, F̂_{j,i} and ψ̂_{j,i}, the same for x'_i
// and β̂_{i,j}; and ψ'_{j,i}, Πlog* that G_i encrypts the discrete log of
// Γ_i.
type presign2Part struct {
	D, F, DHat, FHat      *paillier.Ciphertext
	Psi, PsiHat, PsiPrime []byte
}

// presign2PartFields is the number of fields of a presign2Part.
const presign2PartFields = 7

// MarshalBinary encodes the message.
func (m *presign2) MarshalBinary() ([]byte, error) {
	out := appendField(nil, m.Gamma.Bytes())
	for _, p := range m.Parts {
		out = appendFields(out, p.D.Bytes(), p.F.Bytes(), p.Psi, p.DHat.Bytes(), p.FHat.Bytes(), p.PsiHat, p.PsiPrime)
	}
	return out, nil
}

// decodePresign2 decodes sender's round-2 message on curve c: from is the
// sender's Paillier key (F, F̂ are under it), to the keys of its peers in
// increasing order (each part's D, D̂ are under its addressee's).
func decodePresign2(b []byte, c curve.Curve, from *paillier.PublicKey, to []*paillier.PublicKey) (*presign2, error) {
	r, err := readFields(b, 1+presign2PartFields*len(to))
	if err != nil {
		return nil, malformed(err)
	}
	m := &presign2{Gamma: r.point(c, "Γ"), Parts: make([]presign2Part, len(to))}
	for k, pk := range to {
		m.Parts[k] = presign2Part{
			D: r.ciphertext(pk, "MtA ciphertext D"), F: r.ciphertext(from, "MtA ciphertext F"), Psi: r.bytes(),
			DHat: r.ciphertext(pk, "MtA ciphertext D̂"), FHat: r.ciphertext(from, "MtA ciphertext F̂"), PsiHat: r.bytes(),
			PsiPrime: r.bytes(),
		}
	}
	return decoded(m, r.err)
}

// presign3 is round 3's message: δ_i, Δ_i = k_i·Γ, S_i = χ_i·Γ and, for
// each peer P_j, ψ″_{j,i}: Πlog* that K_i encrypts the discrete log of
// Δ_i in base Γ.
//
//	δ | Δ | S | ψ″ for each peer
type presign3 struct {
	delta          curve.Scalar
	Delta, S       curve.Point
	PsiDoublePrime [][]byte
}

// MarshalBinary encodes the message.
func (m *presign3) MarshalBinary() ([]byte, error) {
	return appendFields(appendFields(nil, m.delta.Bytes(), m.Delta.Bytes(), m.S.Bytes()), m.PsiDoublePrime...), nil
}

// decodePresign3 decodes a round-3 message on curve c from a sender with
// peers peers.
func decodePresign3(b []byte, c curve.Curve, peers int) (*presign3, error) {
	r, err := readFields(b, 3+peers)
	if err != nil {
		return nil, malformed(err)
	}
	m := &presign3{delta: r.scalar(c, "δ"), Delta: r.point(c, "Δ"), S: r.point(c, "S"), PsiDoublePrime: r.list(peers)}
	return decoded(m, r.err)
}

// identifyMode says which consistency check of round 3 failed, and so
// which claim round 4 carries.
type identifyMode int

const (
	identifyNone  identifyMode = iota
	identifyDelta              // δ·G ≠ ΣΔ_j
	identifyChi                // δ·X ≠ ΣS_j
)

// identifyClaim is P_i's round-4 message after a failed consistency check
// (package doc, "Identifiable abort"). After δ·G ≠ ΣΔ_j: H_i, a fresh
// encryption of k_iγ_i, with Πmul, and for each peer a Πdec that U_i
// decrypts to δ_i. After δ·X ≠ ΣS_j: C_i = enc_i(x'_i); Ĥ_i, a fresh
// encryption of k_ix'_i, with Πmul; for each peer a Πlog* that C_i
// encrypts the discrete log of X'_i; and for each peer a wide Πlog* that
// Û_i decrypts to the discrete log of S_i in base Γ.
//
//	identifyDelta: H | Πmul | Πdec for each peer
//	identifyChi:   C | Ĥ | Πmul | Πlog* for each peer | wide Πlog* for each peer
type identifyClaim struct {
	C   *paillier.Ciphertext // identifyChi only
	H   *paillier.Ciphertext // H_i, or Ĥ_i
	Mul []byte
	Log [][]byte // identifyChi only
	Sum [][]byte // Πdec for U_i, or wide Πlog* for Û_i
}

// MarshalBinary encodes the claim; its mode is whether C is set.
func (m *identifyClaim) MarshalBinary() ([]byte, error) {
	var out []byte
	if m.C != nil {
		out = appendField(out, m.C.Bytes())
	}
	out = appendFields(appendFields(out, m.H.Bytes(), m.Mul), m.Log...)
	return appendFields(out, m.Sum...), nil
}

// decodeClaim decodes the claim of a sender with Paillier key pk and
// peers peers, for the failed check mode.
func decodeClaim(b []byte, mode identifyMode, pk *paillier.PublicKey, peers int) (*identifyClaim, error) {
	n := 2 + peers
	if mode == identifyChi {
		n = 3 + 2*peers
	}
	r, err := readFields(b, n)
	if err != nil {
		return nil, malformed(err)
	}
	m := &identifyClaim{}
	if mode == identifyChi {
		m.C = r.ciphertext(pk, "C")
	}
	m.H, m.Mul = r.ciphertext(pk, "H"), r.bytes()
	if mode == identifyChi {
		m.Log = r.list(peers)
	}
	m.Sum = r.list(peers)
	return decoded(m, r.err)
}

// malformed marks a decoding error as the sender's malformed presigning
// message.
func malformed(err error) error { return fmt.Errorf("%w: %w", ErrPresignMalformed, err) }

// decoded returns m, or nothing if decoding it failed with err.
func decoded[M any](m *M, err error) (*M, error) {
	if err != nil {
		return nil, malformed(err)
	}
	return m, nil
}
