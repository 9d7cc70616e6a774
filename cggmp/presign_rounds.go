package cggmp

import (
	"fmt"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/paillier"
	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/mosaic-mpc/mosaic/zk/enc"
	"github.com/mosaic-mpc/mosaic/zk/logstar"
)

// The three rounds of presigning's messages (CGGMP21 Fig. 7; rounds and
// steps as the package doc's "Notation" says). A failed check of a peer's
// message becomes a complaint (complaint.go), so that nothing derived from
// this party's secrets goes to a peer whose message failed (SECURITY.md
// rule 4). What follows round 3 is in presign_output.go.

// presignRound1 carries K_j, G_j and ψ⁰.
type presignRound1[Out any] struct{ run *presignRun[Out] }

// Expects implements transport.Round.
func (r *presignRound1[Out]) Expects() transport.Expect { return everyoneBroadcasts() }

// Start is Fig. 7, round 1: draw k_i and γ_i, encrypt them as
// K_i = enc_i(k_i; ρ_i) and G_i = enc_i(γ_i; ν_i), and prove K_i small to
// each peer (ψ⁰_{j,i}, Πenc).
func (r *presignRound1[Out]) Start() (out []*transport.Message, err error) {
	st := r.run.st
	defer func() {
		if err != nil {
			st.discard()
		}
	}()
	if st.k, err = st.curve.RandomScalar(st.cfg.Rand); err != nil {
		return nil, fmt.Errorf("%w: %w", transport.ErrLocal, err)
	}
	if st.gamma, err = st.curve.RandomScalar(st.cfg.Rand); err != nil {
		return nil, fmt.Errorf("%w: %w", transport.ErrLocal, err)
	}
	K, rho, err := st.sk.Enc(st.cfg.Rand, scalarInt(st.k))
	if err != nil {
		return nil, err
	}
	G, nu, err := st.sk.Enc(st.cfg.Rand, scalarInt(st.gamma))
	if err != nil {
		return nil, err
	}
	st.rho, st.nu = rho, nu
	st.K = map[transport.PartyID]*paillier.Ciphertext{st.self: K}
	st.G = map[transport.PartyID]*paillier.Ciphertext{st.self: G}
	psi0, err := perPeer(st.others, func(j transport.PartyID) ([]byte, error) {
		p, err := enc.NewProof(st.proofTranscript("enc", st.self, j),
			enc.Public{N0: st.sk.PublicKey(), K: K.Nat(), Aux: st.ped[j]},
			enc.Private{Plaintext: scalarInt(st.k), Nonce: rho, SecretKey: st.sk}, st.cfg.Rand)
		if err != nil {
			return nil, fmt.Errorf("cggmp: Πenc: %w", err)
		}
		return p.MarshalBinary()
	})
	if err != nil {
		return nil, err
	}
	return st.log.sendRegular(1, &presign1{K: K, G: G, Psi0: psi0})
}

// Finalize is Fig. 7, round 2, step i: verify ψ⁰_{i,j} of every peer
// (sendRound2 follows).
func (r *presignRound1[Out]) Finalize(in *transport.Inbox) transport.Step[Out] {
	st := r.run.st
	return checkRound(st.log, in, checkedBy(st.self, st.message1, st.verify1), r.run.sendRound2)
}

// sendRound2 is Fig. 7, round 2, step ii: keep every K_j and G_j; make
// Γ_i = γ_i·G and, for each peer P_j, the MtAs of γ_i and x'_i with K_j
// and ψ'_{j,i} (Πlog* for G_i and Γ_i).
func (run *presignRun[Out]) sendRound2(msgs map[transport.PartyID]*presign1) transport.Step[Out] {
	st := run.st
	c := st.curve
	for j, m := range msgs {
		st.K[j], st.G[j] = m.K, m.G
	}
	Gamma := c.ScalarBaseMult(st.gamma)
	st.Gamma = map[transport.PartyID]curve.Point{st.self: Gamma}
	type part struct {
		presign2Part
		beta, betaHat curve.Scalar
	}
	parts, err := perPeer(st.others, func(j transport.PartyID) (*part, error) {
		m, err := st.newMTA(j, st.gamma, Gamma, mtaGamma)
		if err != nil {
			return nil, err
		}
		mHat, err := st.newMTA(j, st.x, st.X[st.self], mtaX)
		if err != nil {
			return nil, err
		}
		lp, err := logstar.NewProof(st.proofTranscript("logstar-gamma", st.self, j),
			logstar.Public{N0: st.sk.PublicKey(), C: st.G[st.self], X: Gamma, G: c.Generator(), Aux: st.ped[j]},
			logstar.Private{X: scalarInt(st.gamma), Rho: st.nu, SecretKey: st.sk}, st.cfg.Rand)
		if err != nil {
			return nil, fmt.Errorf("cggmp: Πlog*: %w", err)
		}
		psiPrime, err := lp.MarshalBinary()
		if err != nil {
			return nil, err
		}
		return &part{
			presign2Part: presign2Part{D: m.D, F: m.F, Psi: m.proof, DHat: mHat.D, FHat: mHat.F, PsiHat: mHat.proof, PsiPrime: psiPrime},
			beta:         m.beta, betaHat: mHat.beta,
		}, nil
	})
	if err != nil {
		return run.abort(err)
	}
	msg := &presign2{Gamma: Gamma, Parts: make([]presign2Part, len(parts))}
	st.beta = map[transport.PartyID]curve.Scalar{}
	st.betaHat = map[transport.PartyID]curve.Scalar{}
	for k, j := range st.others {
		msg.Parts[k] = parts[k].presign2Part
		st.beta[j], st.betaHat[j] = parts[k].beta, parts[k].betaHat
	}
	st.round2 = map[transport.PartyID]*presign2{st.self: msg}
	out, err := st.log.sendRegular(2, msg)
	if err != nil {
		return run.abort(err)
	}
	return transport.Next[Out](out, &presignRound2[Out]{run: run})
}

// abort ends the run on a local failure, its secrets zeroed first.
func (run *presignRun[Out]) abort(err error) transport.Step[Out] {
	run.st.discard()
	return transport.Abort[Out](err)
}

// presignRound2 carries Γ_j and the MtAs.
type presignRound2[Out any] struct{ run *presignRun[Out] }

// Expects implements transport.Round.
func (r *presignRound2[Out]) Expects() transport.Expect { return everyoneBroadcasts() }

// Finalize is Fig. 7, round 3, step i: verify ψ_{i,j}, ψ̂_{i,j} and
// ψ'_{i,j} of every peer (sendRound3 follows).
func (r *presignRound2[Out]) Finalize(in *transport.Inbox) transport.Step[Out] {
	st := r.run.st
	return checkRound(st.log, in, checkedBy(st.self, st.message2, st.verify2), r.run.sendRound3)
}

// sendRound3 is Fig. 7, round 3, step ii: keep every Γ_j and round-2
// message; make Γ = Σ_j Γ_j and Δ_i = k_i·Γ; decrypt α_{i,j} and α̂_{i,j}
// from the D_{i,j} and D̂_{i,j} addressed to this party; make
// δ_i = k_iγ_i + Σ_j(α_{i,j} + β_{i,j}) and
// χ_i = k_ix'_i + Σ_j(α̂_{i,j} + β̂_{i,j}) mod q, S_i = χ_i·Γ and, for each
// peer, ψ″_{j,i} (Πlog* for K_i and Δ_i in base Γ).
func (run *presignRun[Out]) sendRound3(msgs map[transport.PartyID]*presign2) transport.Step[Out] {
	st := run.st
	c := st.curve
	for j, m := range msgs {
		st.Gamma[j], st.round2[j] = m.Gamma, m
	}
	st.GammaSum = st.Gamma[st.self]
	for _, j := range st.others {
		st.GammaSum = st.GammaSum.Add(st.Gamma[j])
	}
	Delta := st.GammaSum.ScalarMult(st.k)
	type alphas struct{ alpha, alphaHat curve.Scalar }
	decrypted, err := perPeer(st.others, func(j transport.PartyID) (alphas, error) {
		p, err := partFor(st.signers, st.round2[j].Parts, j, st.self)
		if err != nil {
			return alphas{}, err
		}
		alpha, err := st.sk.Dec(p.D)
		if err != nil {
			return alphas{}, err
		}
		alphaHat, err := st.sk.Dec(p.DHat)
		if err != nil {
			return alphas{}, err
		}
		return alphas{c.ScalarFromInt(alpha), c.ScalarFromInt(alphaHat)}, nil
	})
	if err != nil {
		return run.abort(err)
	}
	delta, chi := st.k.Mul(st.gamma), st.k.Mul(st.x)
	for k, j := range st.others {
		delta = delta.Add(decrypted[k].alpha).Add(st.beta[j])
		chi = chi.Add(decrypted[k].alphaHat).Add(st.betaHat[j])
	}
	st.chi = chi
	S := st.GammaSum.ScalarMult(chi)
	st.delta = map[transport.PartyID]curve.Scalar{st.self: delta}
	st.Delta = map[transport.PartyID]curve.Point{st.self: Delta}
	st.S = map[transport.PartyID]curve.Point{st.self: S}
	psi, err := perPeer(st.others, func(j transport.PartyID) ([]byte, error) {
		p, err := logstar.NewProof(st.proofTranscript("logstar-k", st.self, j),
			logstar.Public{N0: st.sk.PublicKey(), C: st.K[st.self], X: Delta, G: st.GammaSum, Aux: st.ped[j]},
			logstar.Private{X: scalarInt(st.k), Rho: st.rho, SecretKey: st.sk}, st.cfg.Rand)
		if err != nil {
			return nil, fmt.Errorf("cggmp: Πlog*: %w", err)
		}
		return p.MarshalBinary()
	})
	// ψ″ was ρ_i's last use: identification proves against G_i and fresh
	// encryptions, never against K_i's nonce.
	wipeNats(st.rho)
	if err != nil {
		return run.abort(err)
	}
	out, err := st.log.sendRegular(3, &presign3{delta: delta, Delta: Delta, S: S, PsiDoublePrime: psi})
	if err != nil {
		return run.abort(err)
	}
	return transport.Next[Out](out, &presignRound3[Out]{run: run})
}

// presignRound3 carries δ_j, Δ_j, S_j and ψ″.
type presignRound3[Out any] struct{ run *presignRun[Out] }

// Expects implements transport.Round.
func (r *presignRound3[Out]) Expects() transport.Expect { return everyoneBroadcasts() }

// Finalize is Fig. 7, output, step 1: verify ψ″_{i,j} of every peer
// (output follows).
func (r *presignRound3[Out]) Finalize(in *transport.Inbox) transport.Step[Out] {
	st := r.run.st
	return checkRound(st.log, in, checkedBy(st.self, st.message3, st.verify3), r.run.output)
}
