package cggmp

import (
	"errors"
	"fmt"

	"github.com/cronokirby/saferith"
	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/hd"
	"github.com/mosaic-mpc/mosaic/internal/bigint"
	"github.com/mosaic-mpc/mosaic/internal/transcript"
	"github.com/mosaic-mpc/mosaic/paillier"
	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/mosaic-mpc/mosaic/zk"
	"github.com/mosaic-mpc/mosaic/zk/affg"
	"github.com/mosaic-mpc/mosaic/zk/enc"
	"github.com/mosaic-mpc/mosaic/zk/logstar"
)

// Message layouts (length-prefixed fields after the tag byte; "per peer"
// means one entry for every other signer, in increasing order):
//
//	round 1: K_i, G_i, per peer: Πenc
//	round 2: Γ_i, per peer: D, F, Πaff-g(γ), D̂, F̂, Πaff-g(x), Πlog*(G_i ↔ Γ_i)
//	round 3: δ_i, Δ_i, S_i, per peer: Πlog*(K_i ↔ Δ_i in base Γ)
const (
	r1Common, r2Common, r3Common = 2, 1, 3
	r2PerPeer                    = 7
)

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

// record keeps sender's broadcast of round r for later re-checks.
func (st *presignState) record(r int, sender transport.PartyID, b []byte) {
	if st.raw[r] == nil {
		st.raw[r] = map[transport.PartyID][]byte{}
	}
	st.raw[r][sender] = b
}

// fields returns the length-prefixed fields of sender's regular round-r
// body, of which there are common + perPeer·(signers−1).
func (st *presignState) fields(r int, sender transport.PartyID, common, perPeer int) ([][]byte, error) {
	p, err := decodePayload(st.raw[r][sender], sender, st.signers)
	if err != nil {
		return nil, err
	}
	if p.tag != tagRegular {
		return nil, fmt.Errorf("%w: tag %d", ErrMessageKind, p.tag)
	}
	return splitFields(p.body, common+perPeer*(len(st.signers)-1))
}

// part returns the perPeer fields of f addressed to verifier by sender.
func (st *presignState) part(f [][]byte, common, perPeer int, sender, verifier transport.PartyID) ([][]byte, error) {
	i := indexOf(othersOf(st.signers, sender), verifier)
	if i < 0 {
		return nil, fmt.Errorf("%w: no part for party %d", errWire, verifier)
	}
	return f[common+perPeer*i : common+perPeer*(i+1)], nil
}

// check re-runs round r's checks of sender's broadcast for verifier
// (complaint.go); the regular rounds use the same parsers and verifiers.
func (st *presignState) check(r int, verifier, sender transport.PartyID) error {
	switch r {
	case 1:
		m, err := st.parse1(sender)
		if err == nil {
			err = st.verify1(m, verifier, sender)
		}
		return err
	case 2:
		m, err := st.parse2(sender, verifier)
		if err == nil {
			err = st.verify2(m, verifier, sender)
		}
		return err
	case 3:
		m, err := st.parse3(sender)
		if err == nil {
			err = st.verify3(m, verifier, sender)
		}
		return err
	}
	return fmt.Errorf("cggmp: no checks for presigning round %d", r)
}

// presignRound1: K_i, G_i and Πenc.
type presignRound1[Out any] struct{ run *presignRun[Out] }

func (r *presignRound1[Out]) Number() int               { return 1 }
func (r *presignRound1[Out]) Expects() transport.Expect { return presignExpect(1) }

func (r *presignRound1[Out]) Start() ([]*transport.Message, error) {
	st := r.run.st
	var err error
	if st.k, err = st.c.RandomScalar(st.cfg.Rand); err != nil {
		return nil, fmt.Errorf("%w: %w", transport.ErrLocal, err)
	}
	if st.gamma, err = st.c.RandomScalar(st.cfg.Rand); err != nil {
		return nil, fmt.Errorf("%w: %w", transport.ErrLocal, err)
	}
	Ki, rho, err := st.sk.Enc(st.cfg.Rand, scalarInt(st.k))
	if err != nil {
		return nil, err
	}
	Gi, nu, err := st.sk.Enc(st.cfg.Rand, scalarInt(st.gamma))
	if err != nil {
		return nil, err
	}
	st.rho, st.nu = rho, nu
	st.K = map[transport.PartyID]*paillier.Ciphertext{st.self: Ki}
	st.G = map[transport.PartyID]*paillier.Ciphertext{st.self: Gi}
	proofs := make([][]byte, len(st.others))
	errs := parallelMap(st.others, func(j transport.PartyID) error {
		p, err := enc.NewProof(st.proofTranscript("enc", st.self, j),
			enc.Public{N0: st.sk.PublicKey(), K: Ki.Nat(), Aux: st.ped[j]},
			enc.Private{Plaintext: scalarInt(st.k), Nonce: rho, SecretKey: st.sk}, st.cfg.Rand)
		if err != nil {
			return err
		}
		proofs[indexOf(st.others, j)], err = p.MarshalBinary()
		return err
	})
	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("cggmp: Πenc: %w", err)
	}
	body := appendField(appendField(nil, Ki.Bytes()), Gi.Bytes())
	for _, p := range proofs {
		body = appendField(body, p)
	}
	return st.send(1, regularPayload(body)), nil
}

// send records this party's own broadcast of round r and returns it.
func (st *presignState) send(r int, payload []byte) []*transport.Message {
	st.record(r, st.self, payload)
	return []*transport.Message{{Payload: payload}}
}

type r1Msg struct {
	K, G   *paillier.Ciphertext
	fields [][]byte
}

func (st *presignState) parse1(j transport.PartyID) (*r1Msg, error) {
	f, err := st.fields(1, j, r1Common, 1)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrPresignMalformed, err)
	}
	m := &r1Msg{fields: f}
	if m.K, err = st.pk[j].DecodeCiphertext(f[0]); err != nil {
		return nil, fmt.Errorf("%w: K: %w", ErrPresignMalformed, err)
	}
	if m.G, err = st.pk[j].DecodeCiphertext(f[1]); err != nil {
		return nil, fmt.Errorf("%w: G: %w", ErrPresignMalformed, err)
	}
	return m, nil
}

// verify1 checks sender j's Πenc for verifier i: K_j encrypts a value in
// range (SECURITY.md case 10).
func (st *presignState) verify1(m *r1Msg, i, j transport.PartyID) error {
	part, err := st.part(m.fields, r1Common, 1, j, i)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrPresignMalformed, err)
	}
	pub := enc.Public{N0: st.pk[j], K: m.K.Nat(), Aux: st.ped[i]}
	p, err := enc.DecodeProof(pub, part[0])
	if err == nil {
		err = verifyAs(st, i, p, st.proofTranscript("enc", j, i), pub)
	}
	if err != nil {
		return fmt.Errorf("%w: Πenc: %w", ErrPresignProof, err)
	}
	return nil
}

func (r *presignRound1[Out]) Finalize(in *transport.Inbox) ([]*transport.Message, transport.OldRound[Out], *Out, error) {
	st := r.run.st
	ri := classify(in, st.signers)
	senders := in.Senders()
	for _, j := range senders {
		st.record(ri.round, j, ri.raw[j])
	}
	msgs := make([]*r1Msg, len(senders))
	errs := parallelMap(senders, func(j transport.PartyID) error {
		m, err := st.parse1(j)
		if err == nil {
			err = st.verify1(m, st.self, j)
		}
		msgs[indexOf(senders, j)] = m
		return err
	})
	if bad := failed(senders, errs); len(bad) > 0 {
		return r.run.c.complain(1, bad)
	}
	for i, j := range senders {
		st.K[j], st.G[j] = msgs[i].K, msgs[i].G
	}
	return r.run.round2Messages()
}

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
	return &mta{D: D, F: F, beta: beta, proof: raw}, nil
}

// round2Messages: Γ_i, and for each P_j the two MtAs and Πlog*.
func (run *presignRun[Out]) round2Messages() ([]*transport.Message, transport.OldRound[Out], *Out, error) {
	st := run.st
	c := st.c
	Gamma := c.ScalarBaseMult(st.gamma)
	st.Gamma = map[transport.PartyID]curve.Point{st.self: Gamma}
	parts := make([][]byte, len(st.others))
	betas := make([][2]*saferith.Int, len(st.others))
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
		parts[i] = b
		betas[i] = [2]*saferith.Int{m1.beta, m2.beta}
		return nil
	})
	if err := errors.Join(errs...); err != nil {
		return nil, nil, nil, err
	}
	body := appendField(nil, Gamma.Bytes())
	for _, p := range parts {
		body = append(body, p...)
	}
	// β_{i,j} and β̂_{i,j} enter δ_i and χ_i in round 2's Finalize.
	delta := st.k.Mul(st.gamma)
	chi := st.k.Mul(st.x)
	for i := range st.others {
		delta = delta.Add(c.ScalarFromInt(betas[i][0]))
		chi = chi.Add(c.ScalarFromInt(betas[i][1]))
	}
	st.delta, st.chi = delta, chi
	return st.send(2, regularPayload(body)), &presignRound2[Out]{run: run}, nil, nil
}

// r2Part is sender j's round-2 broadcast as seen by verifier i: Γ_j and
// the part addressed to i.
type r2Part struct {
	Gamma               curve.Point
	D, F, Dh, Fh        *paillier.Ciphertext
	affgGamma, affgX, l []byte
}

func (st *presignState) parse2(j, i transport.PartyID) (*r2Part, error) {
	f, err := st.fields(2, j, r2Common, r2PerPeer)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrPresignMalformed, err)
	}
	m := &r2Part{}
	if m.Gamma, err = st.c.DecodePoint(f[0], false); err != nil {
		return nil, fmt.Errorf("%w: Γ: %w", ErrPresignMalformed, err)
	}
	p, err := st.part(f, r2Common, r2PerPeer, j, i)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrPresignMalformed, err)
	}
	for _, c := range []struct {
		dst **paillier.Ciphertext
		pk  *paillier.PublicKey
		raw []byte
	}{{&m.D, st.pk[i], p[0]}, {&m.F, st.pk[j], p[1]}, {&m.Dh, st.pk[i], p[3]}, {&m.Fh, st.pk[j], p[4]}} {
		if *c.dst, err = c.pk.DecodeCiphertext(c.raw); err != nil {
			return nil, fmt.Errorf("%w: MtA ciphertext: %w", ErrPresignMalformed, err)
		}
	}
	m.affgGamma, m.affgX, m.l = p[2], p[5], p[6]
	return m, nil
}

// verifyMtA checks one of sender j's MtAs for verifier i: Πaff-g for
// (D, F) against K_i and the public X = x_j·G.
func (st *presignState) verifyMtA(kind string, i, j transport.PartyID, D, F *paillier.Ciphertext, X curve.Point, raw []byte) error {
	pub := affg.Public{N0: st.pk[i], N1: st.pk[j], C: st.K[i], D: D, Y: F, X: X, Aux: st.ped[i]}
	p, err := affg.DecodeProof(pub, raw)
	if err == nil {
		err = verifyAs(st, i, p, st.proofTranscript(kind, j, i), pub)
	}
	if err != nil {
		return fmt.Errorf("%w: Πaff-g (%s): %w", ErrPresignProof, kind, err)
	}
	return nil
}

// verify2 checks both of sender j's MtAs for verifier i and its Πlog*
// tying G_j to Γ_j (SECURITY.md case 11).
func (st *presignState) verify2(m *r2Part, i, j transport.PartyID) error {
	if err := st.verifyMtA("affg-gamma", i, j, m.D, m.F, m.Gamma, m.affgGamma); err != nil {
		return err
	}
	if err := st.verifyMtA("affg-x", i, j, m.Dh, m.Fh, st.X[j], m.affgX); err != nil {
		return err
	}
	lpub := logstar.Public{N0: st.pk[j], C: st.G[j], X: m.Gamma, G: st.c.Generator(), Aux: st.ped[i]}
	lp, err := logstar.DecodeProof(lpub, m.l)
	if err == nil {
		err = verifyAs(st, i, lp, st.proofTranscript("logstar-gamma", j, i), lpub)
	}
	if err != nil {
		return fmt.Errorf("%w: Πlog*: %w", ErrPresignProof, err)
	}
	return nil
}

// presignRound2: verify the MtAs and Πlog*; compute δ_i, χ_i.
type presignRound2[Out any] struct{ run *presignRun[Out] }

func (r *presignRound2[Out]) Number() int               { return 2 }
func (r *presignRound2[Out]) Expects() transport.Expect { return presignExpect(2) }

func (r *presignRound2[Out]) Finalize(in *transport.Inbox) ([]*transport.Message, transport.OldRound[Out], *Out, error) {
	run := r.run
	st := run.st
	c := st.c
	ri := classify(in, st.signers)
	senders := in.Senders()
	for _, j := range senders {
		st.record(ri.round, j, ri.raw[j])
	}
	if len(ri.complaints()) > 0 {
		return run.c.onComplaints(ri, nil)
	}
	type mtaIn struct {
		Gamma         curve.Point
		alpha, alpha2 *saferith.Int
	}
	ins := make([]*mtaIn, len(senders))
	errs := parallelMap(senders, func(j transport.PartyID) error {
		m, err := st.parse2(j, st.self)
		if err == nil {
			err = st.verify2(m, st.self, j)
		}
		if err != nil {
			return err
		}
		alpha, err := st.sk.Dec(m.D)
		if err != nil {
			return fmt.Errorf("%w: D: %w", ErrPresignMalformed, err)
		}
		alpha2, err := st.sk.Dec(m.Dh)
		if err != nil {
			return fmt.Errorf("%w: D̂: %w", ErrPresignMalformed, err)
		}
		ins[indexOf(senders, j)] = &mtaIn{Gamma: m.Gamma, alpha: alpha, alpha2: alpha2}
		return nil
	})
	if bad := failed(senders, errs); len(bad) > 0 {
		return run.c.complain(2, bad)
	}
	// δ_i = k_iγ_i + Σ(α_{i,j} + β_{i,j}), χ_i = k_i x_i + Σ(α̂_{i,j} + β̂_{i,j}) mod q;
	// the β terms were added when round 2's messages were made.
	st.bigGamma = st.Gamma[st.self]
	delta, chi := st.delta, st.chi
	for i, j := range senders {
		st.Gamma[j] = ins[i].Gamma
		st.bigGamma = st.bigGamma.Add(ins[i].Gamma)
		delta = delta.Add(c.ScalarFromInt(ins[i].alpha))
		chi = chi.Add(c.ScalarFromInt(ins[i].alpha2))
	}
	st.delta, st.chi = delta, chi
	Delta := st.bigGamma.ScalarMult(st.k)
	S := st.bigGamma.ScalarMult(chi)
	st.Delta = map[transport.PartyID]curve.Point{st.self: Delta}
	st.S = map[transport.PartyID]curve.Point{st.self: S}
	st.deltas = map[transport.PartyID]curve.Scalar{st.self: delta}

	own := st.sk.PublicKey()
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
	body := appendField(appendField(appendField(nil, delta.Bytes()), Delta.Bytes()), S.Bytes())
	for _, p := range proofs {
		body = appendField(body, p)
	}
	return st.send(3, regularPayload(body)), &presignRound3[Out]{run: run}, nil, nil
}

type r3Msg struct {
	delta    curve.Scalar
	Delta, S curve.Point
	fields   [][]byte
}

func (st *presignState) parse3(j transport.PartyID) (*r3Msg, error) {
	f, err := st.fields(3, j, r3Common, 1)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrPresignMalformed, err)
	}
	m := &r3Msg{fields: f}
	if m.delta, err = st.c.DecodeScalar(f[0]); err != nil {
		return nil, fmt.Errorf("%w: δ: %w", ErrPresignMalformed, err)
	}
	if m.Delta, err = st.c.DecodePoint(f[1], false); err != nil {
		return nil, fmt.Errorf("%w: Δ: %w", ErrPresignMalformed, err)
	}
	if m.S, err = st.c.DecodePoint(f[2], false); err != nil {
		return nil, fmt.Errorf("%w: S: %w", ErrPresignMalformed, err)
	}
	return m, nil
}

// verify3 checks sender j's Πlog* for verifier i: Δ_j = k_j·Γ with k_j
// the plaintext of K_j.
func (st *presignState) verify3(m *r3Msg, i, j transport.PartyID) error {
	part, err := st.part(m.fields, r3Common, 1, j, i)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrPresignMalformed, err)
	}
	pub := logstar.Public{N0: st.pk[j], C: st.K[j], X: m.Delta, G: st.bigGamma, Aux: st.ped[i]}
	p, err := logstar.DecodeProof(pub, part[0])
	if err == nil {
		err = verifyAs(st, i, p, st.proofTranscript("logstar-k", j, i), pub)
	}
	if err != nil {
		return fmt.Errorf("%w: Πlog*: %w", ErrPresignProof, err)
	}
	return nil
}

// presignRound3: verify Δ_j; check δ·G = ΣΔ_j and δ·X = ΣS_j; confirm, or
// claim (identify.go).
type presignRound3[Out any] struct{ run *presignRun[Out] }

func (r *presignRound3[Out]) Number() int               { return 3 }
func (r *presignRound3[Out]) Expects() transport.Expect { return presignExpect(3) }

func (r *presignRound3[Out]) Finalize(in *transport.Inbox) ([]*transport.Message, transport.OldRound[Out], *Out, error) {
	run := r.run
	st := run.st
	c := st.c
	ri := classify(in, st.signers)
	senders := in.Senders()
	for _, j := range senders {
		st.record(ri.round, j, ri.raw[j])
	}
	if len(ri.complaints()) > 0 {
		return run.c.onComplaints(ri, nil)
	}
	got := make([]*r3Msg, len(senders))
	errs := parallelMap(senders, func(j transport.PartyID) error {
		m, err := st.parse3(j)
		if err == nil {
			err = st.verify3(m, st.self, j)
		}
		got[indexOf(senders, j)] = m
		return err
	})
	if bad := failed(senders, errs); len(bad) > 0 {
		return run.c.complain(3, bad)
	}
	delta := st.delta
	sumDelta, sumS := st.Delta[st.self], st.S[st.self]
	for i, j := range senders {
		st.deltas[j], st.Delta[j], st.S[j] = got[i].delta, got[i].Delta, got[i].S
		delta = delta.Add(got[i].delta)
		sumDelta = sumDelta.Add(got[i].Delta)
		sumS = sumS.Add(got[i].S)
	}
	r4 := &presignRound4[Out]{run: run}
	switch {
	case !c.ScalarBaseMult(delta).Equal(sumDelta):
		// Every proof verified, so some party lied about its δ_j: find it
		// (identify.go).
		r4.mode = identifyDelta
	case delta.IsZero() || !st.pub.VarTimeScalarMult(delta).Equal(sumS):
		// Some party's S_j is not χ_j·Γ.
		r4.mode = identifyChi
	}
	if r4.mode != identifyNone {
		claim, err := st.claim(r4.mode)
		if err != nil {
			return nil, nil, nil, err
		}
		st.discard()
		return st.send(4, append([]byte{tagClaim}, claim...)), r4, nil, nil
	}
	r4.pres = st.presignature(delta)
	body, err := run.out.body(r4.pres)
	if err != nil {
		r4.pres.Discard()
		return nil, nil, nil, err
	}
	return st.send(4, regularPayload(body)), r4, nil, nil
}

// presignature builds this party's presignature once every check passed:
// R = δ⁻¹·Γ = k⁻¹·G and the public k_j·R, χ_j·R of every signer.
func (st *presignState) presignature(delta curve.Scalar) *Presignature {
	dInv := delta.Invert()
	ps := &Presignature{
		sessionID: append([]byte{}, st.cfg.SessionID...),
		path:      append(hd.Path(nil), st.cfg.Path...),
		self:      st.self,
		signers:   st.signers,
		pub:       st.pub,
		tweak:     st.cfg.Tweak,
		R:         st.bigGamma.VarTimeScalarMult(dInv),
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
	return ps
}

// discard zeroes the run's secrets after an identification claim is made.
func (st *presignState) discard() {
	for _, s := range []curve.Scalar{st.k, st.gamma, st.x, st.chi} {
		if s != nil {
			s.Zeroize()
		}
	}
}

// identifyMode says which consistency check failed in round 3.
type identifyMode int

const (
	identifyNone  identifyMode = iota
	identifyDelta              // δ·G ≠ ΣΔ_j
	identifyChi                // δ·X ≠ ΣS_j
)

// presignRound4 collects the confirmations (or partial signatures), or the
// identification claims; a complaint about round 3 is judged at once.
type presignRound4[Out any] struct {
	run  *presignRun[Out]
	mode identifyMode
	pres *Presignature // identifyNone
}

func (r *presignRound4[Out]) Number() int               { return 4 }
func (r *presignRound4[Out]) Expects() transport.Expect { return presignExpect(4) }

func (r *presignRound4[Out]) Finalize(in *transport.Inbox) ([]*transport.Message, transport.OldRound[Out], *Out, error) {
	run := r.run
	st := run.st
	ri := classify(in, st.signers)
	if len(ri.complaints()) > 0 {
		if r.pres != nil {
			r.pres.Discard()
		}
		return run.c.onComplaints(ri, nil)
	}
	if r.mode != identifyNone {
		verdict := st.judgeClaims(r.mode, ri)
		return []*transport.Message{{Payload: pendingPayload()}}, &presignVerdict[Out]{run: run, verdict: verdict}, nil, nil
	}
	if bad := ri.wrongKind(tagRegular); len(bad) > 0 {
		r.pres.Discard()
		return nil, nil, nil, abortNaming(run.protocol, "round-4 message of the wrong kind", bad)
	}
	bodies := map[transport.PartyID][]byte{}
	for j, p := range ri.msgs {
		bodies[j] = p.body
	}
	out, err := run.out.result(r.pres, bodies)
	if err != nil {
		return nil, nil, nil, err
	}
	return nil, nil, &out, nil
}

// presignVerdict is round 5: its messages carry the echo of the round-4
// claims, so a party that sent different claims to different peers is
// named by the echo check before the verdict, and honest parties agree.
type presignVerdict[Out any] struct {
	run     *presignRun[Out]
	verdict error
}

func (r *presignVerdict[Out]) Number() int               { return 5 }
func (r *presignVerdict[Out]) Expects() transport.Expect { return presignExpect(5) }

func (r *presignVerdict[Out]) Finalize(in *transport.Inbox) ([]*transport.Message, transport.OldRound[Out], *Out, error) {
	bad := classify(in, r.run.st.signers).wrongKind(tagPending)
	return nil, nil, nil, addCulprits(r.verdict, bad)
}

// addCulprits names the parties of bad in the verdict too.
func addCulprits(verdict error, bad map[transport.PartyID]error) error {
	var ae *transport.AbortError
	if len(bad) == 0 || !errors.As(verdict, &ae) {
		return verdict
	}
	culprits := append([]transport.PartyID{}, ae.Culprits...)
	errs := []error{ae.Err}
	for j, err := range bad {
		culprits = append(culprits, j)
		errs = append(errs, fmt.Errorf("party %d: %w", j, err))
	}
	return transport.NewAbortError(ae.Protocol, ae.Round, ae.Reason, errors.Join(errs...), culprits...)
}

// abortNaming is an AbortError naming every party of bad, with its reason.
func abortNaming(protocol, reason string, bad map[transport.PartyID]error) error {
	var culprits []transport.PartyID
	var errs []error
	for j, err := range bad {
		culprits = append(culprits, j)
		errs = append(errs, fmt.Errorf("party %d: %w", j, err))
	}
	return transport.NewAbortError(protocol, 0, reason, errors.Join(errs...), culprits...)
}
