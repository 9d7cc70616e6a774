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

// Identification after a failed consistency check (CGGMP21, Fig. 7,
// output, step 2, and Fig. 8's identification). Every proof of presigning
// verified, so some party P_i announced a δ_i or an S_i that is not what its
// ciphertexts say. Every party then proves its own value in a round-4 claim
// (identifyClaim, whose contents the package doc lists); every party checks
// every proof of every claim, the proofs addressed to the other parties
// included, so that the verdict depends on the echo-checked broadcasts only
// and not on which party computes it.
//
// The sums U_i and Û_i are right only if every MtA that enters them is:
// the Πaff-g proof of P_j's MtA for P_i was checked by P_i alone (Fig. 7,
// round 3, step i), so every party re-checks the proofs of the MtAs
// addressed to the others. An MtA whose proof fails names both its sender,
// who made it, and its addressee, who accepted it without complaint. The
// first pass names these and every party whose Πmul or Πlog* for C_i
// fails; only if it names nobody does the second pass read the sums, and
// name every party whose Πdec or wide Πlog* fails, since a bad MtA or H_i
// spoils the sums. The verdict waits for round 5, whose messages carry the
// echo of the claims, so a party that sent different claims to different
// peers is named by the echo check and honest parties agree.

// ErrIdentified is the reason of an abort after identification.
var ErrIdentified = errors.New("cggmp: party identified as the cause of a failed presigning check")

// sendClaim is this party's round-4 message after the failed check mode:
// its identification claim. The run's secrets are zeroed once it is made.
func (st *presignState) sendClaim(mode identifyMode) ([]*transport.Message, error) {
	var (
		cl  *identifyClaim
		err error
	)
	if mode == identifyDelta {
		cl, err = st.claimDelta()
	} else {
		cl, err = st.claimChi()
	}
	st.discard()
	if err != nil {
		return nil, err
	}
	body, err := cl.MarshalBinary()
	if err != nil {
		return nil, err
	}
	return st.log.send(presignFinal, claimEnvelope(body)), nil
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

// claimDelta is the claim after δ·G ≠ ΣΔ_j: H_i = γ_i⊙K_i re-randomised,
// Πmul against G_i, and for each peer Πdec that U_i decrypts to δ_i.
func (st *presignState) claimDelta() (*identifyClaim, error) {
	H, r, err := st.rerandomizedMul(st.gamma)
	if err != nil {
		return nil, err
	}
	cl := &identifyClaim{H: H}
	if cl.Mul, err = st.mulProof("identify-mul", st.G[st.self], H, st.gamma, r, st.nu); err != nil {
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
	// The δ_i this party should have sent: U_i's plaintext mod q. For an
	// honest party it is st.delta[st.self], but it is derived again on
	// purpose: the claim proves what the ciphertexts say, and a party whose
	// announced δ_i is off still sends a claim, which the others judge
	// (Πdec would not prove the announced value).
	delta := st.curve.ScalarFromInt(y)
	own := st.sk.PublicKey()
	cl.Sum, err = perPeer(st.others, func(k transport.PartyID) ([]byte, error) {
		dp, err := dec.NewProof(st.proofTranscript("identify-dec", st.self, k),
			dec.Public{N0: own, C: U, X: delta, Aux: st.ped[k]},
			dec.Private{Y: y, Rho: rho, SecretKey: st.sk}, st.cfg.Rand)
		if err != nil {
			return nil, fmt.Errorf("cggmp: Πdec: %w", err)
		}
		return dp.MarshalBinary()
	})
	return cl, err
}

// claimChi is the claim after δ·X ≠ ΣS_j: C_i = enc_i(x'_i) with, for each
// peer, Πlog* against X'_i; Ĥ_i = x'_i⊙K_i re-randomised with Πmul against
// C_i; and for each peer a wide Πlog* that Û_i decrypts to the discrete log
// of S_i in base Γ.
func (st *presignState) claimChi() (*identifyClaim, error) {
	own := st.sk.PublicKey()
	C, nuX, err := st.sk.Enc(st.cfg.Rand, scalarInt(st.x))
	if err != nil {
		return nil, err
	}
	H, r, err := st.rerandomizedMul(st.x)
	if err != nil {
		return nil, err
	}
	cl := &identifyClaim{C: C, H: H}
	if cl.Mul, err = st.mulProof("identify-mul-x", C, H, st.x, r, nuX); err != nil {
		return nil, err
	}
	cl.Log, err = perPeer(st.others, func(k transport.PartyID) ([]byte, error) {
		lp, err := logstar.NewProof(st.proofTranscript("identify-logstar-x", st.self, k),
			logstar.Public{N0: own, C: C, X: st.X[st.self], G: st.curve.Generator(), Aux: st.ped[k]},
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
	// The S_i this party should have sent, χ_i·Γ: st.S[st.self] for an
	// honest party, derived again for the same reason as δ_i in claimDelta.
	S := st.GammaSum.ScalarMult(st.chi)
	cl.Sum, err = perPeer(st.others, func(k transport.PartyID) ([]byte, error) {
		lp, err := logstar.NewProof(st.proofTranscript("identify-logstar-chi", st.self, k),
			logstar.Public{N0: own, C: U, X: S, G: st.GammaSum, Aux: st.ped[k], Wide: true},
			logstar.Private{X: y, Rho: rho, SecretKey: st.sk}, st.cfg.Rand)
		if err != nil {
			return nil, fmt.Errorf("cggmp: wide Πlog*: %w", err)
		}
		return lp.MarshalBinary()
	})
	return cl, err
}

// The checks of identification. Every proof of a claim is public (the
// claim is a broadcast, echo-checked in round 5) and so is every statement
// it proves, the addressee's ring-Pedersen parameters included: every party
// checks every proof of every claim, those addressed to the others too, so
// that the verdict is a function of the echo-checked broadcasts alone. Were
// each party to check only the proofs addressed to itself, a colluder could
// address a bad proof to one honest party and a good one to another, and
// they would name different parties. Each proof is checked once, for its
// addressee; with this party's own key when it is the addressee (verifyAs).

// checkClaimMul checks party i's Πmul: H_i encrypts k_i·γ_i (or Ĥ_i
// encrypts k_i·x'_i, with x'_i the plaintext of C_i). It is one proof for
// every verifier.
func (st *presignState) checkClaimMul(mode identifyMode, i transport.PartyID, cl *identifyClaim) error {
	X, kind := st.G[i], "identify-mul"
	if mode == identifyChi {
		X, kind = cl.C, "identify-mul-x"
	}
	pub := mul.Public{N: st.pk[i], X: X, Y: st.K[i], C: cl.H}
	mp, err := mul.DecodeProof(pub, cl.Mul)
	if err == nil {
		err = mp.Verify(st.proofTranscript(kind, i, 0), pub)
	}
	if err != nil {
		return fmt.Errorf("%w: Πmul: %w", ErrIdentified, err)
	}
	return nil
}

// checkClaimLog checks the Πlog* that party i addressed to party k after a
// failed S check: C_i encrypts the discrete log of X'_i.
func (st *presignState) checkClaimLog(i, k transport.PartyID, cl *identifyClaim) error {
	proof, err := partFor(st.signers, cl.Log, i, k)
	if err != nil {
		return err
	}
	pub := logstar.Public{N0: st.pk[i], C: cl.C, X: st.X[i], G: st.curve.Generator(), Aux: st.ped[k]}
	if err := verifyProof(st, logstar.DecodeProof, pub, proof, "identify-logstar-x", k, i); err != nil {
		return fmt.Errorf("%w: Πlog* for enc(x_i) to party %d: %w", ErrIdentified, k, err)
	}
	return nil
}

// checkClaimSum checks party i's final proof addressed to party k, for
// U (mtaSum of i's claim): Πdec of U_i to δ_i, or the wide Πlog* of Û_i
// to S_i.
func (st *presignState) checkClaimSum(mode identifyMode, i, k transport.PartyID, cl *identifyClaim, U *paillier.Ciphertext) error {
	proof, err := partFor(st.signers, cl.Sum, i, k)
	if err != nil {
		return err
	}
	if mode == identifyDelta {
		pub := dec.Public{N0: st.pk[i], C: U, X: st.delta[i], Aux: st.ped[k]}
		if err := verifyProof(st, dec.DecodeProof, pub, proof, "identify-dec", k, i); err != nil {
			return fmt.Errorf("%w: δ_i does not match its ciphertexts (proof to party %d): %w", ErrIdentified, k, err)
		}
		return nil
	}
	pub := logstar.Public{N0: st.pk[i], C: U, X: st.S[i], G: st.GammaSum, Aux: st.ped[k], Wide: true}
	if err := verifyProof(st, logstar.DecodeProof, pub, proof, "identify-logstar-chi", k, i); err != nil {
		return fmt.Errorf("%w: S_i does not match its ciphertexts (proof to party %d): %w", ErrIdentified, k, err)
	}
	return nil
}

// claimVerdict is what the round-4 claims showed: every party to name,
// and why. It is announced in round 5, once the claims are echo-checked.
type claimVerdict struct {
	blame  transport.Blame
	reason string
}

// err is the verdict's abort: the parties named or, when none is, an
// abort that names nobody.
func (v *claimVerdict) err() error {
	if err := v.blame.Err(v.reason); err != nil {
		return err
	}
	return transport.NewAbortError("", 0, v.reason, ErrPresignConsistency)
}

// claimCheck is one check of identification and the parties it names if
// it fails: the prover, and for an MtA re-check its addressee too.
type claimCheck struct {
	blamed []transport.PartyID
	run    func() error
}

// runClaimChecks runs every check in parallel and records each failure
// against the parties it names; it reports whether any failed.
func runClaimChecks(checks []claimCheck, blame *transport.Blame) bool {
	errs := par.Errors(len(checks), func(n int) error { return checks[n].run() })
	failed := false
	for n, c := range checks {
		for _, p := range c.blamed {
			failed = blame.Add(p, errs[n]) || failed
		}
	}
	return failed
}

// judgeClaims checks every claim of round 4 and returns the verdict. It
// reads only echo-checked broadcasts (the claims, echo-checked by round 5
// before the verdict is announced, and the messages of rounds 2 and 3) and
// public keys, and checks every proof for every addressee, so every honest
// party reaches the same verdict.
func (st *presignState) judgeClaims(mode identifyMode, ri *roundIn) *claimVerdict {
	v := &claimVerdict{}
	ri.blameKinds(&v.blame, kindClaim)
	claims := map[transport.PartyID]*identifyClaim{}
	for j, e := range ri.msgs {
		if e.kind != kindClaim {
			continue
		}
		cl, err := decodeClaim(e.body, mode, st.pk[j], len(st.others))
		if !v.blame.Add(j, err) {
			claims[j] = cl
		}
	}
	// This party's own claim is honest, and so are its MtAs; the MtAs
	// addressed to it passed its round-3 checks. Every other party checks
	// them and finds them valid too: skipping them changes no verdict.
	claimants := make([]transport.PartyID, 0, len(st.others))
	for _, i := range st.others {
		if claims[i] != nil {
			claimants = append(claimants, i)
		}
	}
	// Pass 1: every claim's Πmul and (after a failed S check) its Πlog*
	// for C_i to every addressee, and every MtA addressed to another party
	// re-checked.
	var checks []claimCheck
	for _, i := range claimants {
		cl := claims[i]
		checks = append(checks, claimCheck{[]transport.PartyID{i}, func() error { return st.checkClaimMul(mode, i, cl) }})
		if mode == identifyChi {
			for _, k := range othersOf(st.signers, i) {
				checks = append(checks, claimCheck{[]transport.PartyID{i}, func() error { return st.checkClaimLog(i, k, cl) }})
			}
		}
	}
	runClaimChecks(checks, &v.blame)
	v.reason = "identification: invalid claim"
	checks = checks[:0]
	for _, to := range st.others {
		for _, from := range othersOf(st.signers, to) {
			if from == st.self {
				continue
			}
			checks = append(checks, claimCheck{[]transport.PartyID{from, to}, func() error {
				if err := st.checkMtA(mode, to, from); err != nil {
					return fmt.Errorf("%w: party %d's MtA for party %d: %w", ErrIdentified, from, to, err)
				}
				return nil
			}})
		}
	}
	if runClaimChecks(checks, &v.blame) {
		v.reason = "identification: invalid MtA accepted"
	}
	if v.blame.Culprits() != nil {
		return v
	}
	// Pass 2: every claimant's U_i (Û_i) and its proof to every addressee.
	checks = checks[:0]
	for _, i := range claimants {
		cl := claims[i]
		U, err := st.mtaSum(i, cl.H, mode == identifyChi)
		if v.blame.Add(i, err) {
			continue
		}
		for _, k := range othersOf(st.signers, i) {
			checks = append(checks, claimCheck{[]transport.PartyID{i}, func() error { return st.checkClaimSum(mode, i, k, cl, U) }})
		}
	}
	runClaimChecks(checks, &v.blame)
	v.reason = "identification: value not proven"
	if v.blame.Culprits() == nil {
		v.reason = "consistency check failed but no party was identified"
	}
	return v
}

// checkMtA re-checks the Πaff-g of party from's MtA for party to that the
// failed check depends on: the one of γ after δ·G ≠ ΣΔ_j, the one of x'
// after δ·X ≠ ΣS_j.
func (st *presignState) checkMtA(mode identifyMode, to, from transport.PartyID) error {
	part, err := partFor(st.signers, st.round2[from].Parts, from, to)
	if err != nil {
		return err
	}
	if mode == identifyDelta {
		return st.verifyMtA(mtaGamma, to, from, part.D, part.F, st.Gamma[from], part.Psi)
	}
	return st.verifyMtA(mtaX, to, from, part.DHat, part.FHat, st.X[from], part.PsiHat)
}
