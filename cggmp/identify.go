package cggmp

import (
	"errors"
	"fmt"

	"github.com/cronokirby/saferith"
	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/internal/bigint"
	"github.com/mosaic-mpc/mosaic/internal/par"
	"github.com/mosaic-mpc/mosaic/paillier"
	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/mosaic-mpc/mosaic/zk/dec"
	"github.com/mosaic-mpc/mosaic/zk/logstar"
	"github.com/mosaic-mpc/mosaic/zk/mul"
)

// Identification after a failed consistency check (CGGMP21, Fig. 7 Output
// step 2 and Fig. 8's identification, "identifying the culprit"). Every
// proof of presigning verified, so some party P_i announced a δ_i or an S_i
// that is not what its ciphertexts say. Every party then proves its own
// value in a round-4 claim; everyone checks everyone's.
//
// After a failed δ check (δ·G ≠ ΣΔ_j), P_i's claim is
//
//   - H_i = γ_i ⊙ K_i (re-randomised), with Πmul against G_i = enc_i(γ_i);
//   - for every peer, a Πdec proof that U_i = H_i ⊕ Σ_j D_{i,j} ⊖ Σ_j F_{j,i}
//     decrypts to δ_i mod q. Everyone can compute U_i: D_{i,j} is the part
//     of P_j's round-2 broadcast addressed to P_i, F_{j,i} the part of P_i's
//     own addressed to P_j, and U_i encrypts exactly k_iγ_i +
//     Σ_j(α_{i,j} + β_{i,j}).
//
// After a failed S check (δ·X ≠ ΣS_j with the δ check passed), P_i's claim
// is
//
//   - C_i = enc_i(x_i) with, for every peer, Πlog* that C_i encrypts the
//     discrete log of the public share X_i;
//   - Ĥ_i = x_i ⊙ K_i (re-randomised), with Πmul against C_i;
//   - for every peer, a wide Πlog* (zk/logstar, Public.Wide) that
//     Û_i = Ĥ_i ⊕ Σ_j D̂_{i,j} ⊖ Σ_j F̂_{j,i}, an encryption of
//     k_ix_i + Σ_j(α̂_{i,j} + β̂_{i,j}), decrypts to the discrete log of S_i in
//     base Γ.
//
// The sums are right only if every MtA that enters them is: the Πaff-g
// proof of P_j's MtA for P_i was checked by P_i alone in round 2, so every
// party re-checks the proofs of the MtAs addressed to the others. An MtA
// whose proof fails names both its sender, who made it, and its addressee,
// who accepted it without complaint; only these are named when there are
// any, since the others' sums depend on them. Otherwise every party whose
// Πmul, Πlog* or Πdec fails is named. The verdict waits for round 5, whose
// messages carry the echo of the claims, so a party that sent different
// claims to different peers is named by the echo check and honest parties
// agree.

// ErrIdentified is the reason of an abort after identification.
var ErrIdentified = errors.New("cggmp: party identified as the cause of a failed presigning check")

// claim builds this party's identification claim for the failed check.
func (st *presignState) claim(mode identifyMode) ([]byte, error) {
	if mode == identifyDelta {
		return st.claimDelta()
	}
	return st.claimChi()
}

// rerandomizedMul returns K_i^x · r^N, a fresh encryption of k_i·x, and r.
func (st *presignState) rerandomizedMul(x curve.Scalar) (*paillier.Ciphertext, *saferith.Nat, error) {
	own := st.sk.PublicKey()
	r, err := bigint.SampleUnit(st.cfg.Rand, own.N())
	if err != nil {
		return nil, nil, fmt.Errorf("%w: %w", transport.ErrLocal, err)
	}
	H := own.Add(own.MulScalar(st.K[st.self], scalarInt(x)), st.sk.EncWithNonce(new(saferith.Int), r))
	return H, r, nil
}

// mulProof proves H = K_i^x · r^N for the x encrypted in X (nonce ρ_x).
func (st *presignState) mulProof(kind string, X, H *paillier.Ciphertext, x curve.Scalar, r, rhoX *saferith.Nat) ([]byte, error) {
	mp, err := mul.NewProof(st.proofTranscript(kind, st.self, 0),
		mul.Public{N: st.sk.PublicKey(), X: X, Y: st.K[st.self], C: H},
		mul.Private{X: scalarInt(x), Rho: r, RhoX: rhoX, SecretKey: st.sk}, st.cfg.Rand)
	if err != nil {
		return nil, fmt.Errorf("cggmp: Πmul: %w", err)
	}
	return mp.MarshalBinary()
}

// perPeer runs prove for every other signer, in order, in parallel.
func (st *presignState) perPeer(prove func(k transport.PartyID) ([]byte, error)) ([][]byte, error) {
	out := make([][]byte, len(st.others))
	errs := parallelMap(st.others, func(k transport.PartyID) error {
		b, err := prove(k)
		out[indexOf(st.others, k)] = b
		return err
	})
	return out, errors.Join(errs...)
}

func (st *presignState) claimDelta() ([]byte, error) {
	H, r, err := st.rerandomizedMul(st.gamma)
	if err != nil {
		return nil, err
	}
	mulRaw, err := st.mulProof("identify-mul", st.G[st.self], H, st.gamma, r, st.nu)
	if err != nil {
		return nil, err
	}
	U, err := st.mtaSum(st.self, H, false)
	if err != nil {
		return nil, err
	}
	y, rho, err := st.sk.DecWithNonce(U)
	if err != nil {
		return nil, err
	}
	own := st.sk.PublicKey()
	decs, err := st.perPeer(func(k transport.PartyID) ([]byte, error) {
		dp, err := dec.NewProof(st.proofTranscript("identify-dec", st.self, k),
			dec.Public{N0: own, C: U, X: st.deltas[st.self], Aux: st.ped[k]},
			dec.Private{Y: y, Rho: rho, SecretKey: st.sk}, st.cfg.Rand)
		if err != nil {
			return nil, fmt.Errorf("cggmp: Πdec: %w", err)
		}
		return dp.MarshalBinary()
	})
	if err != nil {
		return nil, err
	}
	body := appendField(appendField(nil, H.Bytes()), mulRaw)
	for _, d := range decs {
		body = appendField(body, d)
	}
	return body, nil
}

func (st *presignState) claimChi() ([]byte, error) {
	own := st.sk.PublicKey()
	Cx, nuX, err := st.sk.Enc(st.cfg.Rand, scalarInt(st.x))
	if err != nil {
		return nil, err
	}
	H, r, err := st.rerandomizedMul(st.x)
	if err != nil {
		return nil, err
	}
	mulRaw, err := st.mulProof("identify-mul-x", Cx, H, st.x, r, nuX)
	if err != nil {
		return nil, err
	}
	logs, err := st.perPeer(func(k transport.PartyID) ([]byte, error) {
		lp, err := logstar.NewProof(st.proofTranscript("identify-logstar-x", st.self, k),
			logstar.Public{N0: own, C: Cx, X: st.X[st.self], G: st.c.Generator(), Aux: st.ped[k]},
			logstar.Private{X: scalarInt(st.x), Rho: nuX, SecretKey: st.sk}, st.cfg.Rand)
		if err != nil {
			return nil, fmt.Errorf("cggmp: Πlog*: %w", err)
		}
		return lp.MarshalBinary()
	})
	if err != nil {
		return nil, err
	}
	U, err := st.mtaSum(st.self, H, true)
	if err != nil {
		return nil, err
	}
	y, rho, err := st.sk.DecWithNonce(U)
	if err != nil {
		return nil, err
	}
	// The S_i this party should have sent (what it did send, being honest).
	S := st.bigGamma.ScalarMult(st.chi)
	wides, err := st.perPeer(func(k transport.PartyID) ([]byte, error) {
		lp, err := logstar.NewProof(st.proofTranscript("identify-logstar-chi", st.self, k),
			logstar.Public{N0: own, C: U, X: S, G: st.bigGamma, Aux: st.ped[k], Wide: true},
			logstar.Private{X: y, Rho: rho, SecretKey: st.sk}, st.cfg.Rand)
		if err != nil {
			return nil, fmt.Errorf("cggmp: wide Πlog*: %w", err)
		}
		return lp.MarshalBinary()
	})
	if err != nil {
		return nil, err
	}
	body := appendField(appendField(appendField(nil, Cx.Bytes()), H.Bytes()), mulRaw)
	for _, b := range append(logs, wides...) {
		body = appendField(body, b)
	}
	return body, nil
}

// mtaSum returns U_i = H ⊕ Σ_j D_{i,j} ⊖ Σ_j F_{j,i} under N_i for the γ-MtAs
// (or Û_i for the x-MtAs when hat): the D addressed to P_i in every peer's
// round-2 broadcast, the F of P_i's own parts.
func (st *presignState) mtaSum(i transport.PartyID, H *paillier.Ciphertext, hat bool) (*paillier.Ciphertext, error) {
	pk := st.pk[i]
	U := H
	for _, j := range othersOf(st.signers, i) {
		in, err := st.parse2(j, i)
		if err != nil {
			return nil, err
		}
		out, err := st.parse2(i, j)
		if err != nil {
			return nil, err
		}
		D, F := in.D, out.F
		if hat {
			D, F = in.Dh, out.Fh
		}
		U = pk.Sub(pk.Add(U, D), F)
	}
	return U, nil
}

// parsedClaim is one party's claim, decoded.
type parsedClaim struct {
	Cx, H  *paillier.Ciphertext // Cx only after a failed S check
	mulRaw []byte
	logs   map[transport.PartyID][]byte // Πlog* for C_i, per verifier
	proofs map[transport.PartyID][]byte // Πdec or wide Πlog*, per verifier
}

func (st *presignState) parseClaim(mode identifyMode, i transport.PartyID, b []byte) (*parsedClaim, error) {
	peers := othersOf(st.signers, i)
	n := 2 + len(peers)
	if mode == identifyChi {
		n = 3 + 2*len(peers)
	}
	f, err := splitFields(b, n)
	if err != nil {
		return nil, err
	}
	pk := st.pk[i]
	cl := &parsedClaim{logs: map[transport.PartyID][]byte{}, proofs: map[transport.PartyID][]byte{}}
	if mode == identifyChi {
		if cl.Cx, err = pk.DecodeCiphertext(f[0]); err != nil {
			return nil, err
		}
		f = f[1:]
	}
	if cl.H, err = pk.DecodeCiphertext(f[0]); err != nil {
		return nil, err
	}
	cl.mulRaw = f[1]
	for k, j := range peers {
		if mode == identifyChi {
			cl.logs[j] = f[2+k]
			cl.proofs[j] = f[2+len(peers)+k]
		} else {
			cl.proofs[j] = f[2+k]
		}
	}
	return cl, nil
}

// checkClaimInputs checks party i's Πmul (and, after a failed S check, its
// Πlog* for C_i) for this party.
func (st *presignState) checkClaimInputs(mode identifyMode, i transport.PartyID, cl *parsedClaim) error {
	X, kind := st.G[i], "identify-mul"
	if mode == identifyChi {
		X, kind = cl.Cx, "identify-mul-x"
		pub := logstar.Public{N0: st.pk[i], C: cl.Cx, X: st.X[i], G: st.c.Generator(), Aux: st.ped[st.self]}
		lp, err := logstar.DecodeProof(pub, cl.logs[st.self])
		if err == nil {
			err = verifyAs(st, st.self, lp, st.proofTranscript("identify-logstar-x", i, st.self), pub)
		}
		if err != nil {
			return fmt.Errorf("%w: Πlog* for enc(x_i): %w", ErrIdentified, err)
		}
	}
	pub := mul.Public{N: st.pk[i], X: X, Y: st.K[i], C: cl.H}
	mp, err := mul.DecodeProof(pub, cl.mulRaw)
	if err == nil {
		err = mp.Verify(st.proofTranscript(kind, i, 0), pub)
	}
	if err != nil {
		return fmt.Errorf("%w: Πmul: %w", ErrIdentified, err)
	}
	return nil
}

// checkClaimSum checks party i's final proof for this party: Πdec of U_i
// to δ_i, or the wide Πlog* of Û_i to S_i.
func (st *presignState) checkClaimSum(mode identifyMode, i transport.PartyID, cl *parsedClaim) error {
	U, err := st.mtaSum(i, cl.H, mode == identifyChi)
	if err != nil {
		return err
	}
	if mode == identifyDelta {
		pub := dec.Public{N0: st.pk[i], C: U, X: st.deltas[i], Aux: st.ped[st.self]}
		p, err := dec.DecodeProof(pub, cl.proofs[st.self])
		if err == nil {
			err = verifyAs(st, st.self, p, st.proofTranscript("identify-dec", i, st.self), pub)
		}
		if err != nil {
			return fmt.Errorf("%w: δ_i does not match its ciphertexts: %w", ErrIdentified, err)
		}
		return nil
	}
	pub := logstar.Public{N0: st.pk[i], C: U, X: st.S[i], G: st.bigGamma, Aux: st.ped[st.self], Wide: true}
	p, err := logstar.DecodeProof(pub, cl.proofs[st.self])
	if err == nil {
		err = verifyAs(st, st.self, p, st.proofTranscript("identify-logstar-chi", i, st.self), pub)
	}
	if err != nil {
		return fmt.Errorf("%w: S_i does not match its ciphertexts: %w", ErrIdentified, err)
	}
	return nil
}

// judgeClaims checks every claim of round 4 and returns the verdict.
func (st *presignState) judgeClaims(mode identifyMode, ri *roundIn) error {
	bad := ri.wrongKind(tagClaim)
	claims := map[transport.PartyID]*parsedClaim{}
	for j, p := range ri.msgs {
		if _, ok := bad[j]; ok {
			continue
		}
		cl, err := st.parseClaim(mode, j, p.body)
		if err != nil {
			bad[j] = fmt.Errorf("%w: claim: %w", ErrPresignMalformed, err)
			continue
		}
		claims[j] = cl
	}
	// Pass 1: every claim's Πmul (and Πlog*), and every MtA addressed to
	// another party, re-checked.
	kind := "affg-gamma"
	if mode == identifyChi {
		kind = "affg-x"
	}
	type mtaPair struct{ to, from transport.PartyID }
	var pairs []mtaPair
	for _, i := range st.others {
		for _, j := range othersOf(st.signers, i) {
			if j != st.self {
				pairs = append(pairs, mtaPair{i, j})
			}
		}
	}
	claimErrs := parallelMap(st.others, func(i transport.PartyID) error {
		if cl := claims[i]; cl != nil {
			return st.checkClaimInputs(mode, i, cl)
		}
		return nil
	})
	mtaErrs := par.Errors(len(pairs), func(k int) error {
		p := pairs[k]
		m, err := st.parse2(p.from, p.to)
		if err != nil {
			return err
		}
		if mode == identifyDelta {
			return st.verifyMtA(kind, p.to, p.from, m.D, m.F, m.Gamma, m.affgGamma)
		}
		return st.verifyMtA(kind, p.to, p.from, m.Dh, m.Fh, st.X[p.from], m.affgX)
	})
	for n, i := range st.others {
		if claimErrs[n] != nil {
			bad[i] = claimErrs[n]
		}
	}
	badMtA := map[transport.PartyID]error{}
	for k, p := range pairs {
		if mtaErrs[k] != nil {
			err := fmt.Errorf("%w: party %d's MtA for party %d: %w", ErrIdentified, p.from, p.to, mtaErrs[k])
			badMtA[p.from], badMtA[p.to] = err, err
		}
	}
	if len(badMtA) > 0 {
		for j, err := range badMtA {
			bad[j] = err
		}
		return abortNaming(st.protocol, "identification: invalid MtA accepted", bad)
	}
	if len(bad) > 0 {
		return abortNaming(st.protocol, "identification: invalid claim", bad)
	}
	// Pass 2: every U_i (Û_i) and its proof for this party.
	errs := parallelMap(st.others, func(i transport.PartyID) error { return st.checkClaimSum(mode, i, claims[i]) })
	for n, i := range st.others {
		if errs[n] != nil {
			bad[i] = errs[n]
		}
	}
	if len(bad) > 0 {
		return abortNaming(st.protocol, "identification: value not proven", bad)
	}
	return transport.NewAbortError(st.protocol, 0, "consistency check failed but no party was identified", ErrPresignConsistency)
}
