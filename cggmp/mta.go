package cggmp

import (
	"fmt"

	"github.com/cronokirby/saferith"
	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/internal/bigint"
	"github.com/mosaic-mpc/mosaic/internal/transcript"
	"github.com/mosaic-mpc/mosaic/paillier"
	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/mosaic-mpc/mosaic/zk"
	"github.com/mosaic-mpc/mosaic/zk/affg"
)

// The multiplicative-to-additive conversions of presigning (CGGMP21
// Fig. 7, round 2): for each peer P_j, P_i makes one MtA of γ_i with P_j's
// k_j and one of x'_i with k_j, so that α_{j,i} + β_{i,j} = γ_i·k_j and
// α̂_{j,i} + β̂_{i,j} = x'_i·k_j, where P_j decrypts α_{j,i} and P_i keeps
// β_{i,j}.

// mta is P_i's side of one MtA with P_j for a secret x with public
// X = x·G: D_{j,i} = x⊙K_j ⊕ enc_j(−β; s) and F_{j,i} = enc_i(−β; r), with
// the Πaff-g proof that they are so made (ψ_{j,i}, or ψ̂_{j,i} for x'_i);
// β stays with P_i.
type mta struct {
	D, F  *paillier.Ciphertext
	beta  curve.Scalar // β mod q
	proof []byte
}

// mtaKind names the two MtAs in proof transcripts: the one of γ_i, and the
// one of x'_i.
const (
	mtaGamma = "affg-gamma"
	mtaX     = "affg-x"
)

// newMTA runs the prover's side of one MtA with peer j.
func (st *presignState) newMTA(j transport.PartyID, x curve.Scalar, X curve.Point, kind string) (*mta, error) {
	pkj := st.pk[j]
	beta, err := bigint.SampleIntBits(st.cfg.Rand, zk.LPrime)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", transport.ErrLocal, err)
	}
	negBeta := new(saferith.Int).SetInt(beta).Neg(1)
	s, err := bigint.SampleUnit(st.cfg.Rand, pkj.N())
	if err != nil {
		return nil, fmt.Errorf("%w: %w", transport.ErrLocal, err)
	}
	D := pkj.AffineWithNonce(st.K[j], scalarInt(x), negBeta, s)
	F, r, err := st.sk.Enc(st.cfg.Rand, negBeta)
	if err != nil {
		return nil, err
	}
	pub := affg.Public{N0: pkj, N1: st.sk.PublicKey(), C: st.K[j], D: D, Y: F, X: X, Aux: st.ped[j]}
	p, err := affg.NewProof(st.proofTranscript(kind, st.self, j), pub,
		affg.Private{X: scalarInt(x), Y: negBeta, Rho: s, RhoY: r, SecretKey: st.sk}, st.cfg.Rand)
	if err != nil {
		return nil, fmt.Errorf("cggmp: Πaff-g: %w", err)
	}
	raw, err := p.MarshalBinary()
	if err != nil {
		return nil, err
	}
	return &mta{D: D, F: F, beta: st.curve.ScalarFromInt(beta), proof: raw}, nil
}

// verifyMtA checks the Πaff-g of one of sender j's MtAs for its addressee
// i: (D, F) against K_i and the public X = x_j·G.
func (st *presignState) verifyMtA(kind string, i, j transport.PartyID, D, F *paillier.Ciphertext, X curve.Point, proof []byte) error {
	pub := affg.Public{N0: st.pk[i], N1: st.pk[j], C: st.K[i], D: D, Y: F, X: X, Aux: st.ped[i]}
	return proofFailed("Πaff-g ("+kind+")", verifyProof(st, affg.DecodeProof, pub, proof, kind, i, j))
}

// mtaSum returns U_i = H ⊕ Σ_j D_{i,j} ⊖ Σ_j F_{j,i} under N_i for the
// MtAs of γ (or Û_i with D̂, F̂ for those of x' when hat): D_{i,j} is the
// part addressed to P_i of P_j's round-2 message, F_{j,i} the part of P_i's
// own addressed to P_j. With an honest H_i, U_i encrypts exactly δ_i
// (Û_i exactly χ_i) before reduction mod q.
func (st *presignState) mtaSum(i transport.PartyID, H *paillier.Ciphertext, hat bool) (*paillier.Ciphertext, error) {
	pk := st.pk[i]
	U := H
	for _, j := range othersOf(st.signers, i) {
		in, err := partFor(st.signers, st.round2[j].Parts, j, i)
		if err != nil {
			return nil, err
		}
		out, err := partFor(st.signers, st.round2[i].Parts, i, j)
		if err != nil {
			return nil, err
		}
		D, F := in.D, out.F
		if hat {
			D, F = in.DHat, out.FHat
		}
		U = pk.Sub(pk.Add(U, D), F)
	}
	return U, nil
}

// verifyProof decodes prover's proof addressed to verifier against its
// statement pub and verifies it (verifyAs) under the transcript of kind.
func verifyProof[P any, Q keyedProof[P]](st *presignState, decode func(P, []byte) (Q, error), pub P, proof []byte, kind string, verifier, prover transport.PartyID) error {
	p, err := decode(pub, proof)
	if err != nil {
		return err
	}
	return verifyAs(st, verifier, p, st.proofTranscript(kind, prover, verifier), pub)
}

// keyedProof is what every zk proof of presigning offers.
type keyedProof[P any] interface {
	Verify(*transcript.Transcript, P) error
	VerifyWithKey(*transcript.Transcript, P, *paillier.SecretKey) error
}

// verifyAs checks p for verifier: with this party's own Paillier key when
// it is the verifier (its ring-Pedersen modulus is its Paillier modulus, so
// the ring-Pedersen equations, and Πaff-g's equation modulo N0², go by
// CRT modulo its primes, several times faster), plainly when it re-checks
// a proof addressed to another party to judge a complaint.
func verifyAs[P any](st *presignState, verifier transport.PartyID, p keyedProof[P], t *transcript.Transcript, pub P) error {
	if verifier == st.self {
		return p.VerifyWithKey(t, pub, st.sk)
	}
	return p.Verify(t, pub)
}
