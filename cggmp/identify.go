package cggmp

import (
	"errors"
	"fmt"

	"github.com/cronokirby/saferith"
	"github.com/mosaic-mpc/mosaic/internal/bigint"
	"github.com/mosaic-mpc/mosaic/paillier"
	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/mosaic-mpc/mosaic/zk/affg"
	"github.com/mosaic-mpc/mosaic/zk/dec"
	"github.com/mosaic-mpc/mosaic/zk/mul"
)

// Identification after a failed δ check (CGGMP21, Fig. 7 Output step 2,
// "identifying the culprit"). Every proof of presigning verified, so some
// party P_i announced a δ_i that is not k_iγ_i + Σ_j(α_{i,j} + β_{i,j}).
// Each party proves its δ_i in a public broadcast:
//
//   - H_i = γ_i ⊙ K_i (re-randomised), with Πmul against G_i = enc_i(γ_i);
//   - the evidence it received in round 2 from every P_j: D_{i,j}, F_{i,j}
//     and P_j's Πaff-g proof for them. The proof binds P_j (only the holder
//     of γ_j can make it), so a party cannot claim it received something
//     else; and it publishes the F_{j,i} that P_j received from P_i;
//   - with U_i = H_i ⊕ Σ_j D_{i,j} ⊖ Σ_j F_{j,i}, an encryption of exactly
//     k_iγ_i + Σ_j(α_{i,j} + β_{i,j}), a Πdec proof to every verifier that U_i
//     decrypts to δ_i mod q.
//
// Everyone checks everyone; a party whose Πmul, evidence or Πdec fails is
// named. If some party's evidence is invalid, only the evidence is judged,
// since the others' U_i depend on it. What the claims refer to (K_j, G_j,
// Γ_j and the round-3 δ_j) was broadcast and echo-checked before this
// round, and the verdict waits one more round (presignVerdict) whose
// messages carry the echo of the claims themselves, so a party that sends
// different claims to different peers is named by the echo check and honest
// parties agree.

// ErrIdentified is the reason of an abort after identification.
var ErrIdentified = errors.New("cggmp: party identified as the cause of a failed presigning check")

// evidence is what a party received in round 2 from one peer (γ-MtA).
type evidence struct {
	D, F  *paillier.Ciphertext
	proof []byte
}

// identifyMessage builds this party's identification broadcast.
func (st *presignState) identifyMessage() ([]byte, error) {
	sk := st.sk
	own := sk.PublicKey()
	// H_i = K_i^γ_i · r^N: plaintext k_iγ_i.
	r, err := bigint.SampleUnit(st.cfg.Rand, own.N())
	if err != nil {
		return nil, fmt.Errorf("%w: %w", transport.ErrLocal, err)
	}
	H := own.Add(own.MulScalar(st.K[st.self], scalarInt(st.gamma)), sk.EncWithNonce(new(saferith.Int), r))
	mp, err := mul.NewProof(st.proofTranscript("identify-mul", st.self, 0),
		mul.Public{N: own, X: st.G[st.self], Y: st.K[st.self], C: H},
		mul.Private{X: scalarInt(st.gamma), Rho: r, RhoX: st.nu, SecretKey: sk}, st.cfg.Rand)
	if err != nil {
		return nil, fmt.Errorf("cggmp: Πmul: %w", err)
	}
	mulRaw, err := mp.MarshalBinary()
	if err != nil {
		return nil, err
	}
	payload := appendField(appendField(nil, H.Bytes()), mulRaw)
	for _, j := range st.others {
		ev := st.evidence[j]
		payload = appendField(payload, ev.D.Bytes())
		payload = appendField(payload, ev.F.Bytes())
		payload = appendField(payload, ev.proof)
	}
	U := st.accumulate(st.self, H, func(j transport.PartyID) *paillier.Ciphertext { return st.evidence[j].D },
		func(j transport.PartyID) *paillier.Ciphertext { return st.sentF[j] })
	y, rho, err := sk.DecWithNonce(U)
	if err != nil {
		return nil, err
	}
	for _, k := range st.others {
		dp, err := dec.NewProof(st.proofTranscript("identify-dec", st.self, k),
			dec.Public{N0: own, C: U, X: st.deltas[st.self], Aux: st.ped[k]},
			dec.Private{Y: y, Rho: rho, SecretKey: sk}, st.cfg.Rand)
		if err != nil {
			return nil, fmt.Errorf("cggmp: Πdec: %w", err)
		}
		raw, err := dp.MarshalBinary()
		if err != nil {
			return nil, err
		}
		payload = appendField(payload, raw)
	}
	return payload, nil
}

// accumulate returns U_i = H ⊕ Σ_j D_{i,j} ⊖ Σ_j F_{j,i} under N_i.
func (st *presignState) accumulate(i transport.PartyID, H *paillier.Ciphertext, D, F func(j transport.PartyID) *paillier.Ciphertext) *paillier.Ciphertext {
	pk := st.pk[i]
	U := H
	for _, j := range st.signers {
		if j == i {
			continue
		}
		U = pk.Sub(pk.Add(U, D(j)), F(j))
	}
	return U
}

// identifyClaim is one party's parsed identification broadcast.
type identifyClaim struct {
	H        *paillier.Ciphertext
	mulRaw   []byte
	evidence map[transport.PartyID]*evidence
	dec      map[transport.PartyID][]byte
}

func (st *presignState) parseClaim(i transport.PartyID, b []byte) (*identifyClaim, error) {
	peers := make([]transport.PartyID, 0, len(st.signers)-1)
	for _, j := range st.signers {
		if j != i {
			peers = append(peers, j)
		}
	}
	f, err := splitFields(b, 2+3*len(peers)+len(peers))
	if err != nil {
		return nil, err
	}
	pk := st.pk[i]
	cl := &identifyClaim{mulRaw: f[1], evidence: map[transport.PartyID]*evidence{}, dec: map[transport.PartyID][]byte{}}
	if cl.H, err = pk.DecodeCiphertext(f[0]); err != nil {
		return nil, err
	}
	for n, j := range peers {
		D, err := pk.DecodeCiphertext(f[2+3*n])
		if err != nil {
			return nil, err
		}
		F, err := st.pk[j].DecodeCiphertext(f[3+3*n])
		if err != nil {
			return nil, err
		}
		cl.evidence[j] = &evidence{D: D, F: F, proof: f[4+3*n]}
	}
	for n, k := range peers {
		cl.dec[k] = f[2+3*len(peers)+n]
	}
	return cl, nil
}

// presignIdentify is the identification round.
type presignIdentify struct{ st *presignState }

func (r *presignIdentify) Number() int               { return 4 }
func (r *presignIdentify) Expects() transport.Expect { return transport.Expect{Broadcast: true} }

func (r *presignIdentify) Finalize(in *transport.Inbox) ([]*transport.Message, transport.Round[*Presignature], **Presignature, error) {
	st := r.st
	senders := in.Senders()
	claims := make([]*identifyClaim, len(senders))
	// Pass 1: parse, check Πmul and the received evidence of every party.
	errs := parallelMap(senders, func(i transport.PartyID) error {
		cl, err := st.parseClaim(i, in.Broadcast(i))
		if err != nil {
			return fmt.Errorf("%w: %w", ErrPresignMalformed, err)
		}
		mp, err := mul.DecodeProof(mul.Public{N: st.pk[i], X: st.G[i], Y: st.K[i], C: cl.H}, cl.mulRaw)
		if err == nil {
			err = mp.Verify(st.proofTranscript("identify-mul", i, 0), mul.Public{N: st.pk[i], X: st.G[i], Y: st.K[i], C: cl.H})
		}
		if err != nil {
			return fmt.Errorf("%w: Πmul: %w", ErrIdentified, err)
		}
		for j, ev := range cl.evidence {
			if j == st.self {
				// what P_i received from us must be what we sent
				if !ev.D.Equal(st.sentD[i]) || !ev.F.Equal(st.sentF[i]) {
					return fmt.Errorf("%w: misreported our round-2 message", ErrIdentified)
				}
				continue
			}
			pub := affg.Public{N0: st.pk[i], N1: st.pk[j], C: st.K[i], D: ev.D, Y: ev.F, X: st.Gamma[j], Aux: st.ped[i]}
			p, err := affg.DecodeProof(pub, ev.proof)
			if err == nil {
				err = p.Verify(st.proofTranscript("affg-gamma", j, i), pub)
			}
			if err != nil {
				return fmt.Errorf("%w: evidence from party %d: %w", ErrIdentified, j, err)
			}
		}
		claims[indexOf(senders, i)] = cl
		return nil
	})
	if err := abortFor(PresignProtocol, 4, "identification: invalid Πmul or evidence", senders, errs); err != nil {
		return verdictAfterEcho(err)
	}
	byParty := map[transport.PartyID]*identifyClaim{}
	for n, i := range senders {
		byParty[i] = claims[n]
	}
	// Pass 2: every U_i and its Πdec to us.
	errs = parallelMap(senders, func(i transport.PartyID) error {
		cl := byParty[i]
		D := func(j transport.PartyID) *paillier.Ciphertext {
			if j == st.self {
				return st.sentD[i]
			}
			return cl.evidence[j].D
		}
		F := func(j transport.PartyID) *paillier.Ciphertext {
			if j == st.self {
				return st.evidence[i].F // F_{self,i}: what P_i sent us
			}
			return byParty[j].evidence[i].F
		}
		U := st.accumulate(i, cl.H, D, F)
		pub := dec.Public{N0: st.pk[i], C: U, X: st.deltas[i], Aux: st.ped[st.self]}
		p, err := dec.DecodeProof(pub, cl.dec[st.self])
		if err == nil {
			err = p.Verify(st.proofTranscript("identify-dec", i, st.self), pub)
		}
		if err != nil {
			return fmt.Errorf("%w: δ does not match its ciphertexts: %w", ErrIdentified, err)
		}
		return nil
	})
	if err := abortFor(PresignProtocol, 4, "identification: δ_i not proven", senders, errs); err != nil {
		return verdictAfterEcho(err)
	}
	return verdictAfterEcho(transport.NewAbortError(PresignProtocol, 4, "δ check failed but no party was identified", ErrPresignConsistency))
}

// verdictAfterEcho delays the identification verdict by one round, whose
// (empty) messages carry the echo of the round-4 claims: a party that sent
// different claims to different peers is named by the echo check first, so
// honest parties agree on the culprits.
func verdictAfterEcho(verdict error) ([]*transport.Message, transport.Round[*Presignature], **Presignature, error) {
	return []*transport.Message{{}}, &presignVerdict{verdict: verdict}, nil, nil
}

// presignVerdict is the round that announces identification's verdict
// once the claims' echo has been checked.
type presignVerdict struct{ verdict error }

func (r *presignVerdict) Number() int               { return 5 }
func (r *presignVerdict) Expects() transport.Expect { return transport.Expect{Broadcast: true} }

func (r *presignVerdict) Finalize(*transport.Inbox) ([]*transport.Message, transport.Round[*Presignature], **Presignature, error) {
	return nil, nil, nil, r.verdict
}
