package cggmp

import (
	"errors"
	"fmt"

	"github.com/cronokirby/saferith"
	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/hd"
	"github.com/mosaic-mpc/mosaic/internal/bigint"
	"github.com/mosaic-mpc/mosaic/paillier"
	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/mosaic-mpc/mosaic/zk"
	"github.com/mosaic-mpc/mosaic/zk/affg"
	"github.com/mosaic-mpc/mosaic/zk/logstar"
)

// mta is one direction of a multiplicative-to-additive conversion: party i
// turns the peer's K_j into D = x⊙K_j ⊕ enc_j(−β; s) and F = enc_i(−β; r),
// with a Πaff-g proof; β stays with party i.
type mta struct {
	D, F  *paillier.Ciphertext
	beta  *saferith.Int
	proof []byte
}

// newMTA runs the prover's side of one MtA for secret x with public X = x·G.
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
	D := pkj.Add(pkj.MulScalar(st.K[j], scalarInt(x)), pkj.EncWithNonce(negBeta, s))
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
	return &mta{D: D, F: F, beta: beta, proof: raw}, nil
}

// round2Messages: Γ_i by broadcast; to each P_j the two MtAs and Πlog*.
func (st *presignState) round2Messages() ([]*transport.Message, transport.Round[*Presignature], **Presignature, error) {
	c := st.c
	Gamma := c.ScalarBaseMult(st.gamma)
	st.Gamma = map[transport.PartyID]curve.Point{st.self: Gamma}
	st.betas = map[transport.PartyID]*saferith.Int{}
	st.betaHats = map[transport.PartyID]*saferith.Int{}
	payloads := make([][]byte, len(st.others))
	betas := make([][2]*saferith.Int, len(st.others))
	sent := make([]*mta, len(st.others))
	errs := parallelMap(st.others, func(j transport.PartyID) error {
		m1, err := st.newMTA(j, st.gamma, Gamma, "affg-gamma")
		if err != nil {
			return err
		}
		m2, err := st.newMTA(j, st.x, st.X[st.self], "affg-x")
		if err != nil {
			return err
		}
		lp, err := logstar.NewProof(st.proofTranscript("logstar-gamma", st.self, j),
			logstar.Public{N0: st.sk.PublicKey(), C: st.G[st.self], X: Gamma, G: c.Generator(), Aux: st.ped[j]},
			logstar.Private{X: scalarInt(st.gamma), Rho: st.nu, SecretKey: st.sk}, st.cfg.Rand)
		if err != nil {
			return fmt.Errorf("cggmp: Πlog*: %w", err)
		}
		lraw, err := lp.MarshalBinary()
		if err != nil {
			return err
		}
		var b []byte
		for _, f := range [][]byte{m1.D.Bytes(), m1.F.Bytes(), m1.proof, m2.D.Bytes(), m2.F.Bytes(), m2.proof, lraw} {
			b = appendField(b, f)
		}
		i := indexOf(st.others, j)
		payloads[i] = b
		betas[i] = [2]*saferith.Int{m1.beta, m2.beta}
		sent[i] = m1
		return nil
	})
	if err := errors.Join(errs...); err != nil {
		return nil, nil, nil, err
	}
	out := []*transport.Message{{Payload: Gamma.Bytes()}}
	st.sentD = map[transport.PartyID]*paillier.Ciphertext{}
	st.sentF = map[transport.PartyID]*paillier.Ciphertext{}
	for i, j := range st.others {
		st.sentD[j], st.sentF[j] = sent[i].D, sent[i].F
		st.betas[j], st.betaHats[j] = betas[i][0], betas[i][1]
		out = append(out, &transport.Message{To: j, Payload: payloads[i]})
	}
	return out, &presignRound2{st: st}, nil, nil
}

// presignRound2: verify the MtAs and Πlog*; compute δ_i, χ_i.
type presignRound2 struct{ st *presignState }

func (r *presignRound2) Number() int { return 2 }
func (r *presignRound2) Expects() transport.Expect {
	return transport.Expect{Broadcast: true, Direct: true}
}

type mtaIn struct {
	Gamma         curve.Point
	alpha, alpha2 *saferith.Int
	ev            *evidence
}

func (r *presignRound2) Finalize(in *transport.Inbox) ([]*transport.Message, transport.Round[*Presignature], **Presignature, error) {
	st := r.st
	c := st.c
	senders := in.Senders()
	ins := make([]*mtaIn, len(senders))
	own := st.sk.PublicKey()
	errs := parallelMap(senders, func(j transport.PartyID) error {
		Gamma, err := c.DecodePoint(in.Broadcast(j), false)
		if err != nil {
			return fmt.Errorf("%w: Γ: %w", ErrPresignMalformed, err)
		}
		f, err := splitFields(in.Direct(j), 7)
		if err != nil {
			return fmt.Errorf("%w: %w", ErrPresignMalformed, err)
		}
		pkj := st.pk[j]
		var cts [4]*paillier.Ciphertext
		for k, spec := range []struct {
			pk  *paillier.PublicKey
			raw []byte
		}{{own, f[0]}, {pkj, f[1]}, {own, f[3]}, {pkj, f[4]}} {
			if cts[k], err = spec.pk.DecodeCiphertext(spec.raw); err != nil {
				return fmt.Errorf("%w: MtA ciphertext: %w", ErrPresignMalformed, err)
			}
		}
		D, F, Dh, Fh := cts[0], cts[1], cts[2], cts[3]
		check := func(kind string, D, F *paillier.Ciphertext, X curve.Point, raw []byte) error {
			pub := affg.Public{N0: own, N1: pkj, C: st.K[st.self], D: D, Y: F, X: X, Aux: st.ped[st.self]}
			p, err := affg.DecodeProof(pub, raw)
			if err == nil {
				err = p.Verify(st.proofTranscript(kind, j, st.self), pub)
			}
			if err != nil {
				return fmt.Errorf("%w: Πaff-g (%s): %w", ErrPresignProof, kind, err)
			}
			return nil
		}
		if err := check("affg-gamma", D, F, Gamma, f[2]); err != nil {
			return err
		}
		if err := check("affg-x", Dh, Fh, st.X[j], f[5]); err != nil {
			return err
		}
		lpub := logstar.Public{N0: pkj, C: st.G[j], X: Gamma, G: c.Generator(), Aux: st.ped[st.self]}
		lp, err := logstar.DecodeProof(lpub, f[6])
		if err == nil {
			err = lp.Verify(st.proofTranscript("logstar-gamma", j, st.self), lpub)
		}
		if err != nil {
			return fmt.Errorf("%w: Πlog*: %w", ErrPresignProof, err)
		}
		alpha, err := st.sk.Dec(D)
		if err != nil {
			return err
		}
		alpha2, err := st.sk.Dec(Dh)
		if err != nil {
			return err
		}
		ins[indexOf(senders, j)] = &mtaIn{Gamma: Gamma, alpha: alpha, alpha2: alpha2, ev: &evidence{D: D, F: F, proof: f[2]}}
		return nil
	})
	if err := abortFor(PresignProtocol, 2, "invalid MtA or proof", senders, errs); err != nil {
		return nil, nil, nil, err
	}
	// δ_i = k_iγ_i + Σ(α_{i,j} + β_{i,j}), χ_i = k_i x_i + Σ(α̂_{i,j} + β̂_{i,j}) mod q
	st.bigGamma = st.Gamma[st.self]
	st.evidence = map[transport.PartyID]*evidence{}
	delta := st.k.Mul(st.gamma)
	chi := st.k.Mul(st.x)
	for i, j := range senders {
		st.Gamma[j] = ins[i].Gamma
		st.evidence[j] = ins[i].ev
		st.bigGamma = st.bigGamma.Add(ins[i].Gamma)
		delta = delta.Add(c.ScalarFromInt(ins[i].alpha)).Add(c.ScalarFromInt(st.betas[j]))
		chi = chi.Add(c.ScalarFromInt(ins[i].alpha2)).Add(c.ScalarFromInt(st.betaHats[j]))
	}
	st.delta, st.chi = delta, chi
	Delta := st.bigGamma.ScalarMult(st.k)
	S := st.bigGamma.ScalarMult(chi)
	st.Delta = map[transport.PartyID]curve.Point{st.self: Delta}
	st.S = map[transport.PartyID]curve.Point{st.self: S}
	st.deltas = map[transport.PartyID]curve.Scalar{st.self: delta}

	bcast := append(append(delta.Bytes(), Delta.Bytes()...), S.Bytes()...)
	out := []*transport.Message{{Payload: bcast}}
	proofs := make([][]byte, len(st.others))
	errs = parallelMap(st.others, func(j transport.PartyID) error {
		p, err := logstar.NewProof(st.proofTranscript("logstar-k", st.self, j),
			logstar.Public{N0: own, C: st.K[st.self], X: Delta, G: st.bigGamma, Aux: st.ped[j]},
			logstar.Private{X: scalarInt(st.k), Rho: st.rho, SecretKey: st.sk}, st.cfg.Rand)
		if err != nil {
			return fmt.Errorf("cggmp: Πlog*: %w", err)
		}
		proofs[indexOf(st.others, j)], err = p.MarshalBinary()
		return err
	})
	if err := errors.Join(errs...); err != nil {
		return nil, nil, nil, err
	}
	for i, j := range st.others {
		out = append(out, &transport.Message{To: j, Payload: proofs[i]})
	}
	return out, &presignRound3{st: st}, nil, nil
}

// presignRound3: verify Δ_j; check δ·G = ΣΔ_j and δ·X = ΣS_j; output.
type presignRound3 struct{ st *presignState }

func (r *presignRound3) Number() int { return 3 }
func (r *presignRound3) Expects() transport.Expect {
	return transport.Expect{Broadcast: true, Direct: true}
}

func (r *presignRound3) Finalize(in *transport.Inbox) ([]*transport.Message, transport.Round[*Presignature], **Presignature, error) {
	st := r.st
	c := st.c
	senders := in.Senders()
	type r3 struct {
		delta    curve.Scalar
		Delta, S curve.Point
	}
	got := make([]*r3, len(senders))
	errs := parallelMap(senders, func(j transport.PartyID) error {
		b := in.Broadcast(j)
		ss, ps := c.ScalarSize(), c.PointSize()
		if len(b) != ss+2*ps {
			return fmt.Errorf("%w: round 3 broadcast of %d bytes", ErrPresignMalformed, len(b))
		}
		delta, err := c.DecodeScalar(b[:ss])
		if err != nil {
			return fmt.Errorf("%w: δ: %w", ErrPresignMalformed, err)
		}
		Delta, err := c.DecodePoint(b[ss:ss+ps], false)
		if err != nil {
			return fmt.Errorf("%w: Δ: %w", ErrPresignMalformed, err)
		}
		S, err := c.DecodePoint(b[ss+ps:], false)
		if err != nil {
			return fmt.Errorf("%w: S: %w", ErrPresignMalformed, err)
		}
		pub := logstar.Public{N0: st.pk[j], C: st.K[j], X: Delta, G: st.bigGamma, Aux: st.ped[st.self]}
		p, err := logstar.DecodeProof(pub, in.Direct(j))
		if err == nil {
			err = p.Verify(st.proofTranscript("logstar-k", j, st.self), pub)
		}
		if err != nil {
			return fmt.Errorf("%w: Πlog*: %w", ErrPresignProof, err)
		}
		got[indexOf(senders, j)] = &r3{delta: delta, Delta: Delta, S: S}
		return nil
	})
	if err := abortFor(PresignProtocol, 3, "invalid Δ or Πlog*", senders, errs); err != nil {
		return nil, nil, nil, err
	}
	delta := st.delta
	sumDelta, sumS := st.Delta[st.self], st.S[st.self]
	for i, j := range senders {
		st.deltas[j], st.Delta[j], st.S[j] = got[i].delta, got[i].Delta, got[i].S
		delta = delta.Add(got[i].delta)
		sumDelta = sumDelta.Add(got[i].Delta)
		sumS = sumS.Add(got[i].S)
	}
	if !c.ScalarBaseMult(delta).Equal(sumDelta) {
		// Every proof verified, so some party lied about its δ_j: find it
		// (identify.go). Nothing secret beyond what the proofs hide is sent.
		msg, err := st.identifyMessage()
		if err != nil {
			return nil, nil, nil, err
		}
		return []*transport.Message{{Payload: msg}}, &presignIdentify{st: st}, nil, nil
	}
	if delta.IsZero() || !st.pub.VarTimeScalarMult(delta).Equal(sumS) {
		return nil, nil, nil, transport.NewAbortError(PresignProtocol, 3, "S_j inconsistent with the public key", ErrPresignConsistency)
	}
	dInv := delta.Invert()
	R := st.bigGamma.VarTimeScalarMult(dInv)
	ps := &Presignature{
		sessionID: append([]byte{}, st.cfg.SessionID...),
		path:      append(hd.Path(nil), st.cfg.Path...),
		self:      st.self,
		signers:   st.signers,
		pub:       st.pub,
		tweak:     st.cfg.Tweak,
		R:         R,
		k:         st.k,
		chi:       st.chi,
		Delta:     map[transport.PartyID]curve.Point{},
		S:         map[transport.PartyID]curve.Point{},
	}
	for _, j := range st.signers {
		ps.Delta[j] = st.Delta[j].VarTimeScalarMult(dInv)
		ps.S[j] = st.S[j].VarTimeScalarMult(dInv)
	}
	st.gamma.Zeroize()
	st.x.Zeroize()
	return nil, nil, &ps, nil
}
