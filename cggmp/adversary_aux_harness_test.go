package cggmp

// Party 3 in aux-info: its machine, built on its own state, and the ways
// the tests make it open or prove something else than an honest party.

import (
	"crypto/rand"
	"testing"

	"github.com/mosaic-mpc/mosaic/paillier"
	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/mosaic-mpc/mosaic/transport/memnet"
	"github.com/stretchr/testify/require"
)

// auxAdversary describes party 3's behaviour in aux-info.
type auxAdversary struct {
	// secret is party 3's Paillier key and ring-Pedersen parameters (a
	// fixture key of its own by default) and bits its ModulusBits.
	secret *AuxSecret
	bits   int
	// start, if set, replaces party 3's Start (it sets st.own, st.ownBody
	// and returns the commitment).
	start func(st *auxState) ([]*transport.Message, error)
	// edit, if set, rewrites party 3's broadcasts inside its machine; hook,
	// if set, plays party 3 on the network.
	edit    func(st *auxState) editFunc
	hook    func(st *auxState) memnet.InterceptFunc
	observe observer
	opts    []transport.Option
	// noProofs makes party 3 send an empty round-3 body instead of its
	// Πmod and Πfac proofs, for a test whose verdict falls in round 2:
	// the honest parties complain in round 3 and never read it, and its
	// proofs would cost the run a third of its time.
	noProofs bool
}

// auxSecrets are the honest parties' fixture aux secrets (keys 0 and 1) and
// party 3's (key 2).
func auxSecrets(t testing.TB) map[transport.PartyID]*AuxSecret {
	return map[transport.PartyID]*AuxSecret{1: fixtureAuxSecret(t, 0), 2: fixtureAuxSecret(t, 1), 3: fixtureAuxSecret(t, 2)}
}

// runAuxAdversary runs aux-info among parties 1, 2 (honest, NewAux) and 3.
func runAuxAdversary(t *testing.T, secrets map[transport.PartyID]*AuxSecret, adv auxAdversary) (*evilRun[*AuxInfo], *auxState) {
	t.Helper()
	ids := partyIDs(3)
	sid := randomSID(t)
	ms := machinesFor(t, honestParties, func(id transport.PartyID) (transport.Machine[*AuxInfo], error) {
		return NewAux(AuxConfig{Parties: ids, Self: id, SessionID: sid, Secret: secrets[id]})
	})
	sec := secrets[evil]
	if adv.secret != nil {
		sec = adv.secret
	}
	cfg := AuxConfig{Parties: ids, Self: evil, SessionID: sid, Secret: sec, Level: paillier.Level112, Rand: rand.Reader}
	if adv.bits != 0 {
		level, err := paillier.LevelOf(adv.bits)
		if err != nil {
			t.Fatal(err)
		}
		cfg.Level = level
	}
	st, err := newAuxState(cfg)
	require.NoError(t, err)
	trustHonest(st)
	var first transport.FirstRound[*AuxInfo] = &auxRound1{st: st}
	if adv.noProofs {
		first = noRound3Proofs{auxRound1: &auxRound1{st: st}}
	}
	if adv.start != nil {
		first = withStart(first, func() ([]*transport.Message, error) { return adv.start(st) })
	}
	if adv.edit != nil {
		first = lying(first, adv.edit(st))
	}
	m, err := transport.NewMachine(st.machineConfig(), first)
	require.NoError(t, err)
	ms[evil] = m
	var hook memnet.InterceptFunc
	if adv.hook != nil {
		hook = adv.hook(st)
	}
	return runEvil(t, ms, hook, adv.observe, adv.opts...), st
}

// noRound3Proofs is party 3's round 1, followed by emptyAuxRound2
// (auxAdversary.noProofs).
type noRound3Proofs struct{ *auxRound1 }

func (r noRound3Proofs) Finalize(in *transport.Inbox) transport.Step[*AuxInfo] {
	return checkRound(r.st.log, in, r.st.commitmentOf, func(V map[transport.PartyID][]byte) transport.Step[*AuxInfo] {
		r.st.setCommitments(V)
		return transport.Next[*AuxInfo](r.st.log.send(2, regularEnvelope(r.st.ownBody)), emptyAuxRound2{r.st})
	})
}

// emptyAuxRound2 is auxRound2 without Πmod and Πfac: it checks the
// openings (the honest parties' Πprm are trusted, see trustHonest) and sets
// ρ as auxRound2 does, then sends an empty round-3 body and goes on as
// auxRound3.
type emptyAuxRound2 struct{ st *auxState }

func (r emptyAuxRound2) Expects() transport.Expect { return everyoneBroadcasts() }

func (r emptyAuxRound2) Finalize(in *transport.Inbox) transport.Step[*AuxInfo] {
	return checkRound(r.st.log, in, r.st.checkOpening, func(opening map[transport.PartyID]*auxOpening) transport.Step[*AuxInfo] {
		r.st.setOpenings(opening)
		return transport.Next[*AuxInfo](r.st.log.send(3, regularEnvelope(nil)), &auxRound3{st: r.st})
	})
}

// trustHonest makes party 3 take the honest parties' Πprm and Πmod as
// valid without verifying them, by filling in its kept verdicts
// (proofVerdicts). They are valid (NewAux made them), so party 3's run is
// the same; a malicious party owes no one its checks, and what the tests
// assert is the honest parties' verdicts, never party 3's. It saves each
// run two Πprm and, from round 3 on, two Πmod verifications (128
// exponentiations each).
func trustHonest(st *auxState) {
	v := st.verdicts
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.m == nil {
		v.m = map[verdictKey]*verdict{}
	}
	for _, proof := range []string{"prm", "mod"} {
		for _, id := range honestParties {
			// A verdict not yet bound to an input: the first bytes
			// checked take it, as the honest parties' real proofs will.
			e := &verdict{}
			e.once.Do(func() {})
			v.m[verdictKey{proof: proof, sender: id}] = e
		}
	}
}

// openAs makes party 3 commit to, and later open, the given public key,
// ring-Pedersen and Πprm encodings as its own, with fresh ρ and u.
func openAs(st *auxState, pkRaw, pedRaw, prmRaw []byte) ([]*transport.Message, error) {
	rho := make([]byte, randomSize)
	u := make([]byte, randomSize)
	if _, err := rand.Read(rho); err != nil {
		return nil, err
	}
	if _, err := rand.Read(u); err != nil {
		return nil, err
	}
	return commitTo(st, appendFields(nil, pkRaw, pedRaw, prmRaw, rho, u))
}

// commitTo makes party 3 commit to, and later open, a raw opening body,
// keeping what of it decodes as its own opening.
func commitTo(st *auxState, body []byte) ([]*transport.Message, error) {
	o := &auxOpening{}
	if f, err := splitFields(body, 5); err == nil {
		o.Prm, o.Rho, o.U = f[2], f[3], f[4]
		o.N, _ = parsePK(f[0], st.cfg.Level.ModulusBits())
		o.Pedersen, _ = parsePed(f[1], st.cfg.Level.ModulusBits())
	}
	st.own, st.ownBody = o, body
	return st.log.sendRegular(1, &auxCommitment{V: st.commitment(st.cfg.Self, body)})
}

// openOwn makes party 3 open its own Paillier key with the given
// ring-Pedersen and Πprm encodings, without making the honest Πprm that
// patchOpening would throw away.
func openOwn(st *auxState, pedRaw, prmRaw []byte) ([]*transport.Message, error) {
	pkRaw, err := st.cfg.Secret.Paillier.PublicKey().MarshalBinary()
	if err != nil {
		return nil, err
	}
	return openAs(st, pkRaw, pedRaw, prmRaw)
}

// patchOpening runs party 3's honest Start, then lets f change the opening's
// fields (public key, ring-Pedersen parameters, Πprm, ρ, u) before
// committing to the result.
func patchOpening(st *auxState, f func(fields [][]byte)) ([]*transport.Message, error) {
	if _, err := (&auxRound1{st: st}).Start(); err != nil {
		return nil, err
	}
	fields, err := splitFields(st.ownBody, 5)
	if err != nil {
		return nil, err
	}
	f(fields)
	return openAs(st, fields[0], fields[1], fields[2])
}

// onAuxRound3 plays party 3's round 3 (Πmod, then Πfac for each peer, in
// one broadcast): bcast and direct, if set, return the Πmod and the Πfac
// addressed to a verifier to send instead.
func onAuxRound3(bcast func(orig []byte) []byte, direct func(to transport.PartyID, orig []byte) []byte) editFunc {
	return onParts(3, 1, 1, func(common [][]byte) {
		if bcast != nil {
			common[0] = bcast(common[0])
		}
	}, func(v transport.PartyID, part [][]byte) {
		if direct != nil {
			part[0] = direct(v, part[0])
		}
	})
}

func parsePK(b []byte, bits int) (*paillier.PublicKey, error) {
	return paillier.ParsePublicKey(b, paillier.WithModulusBits(bits))
}

func parsePed(b []byte, bits int) (*paillier.PedersenParams, error) {
	return paillier.ParsePedersenParams(b, paillier.WithModulusBits(bits))
}
