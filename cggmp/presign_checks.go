package cggmp

import (
	"fmt"

	"github.com/mosaic-mpc/mosaic/paillier"
	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/mosaic-mpc/mosaic/zk/enc"
	"github.com/mosaic-mpc/mosaic/zk/logstar"
)

// The checks of presigning's messages (CGGMP21 Fig. 7): each decodes the
// sender's recorded broadcast and verifies the proofs of the part
// addressed to a verifier. The rounds run them with verifier = self; a
// complaint is judged by running them for the complainer (check).

// check re-runs round r's checks of sender's broadcast for verifier.
func (st *presignState) check(r int, verifier, sender transport.PartyID) error {
	var err error
	switch r {
	case 1:
		_, err = checkedBy(verifier, st.message1, st.verify1)(sender)
	case 2:
		_, err = checkedBy(verifier, st.message2, st.verify2)(sender)
	case 3:
		_, err = checkedBy(verifier, st.message3, st.verify3)(sender)
	default:
		err = fmt.Errorf("cggmp: no checks for presigning round %d", r)
	}
	return err
}

// checkedBy is the check of a sender's message for verifier: decode it,
// then verify the part addressed to verifier.
func checkedBy[M any](verifier transport.PartyID, decode func(transport.PartyID) (M, error), verify func(m M, verifier, sender transport.PartyID) error) func(sender transport.PartyID) (M, error) {
	return func(sender transport.PartyID) (M, error) {
		m, err := decode(sender)
		if err != nil {
			return m, err
		}
		return m, verify(m, verifier, sender)
	}
}

// regular returns the body of j's round-r message, an error wrapping
// ErrPresignMalformed if it is not one.
func (st *presignState) regular(r int, j transport.PartyID) ([]byte, error) {
	b, err := st.log.regular(r, j)
	if err != nil {
		return nil, malformed(err)
	}
	return b, nil
}

// message1 decodes j's round-1 message.
func (st *presignState) message1(j transport.PartyID) (*presign1, error) {
	b, err := st.regular(1, j)
	if err != nil {
		return nil, err
	}
	return decodePresign1(b, st.pk[j], len(st.signers)-1)
}

// message2 decodes j's round-2 message.
func (st *presignState) message2(j transport.PartyID) (*presign2, error) {
	b, err := st.regular(2, j)
	if err != nil {
		return nil, err
	}
	peers := othersOf(st.signers, j)
	to := make([]*paillier.PublicKey, len(peers))
	for k, p := range peers {
		to[k] = st.pk[p]
	}
	return decodePresign2(b, st.curve, st.pk[j], to)
}

// message3 decodes j's round-3 message.
func (st *presignState) message3(j transport.PartyID) (*presign3, error) {
	b, err := st.regular(3, j)
	if err != nil {
		return nil, err
	}
	return decodePresign3(b, st.curve, len(st.signers)-1)
}

// verify1 checks ψ⁰_{i,j}, sender j's Πenc for verifier i (Fig. 7,
// round 2, step i): K_j encrypts a value in ±2^(ℓ+ε), so no MtA answer
// goes to a K out of range (SECURITY.md case 10).
func (st *presignState) verify1(m *presign1, i, j transport.PartyID) error {
	psi0, err := partFor(st.signers, m.Psi0, j, i)
	if err != nil {
		return malformed(err)
	}
	pub := enc.Public{N0: st.pk[j], K: m.K.Nat(), Aux: st.ped[i]}
	return proofFailed("Πenc", verifyProof(st, enc.DecodeProof, pub, psi0, "enc", i, j))
}

// verify2 checks the part of sender j's round-2 message addressed to
// verifier i (Fig. 7, round 3, step i): ψ_{i,j} and ψ̂_{i,j}, the Πaff-g of
// both MtAs, and ψ'_{i,j}, the Πlog* tying G_j to Γ_j (SECURITY.md case
// 11).
func (st *presignState) verify2(m *presign2, i, j transport.PartyID) error {
	p, err := partFor(st.signers, m.Parts, j, i)
	if err != nil {
		return malformed(err)
	}
	if err := st.verifyMtA(mtaGamma, i, j, p.D, p.F, m.Gamma, p.Psi); err != nil {
		return err
	}
	if err := st.verifyMtA(mtaX, i, j, p.DHat, p.FHat, st.X[j], p.PsiHat); err != nil {
		return err
	}
	pub := logstar.Public{N0: st.pk[j], C: st.G[j], X: m.Gamma, G: st.curve.Generator(), Aux: st.ped[i]}
	return proofFailed("Πlog*", verifyProof(st, logstar.DecodeProof, pub, p.PsiPrime, "logstar-gamma", i, j))
}

// verify3 checks ψ″_{i,j}, sender j's Πlog* for verifier i (Fig. 7,
// output, step 1): Δ_j = k_j·Γ with k_j the plaintext of K_j.
func (st *presignState) verify3(m *presign3, i, j transport.PartyID) error {
	psi, err := partFor(st.signers, m.PsiDoublePrime, j, i)
	if err != nil {
		return malformed(err)
	}
	pub := logstar.Public{N0: st.pk[j], C: st.K[j], X: m.Delta, G: st.GammaSum, Aux: st.ped[i]}
	return proofFailed("Πlog*", verifyProof(st, logstar.DecodeProof, pub, psi, "logstar-k", i, j))
}

// proofFailed is a failed presigning proof: err, if any, wrapped in
// ErrPresignProof with the proof's name.
func proofFailed(name string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%w: %s: %w", ErrPresignProof, name, err)
}
