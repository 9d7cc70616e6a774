package cggmp

// Aux-info, presigning and signing on the agreement layer
// (docs/agreement.md): with identities, every honest party ends a run with
// the same outcome, the same output or an abort naming the same culprits,
// never an honest one. The runs go over agreementtest's synchronous
// network, malicious parties rewriting what they send per recipient.
//
// The package's own complaint and identification rounds (complaint.go,
// identify.go) judge on echo-checked broadcasts, so every honest party that
// reaches a verdict reaches the same one. With identities that verdict is
// each honest party's first-hand blame in the conclusion, and it names a
// party when more than f parties make it: with n = 2f+1 (a 2-of-3 key with
// all three signing, a 3-of-5 key with all five) the honest parties alone
// are enough. What a malicious party shows some parties only (a bad
// broadcast, a complaint in the last round, a lying echo) is named by
// self-verifying evidence: two broadcasts it signed for one round, or an
// echo it signed holding what another party never signed. With exactly t
// signers there is no honest majority (f is then the number of signers
// less one), and only such evidence names anyone.

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"fmt"
	"maps"
	"slices"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/internal/agreementtest"
	"github.com/mosaic-mpc/mosaic/paillier"
	"github.com/mosaic-mpc/mosaic/transport"
)

// The confirmation round that a run with identities adds after the last
// regular round (without complaints): aux-info's and presigning's round 5,
// signing's round 2.
const (
	auxConfirmRound     = auxFinal + 1
	presignConfirmRound = presignFinal + 1
	signConfirmRound    = 2
)

// agreementDigest is what the signing runs sign: SHA-256 with its top
// five bits cleared, a message hash on every curve (a Starknet message
// hash is below 2^251).
var agreementDigest = func() [32]byte {
	d := sha256.Sum256([]byte("cggmp agreement"))
	d[0] &= 0x07
	return d
}()

// identityOf is party p's Identity among parties (MaxFaulty left to the
// protocol's default).
func identityOf(p transport.PartyID, parties []transport.PartyID) *transport.Identity {
	keys, pubs := agreementtest.IdentityKeys(parties)
	return &transport.Identity{Key: keys[p], Peers: pubs}
}

// The outcome equalities: the same public part, the one every party
// confirms.
func sameAux(a, b *AuxInfo) bool {
	ra, errA := a.publicRecord()
	rb, errB := b.publicRecord()
	return errA == nil && errB == nil && bytes.Equal(ra, rb)
}

func samePresignature(a, b *Presignature) bool {
	return bytes.Equal(a.publicRecord(), b.publicRecord())
}

func sameSignature(a, b *Signature) bool { return bytes.Equal(a.publicRecord(), b.publicRecord()) }

// simulateAgreement runs ms with the malicious parties' behaviours and
// checks that the honest parties agree; a failure names what describes the
// run.
func simulateAgreement[Out any](t testing.TB, ms map[transport.PartyID]transport.Machine[Out], malicious map[transport.PartyID]agreementtest.Behaviour, equal func(a, b Out) bool, what string) *agreementtest.Outcome[Out] {
	t.Helper()
	return simulateWithLiars(t, ms, malicious, nil, equal, what)
}

// simulateWithLiars is simulateAgreement where the parties of liars are
// malicious too, even without a behaviour on the network: their machines
// lie themselves.
func simulateWithLiars[Out any](t testing.TB, ms map[transport.PartyID]transport.Machine[Out], malicious map[transport.PartyID]agreementtest.Behaviour, liars []transport.PartyID, equal func(a, b Out) bool, what string) *agreementtest.Outcome[Out] {
	t.Helper()
	all := map[transport.PartyID]agreementtest.Behaviour{}
	for _, p := range liars {
		all[p] = agreementtest.NewScript(0) // no fault of its own
	}
	for p, b := range malicious {
		all[p] = b
	}
	malicious = all
	parties := make([]transport.PartyID, 0, len(ms))
	for p := range ms {
		parties = append(parties, p)
	}
	keys, _ := agreementtest.IdentityKeys(parties)
	o, err := agreementtest.Run(&agreementtest.Net[Out]{Machines: ms, Malicious: malicious, Keys: keys})
	require.NoError(t, err, what)
	require.NoError(t, o.Check(equal), "%s, malicious %v", what, malicious)
	return o
}

// requireNamed checks that no honest party finished and that all name
// culprits in an error wrapping want.
func requireNamed[Out any](t *testing.T, o *agreementtest.Outcome[Out], want error, culprits ...transport.PartyID) {
	t.Helper()
	require.Empty(t, o.Results, "no honest party may finish")
	require.Equal(t, culprits, o.Culprits())
	for p, err := range o.Errs {
		require.ErrorIs(t, err, want, "party %d", p)
	}
}

// requireCertified checks that every honest party finished and keeps the
// certificate of every party's confirmation.
func requireCertified[Out any](t *testing.T, o *agreementtest.Outcome[Out], ms map[transport.PartyID]transport.Machine[Out], honest int) {
	t.Helper()
	require.Len(t, o.Results, honest, "every honest party finishes: %v", o.Errs)
	for p := range o.Results {
		require.NotEmpty(t, ms[p].(transport.Certified).Certificate(), "party %d keeps the certificate", p)
	}
}

// agreementAuxSecrets caches the fixture aux secrets of the aux-info runs
// by party index: fresh ring-Pedersen parameters prove nothing more, and
// the runs are many.
var agreementAuxSecrets struct {
	sync.Mutex
	m map[int]*AuxSecret
}

func agreementAuxSecret(t testing.TB, i int) *AuxSecret {
	agreementAuxSecrets.Lock()
	defer agreementAuxSecrets.Unlock()
	if agreementAuxSecrets.m == nil {
		agreementAuxSecrets.m = map[int]*AuxSecret{}
	}
	if agreementAuxSecrets.m[i] == nil {
		agreementAuxSecrets.m[i] = fixtureAuxSecret(t, i)
	}
	return agreementAuxSecrets.m[i]
}

// signedAux is an aux-info run with identities among parties.
type signedAux struct {
	parties []transport.PartyID
	// edit, if set, changes party p's configuration.
	edit func(p transport.PartyID, cfg *AuxConfig)
	// lies holds the protocol-level lies of malicious parties: what they
	// send, rewritten before it is signed (lying).
	lies map[transport.PartyID]editFunc
}

func (s signedAux) machines(t testing.TB) map[transport.PartyID]transport.Machine[*AuxInfo] {
	t.Helper()
	sid := randomSID(t)
	ms := map[transport.PartyID]transport.Machine[*AuxInfo]{}
	for i, p := range s.parties {
		cfg := AuxConfig{Parties: s.parties, Self: p, SessionID: sid, Secret: agreementAuxSecret(t, i), Identity: identityOf(p, s.parties)}
		if s.edit != nil {
			s.edit(p, &cfg)
		}
		if lie := s.lies[p]; lie != nil {
			st, err := newAuxState(cfg)
			require.NoError(t, err)
			m, err := transport.NewMachine(st.machineConfig(), lying[*AuxInfo](&auxRound1{st: st}, lie))
			require.NoError(t, err)
			ms[p] = m
			continue
		}
		m, err := NewAux(cfg)
		require.NoError(t, err)
		ms[p] = m
	}
	return ms
}

func (s signedAux) simulate(t testing.TB, malicious map[transport.PartyID]agreementtest.Behaviour) (*agreementtest.Outcome[*AuxInfo], map[transport.PartyID]transport.Machine[*AuxInfo]) {
	t.Helper()
	ms := s.machines(t)
	o := simulateWithLiars(t, ms, malicious, slices.Collect(maps.Keys(s.lies)), sameAux, fmt.Sprintf("aux-info among %v", s.parties))
	for p, info := range o.Results {
		require.NoError(t, info.validate(), "party %d", p)
	}
	return o, ms
}

// signedPresign is a presigning run (NewPresign; NewFullSign when full)
// with identities among signers of keys.
type signedPresign struct {
	keys    map[transport.PartyID]*Key
	signers []transport.PartyID
	full    bool
	// edit, if set, changes signer p's configuration.
	edit func(p transport.PartyID, cfg *FullSignConfig)
	// lies holds the protocol-level lies of malicious signers (lying),
	// made on their own state.
	lies map[transport.PartyID]func(*presignState) editFunc
}

// config is signer p's configuration on session sid.
func (s signedPresign) config(p transport.PartyID, sid []byte) FullSignConfig {
	cfg := FullSignConfig{
		PresignConfig: PresignConfig{Key: s.keys[p], Signers: s.signers, SessionID: sid, Identity: identityOf(p, s.signers)},
		Digest:        agreementDigest[:],
	}
	if s.edit != nil {
		s.edit(p, &cfg)
	}
	return cfg
}

// presignMachines builds every signer's machine on one session: honest
// signers through newMachine (NewPresign or NewFullSign), liars on their
// own state with the output out makes (presignOnly or signAfterPresign).
func presignMachines[Out any](t testing.TB, s signedPresign, newMachine func(FullSignConfig) (transport.Machine[Out], error), out func(FullSignConfig) presignOutput[Out]) map[transport.PartyID]transport.Machine[Out] {
	t.Helper()
	sid := randomSID(t)
	ms := map[transport.PartyID]transport.Machine[Out]{}
	for _, p := range s.signers {
		cfg := s.config(p, sid)
		lie := s.lies[p]
		if lie == nil {
			m, err := newMachine(cfg)
			require.NoError(t, err)
			ms[p] = m
			continue
		}
		st, err := newPresignState(cfg.PresignConfig)
		require.NoError(t, err)
		protocol, digest := PresignProtocol, []byte(nil)
		if s.full {
			protocol, digest = FullSignProtocol, cfg.Digest
		}
		mcfg, err := st.machineConfig(protocol, digest)
		require.NoError(t, err)
		m, err := transport.NewMachine(mcfg, lying[Out](&presignRound1[Out]{run: &presignRun[Out]{st: st, out: out(cfg)}}, lie(st)))
		require.NoError(t, err)
		ms[p] = m
	}
	return ms
}

// simulate runs presigning and checks that the honest signers agree; when
// every signer's machine finished (the malicious ones run the honest
// machine under their behaviours), the presignatures must sign together.
func (s signedPresign) simulate(t testing.TB, malicious map[transport.PartyID]agreementtest.Behaviour) (*agreementtest.Outcome[*Presignature], map[transport.PartyID]transport.Machine[*Presignature]) {
	t.Helper()
	ms := presignMachines(t, s,
		func(cfg FullSignConfig) (transport.Machine[*Presignature], error) {
			return NewPresign(cfg.PresignConfig)
		},
		func(FullSignConfig) presignOutput[*Presignature] { return presignOnly{} })
	o := simulateWithLiars(t, ms, malicious, slices.Collect(maps.Keys(s.lies)), samePresignature, fmt.Sprintf("presigning among %v", s.signers))
	all := map[transport.PartyID]*Presignature{}
	for _, p := range s.signers {
		if pres, err := ms[p].Result(); err == nil {
			all[p] = pres
		}
	}
	if len(all) == len(s.signers) {
		requireSignature(t, s.keys[s.signers[0]].PublicKey(), signAll(t, all))
	}
	return o, ms
}

// simulateFull runs NewFullSign (s.full must be set) and checks that the
// honest signers agree and that their signature verifies.
func (s signedPresign) simulateFull(t testing.TB, malicious map[transport.PartyID]agreementtest.Behaviour) (*agreementtest.Outcome[*Signature], map[transport.PartyID]transport.Machine[*Signature]) {
	t.Helper()
	ms := presignMachines(t, s, NewFullSign,
		func(cfg FullSignConfig) presignOutput[*Signature] { return &signAfterPresign{digest: cfg.Digest} })
	o := simulateWithLiars(t, ms, malicious, slices.Collect(maps.Keys(s.lies)), sameSignature, fmt.Sprintf("full signing among %v", s.signers))
	for _, sig := range o.Results {
		requireSignature(t, s.keys[s.signers[0]].PublicKey(), sig)
	}
	return o, ms
}

// signAll signs agreementDigest with every presignature of pres and
// combines the partial signatures.
func signAll(t testing.TB, pres map[transport.PartyID]*Presignature) *Signature {
	t.Helper()
	var partials []*PartialSignature
	var one *Presignature
	for _, p := range pres {
		ps, err := p.SignShare(agreementDigest[:])
		require.NoError(t, err)
		partials = append(partials, ps)
		one = p
	}
	sig, err := one.Combine(agreementDigest[:], partials)
	require.NoError(t, err)
	return sig
}

// requireSignature checks sig on agreementDigest under pub, in the form
// of pub's chain (low S on secp256k1 and P-256).
func requireSignature(t testing.TB, pub curve.Point, sig *Signature) {
	t.Helper()
	require.NoError(t, VerifyChainForm(pub, agreementDigest[:], sig))
}

// signedSign is a NewSign run with identities on presignatures that every
// signer of keys made in one honest presigning run.
type signedSign struct {
	keys    map[transport.PartyID]*Key
	signers []transport.PartyID
	// edit, if set, changes signer p's configuration.
	edit func(p transport.PartyID, cfg *SignConfig)
}

func (s signedSign) simulate(t testing.TB, malicious map[transport.PartyID]agreementtest.Behaviour) (*agreementtest.Outcome[*Signature], map[transport.PartyID]transport.Machine[*Signature]) {
	t.Helper()
	presign := signedPresign{keys: s.keys, signers: s.signers}
	pms := presignMachines(t, presign,
		func(cfg FullSignConfig) (transport.Machine[*Presignature], error) {
			return NewPresign(cfg.PresignConfig)
		},
		func(FullSignConfig) presignOutput[*Presignature] { return presignOnly{} })
	o := simulateAgreement(t, pms, nil, samePresignature, "presigning for signing")
	require.Len(t, o.Results, len(s.signers))
	sid := randomSID(t)
	ms := map[transport.PartyID]transport.Machine[*Signature]{}
	for _, p := range s.signers {
		cfg := SignConfig{Presignature: o.Results[p], Digest: agreementDigest[:], SessionID: sid, Identity: identityOf(p, s.signers)}
		if s.edit != nil {
			s.edit(p, &cfg)
		}
		m, err := NewSign(cfg)
		require.NoError(t, err)
		ms[p] = m
	}
	so := simulateAgreement(t, ms, malicious, sameSignature, fmt.Sprintf("signing among %v", s.signers))
	for _, sig := range so.Results {
		requireSignature(t, s.keys[s.signers[0]].PublicKey(), sig)
	}
	return so, ms
}

// liarOfThree is the malicious party of the named tests; 1 and 2 are
// honest.
const liarOfThree = transport.PartyID(3)

// script is a Script of one fault for party 3.
func script(f agreementtest.Fault) map[transport.PartyID]agreementtest.Behaviour {
	return map[transport.PartyID]agreementtest.Behaviour{liarOfThree: agreementtest.NewScript(1, f)}
}

// Party 3 withholds from party 2 its last message and everything after it,
// relays, notices and the certificate included: its confirmation (the
// round that a run with identities adds), or its last regular message
// already. Party 2 gets the regular message relayed by party 1, who holds
// it signed, and commits with the certificate of every confirmation that
// party 1 sends once it has them all. Both honest parties end alike: with
// the same aux info (a key-changing run: neither puts new aux info in use
// unless both can), with the same presignature, or with the same
// signature. Without the confirmation round party 1 would finish while
// party 2 waited for party 3 in vain.
func TestAgreement_WithheldLastMessage(t *testing.T) {
	t.Parallel()
	withheldLastMessage(t, false)
}

// withheldLastMessage runs the variants whose slow flag is slow: the
// confirmation withheld by default, the last regular message and full
// signing in TestSlowAgreement_WithheldLastMessage.
func withheldLastMessage(t *testing.T, slow bool) {
	skipUnderRace(t)
	keys := sharedKeys(t)
	signers := partyIDs(3)
	withhold := func(round int) map[transport.PartyID]agreementtest.Behaviour {
		return script(agreementtest.Fault{Kind: agreementtest.Withhold, Round: round, To: []transport.PartyID{2}, AllKinds: true})
	}
	var variants []variant
	for _, round := range []int{auxFinal, auxConfirmRound} {
		variants = append(variants, variant{fmt.Sprint("aux-info from round ", round), round != auxConfirmRound, func(t *testing.T) {
			o, ms := signedAux{parties: signers}.simulate(t, withhold(round))
			requireCertified(t, o, ms, 2)
		}})
	}
	for _, round := range []int{presignFinal, presignConfirmRound} {
		variants = append(variants, variant{fmt.Sprint("presigning from round ", round), round != presignConfirmRound, func(t *testing.T) {
			o, ms := signedPresign{keys: keys, signers: signers}.simulate(t, withhold(round))
			requireCertified(t, o, ms, 2)
		}}, variant{fmt.Sprint("full signing from round ", round), true, func(t *testing.T) {
			o, ms := signedPresign{keys: keys, signers: signers, full: true}.simulateFull(t, withhold(round))
			requireCertified(t, o, ms, 2)
		}})
	}
	for _, round := range []int{1, signConfirmRound} {
		variants = append(variants, variant{fmt.Sprint("signing from round ", round), round != signConfirmRound, func(t *testing.T) {
			o, ms := signedSign{keys: keys, signers: signers}.simulate(t, withhold(round))
			requireCertified(t, o, ms, 2)
		}})
	}
	runVariants(t, slow, variants)
}

// Party 3 flips a bit of party 2's slot in the echo it sends party 1 in
// round 2: every honest party names party 3, whose signed echo holds a slot
// party 2 never signed. In signing, round 2 is the confirmation round (the
// only round carrying an echo, of the partial signatures): party 1 aborts,
// but every honest signer has confirmed by then, so party 2 commits with
// every confirmation and party 1 with the certificate party 2 sends.
func TestAgreement_LyingEcho(t *testing.T) {
	t.Parallel()
	skipUnderRace(t)
	keys := sharedKeys(t)
	signers := partyIDs(3)
	lie := script(agreementtest.Fault{Kind: agreementtest.LieInEcho, Round: 2, To: []transport.PartyID{1}})
	t.Run("aux-info", func(t *testing.T) {
		o, _ := signedAux{parties: signers}.simulate(t, lie)
		requireNamed(t, o, transport.ErrEchoMismatch, liarOfThree)
	})
	t.Run("presigning", func(t *testing.T) {
		o, _ := signedPresign{keys: keys, signers: signers}.simulate(t, lie)
		requireNamed(t, o, transport.ErrEchoMismatch, liarOfThree)
	})
	t.Run("signing", func(t *testing.T) {
		o, ms := signedSign{keys: keys, signers: signers}.simulate(t, lie)
		requireCertified(t, o, ms, 2)
	})
}

// Party 3 sends a bad first broadcast to party 1 only, garbage or a changed
// copy: party 1 complains (or, in signing, cannot combine), and the others,
// who saw a good one, name party 3 with it, since it signed two broadcasts
// for one round, instead of some parties finishing while others abort.
func TestAgreement_OneSidedBadBroadcast(t *testing.T) {
	t.Parallel()
	skipUnderRace(t)
	keys := sharedKeys(t)
	signers := partyIDs(3)
	for _, kind := range []agreementtest.FaultKind{agreementtest.Garbage, agreementtest.Equivocate} {
		bad := script(agreementtest.Fault{Kind: kind, Round: 1, To: []transport.PartyID{1}})
		t.Run("aux-info/"+kind.String(), func(t *testing.T) {
			o, _ := signedAux{parties: signers}.simulate(t, bad)
			requireNamed(t, o, transport.ErrEquivocation, liarOfThree)
		})
		t.Run("presigning/"+kind.String(), func(t *testing.T) {
			o, _ := signedPresign{keys: keys, signers: signers}.simulate(t, bad)
			requireNamed(t, o, transport.ErrEquivocation, liarOfThree)
		})
		t.Run("signing/"+kind.String(), func(t *testing.T) {
			o, _ := signedSign{keys: keys, signers: signers}.simulate(t, bad)
			requireNamed(t, o, transport.ErrEquivocation, liarOfThree)
		})
	}
}

// requireMismatch checks that every party ended with ErrContextMismatch,
// naming nobody.
func requireMismatch[Out any](t *testing.T, o *agreementtest.Outcome[Out], n int) {
	t.Helper()
	require.Len(t, o.Errs, n, "nobody finishes")
	for p, err := range o.Errs {
		require.ErrorIs(t, err, transport.ErrContextMismatch, "party %d", p)
		require.Empty(t, transport.Culprits(err), "party %d names nobody", p)
	}
}

// A party that holds other public inputs than the others (another identity
// set, other aux public data in its key, another digest) is not anybody's
// fault to name: every party ends at once with ErrContextMismatch and no
// culprit. Without the run context the honest parties of a presigning with
// another party's ring-Pedersen parameters would find each other's proofs
// bad and complain about each other.
func TestAgreement_KeyMismatch(t *testing.T) {
	t.Parallel()
	skipUnderRace(t)
	keys := sharedKeys(t)
	signers := partyIDs(3)
	_, strangers := agreementtest.IdentityKeys([]transport.PartyID{11})
	otherIdentity := func(id *transport.Identity) *transport.Identity {
		peers := map[transport.PartyID]ed25519.PublicKey{}
		for p, pk := range id.Peers {
			peers[p] = pk
		}
		peers[1] = strangers[11]
		return &transport.Identity{Key: id.Key, Peers: peers}
	}
	// Party 3's key holds other ring-Pedersen parameters for party 2 (on
	// the same modulus): another key, as far as presigning can tell.
	other := *keys[3].Aux
	other.Pedersen = map[transport.PartyID]*paillier.PedersenParams{}
	for p, ped := range keys[3].Aux.Pedersen {
		other.Pedersen[p] = ped
	}
	other.Pedersen[2] = fixtureAuxSecret(t, 1).Pedersen
	require.False(t, other.Pedersen[2].Equal(keys[2].Aux.Pedersen[2]))
	otherKey, err := NewKey(keys[3].Share, &other)
	require.NoError(t, err)
	anotherDigest := sha256.Sum256([]byte("another digest"))

	t.Run("aux-info/identity set", func(t *testing.T) {
		o, _ := signedAux{parties: signers, edit: func(p transport.PartyID, cfg *AuxConfig) {
			if p == 3 {
				cfg.Identity = otherIdentity(cfg.Identity)
			}
		}}.simulate(t, nil)
		requireMismatch(t, o, 3)
	})
	for name, edit := range map[string]func(*FullSignConfig){
		"aux public data": func(cfg *FullSignConfig) { cfg.Key = otherKey },
		"identity set":    func(cfg *FullSignConfig) { cfg.Identity = otherIdentity(cfg.Identity) },
		"derivation path": func(cfg *FullSignConfig) { cfg.Path = []uint32{7} },
	} {
		s := signedPresign{keys: keys, signers: signers, edit: func(p transport.PartyID, cfg *FullSignConfig) {
			if p == 3 {
				edit(cfg)
			}
		}}
		t.Run("presigning/"+name, func(t *testing.T) {
			o, _ := s.simulate(t, nil)
			requireMismatch(t, o, 3)
		})
	}
	t.Run("full signing/digest", func(t *testing.T) {
		o, _ := signedPresign{keys: keys, signers: signers, full: true, edit: func(p transport.PartyID, cfg *FullSignConfig) {
			if p == 3 {
				cfg.Digest = anotherDigest[:]
			}
		}}.simulateFull(t, nil)
		requireMismatch(t, o, 3)
	})
	t.Run("signing/digest", func(t *testing.T) {
		o, _ := signedSign{keys: keys, signers: signers, edit: func(p transport.PartyID, cfg *SignConfig) {
			if p == 3 {
				cfg.Digest = anotherDigest[:]
			}
		}}.simulate(t, nil)
		requireMismatch(t, o, 3)
	})
}

// falseComplaint makes a party send, in round `round` and to every peer, a
// complaint against accused instead of its own message: a lie it signs.
func falseComplaint(round int, accused transport.PartyID) editFunc {
	return func(r int, payload []byte) []byte {
		if r == round {
			return complaintPayload([]transport.PartyID{accused})
		}
		return payload
	}
}

// believedDeltaLie makes a signer add one to its mask β for its first peer
// once its round-2 message is out, as TestIdentifyWrongDelta does: the δ_i
// it announces in round 3, to every peer, is not what its ciphertexts say,
// and it believes it, so it makes an identification claim like the others.
func believedDeltaLie(st *presignState) editFunc {
	var once sync.Once
	return func(r int, payload []byte) []byte {
		// No β after a complaint about round 1: then there is nothing to
		// lie about.
		if j := st.others[0]; r == 2 && st.beta[j] != nil {
			once.Do(func() { st.beta[j] = st.beta[j].Add(st.curve.ScalarFromUint64(1)) })
		}
		return payload
	}
}

// rewriteFor is a malicious party that sends recipient `to` another
// broadcast of round `round`, payload, signed: what it shows one party
// only.
type rewriteFor struct {
	round   int
	to      transport.PartyID
	payload []byte
}

func (b rewriteFor) Rewrite(m *transport.Message, to transport.PartyID, key ed25519.PrivateKey) []*transport.Message {
	if m.Kind == transport.KindRound && m.Round == b.round && to == b.to && m.Broadcast() {
		m = m.Clone()
		m.Payload = bytes.Clone(b.payload)
		transport.SignMessage(key, m)
	}
	return []*transport.Message{m}
}

// The package's own verdicts (complaints, identification) on the agreement
// layer. Every honest party judges the same echo-checked broadcasts alike,
// so with an honest majority (all three holders of a 2-of-3 key) both
// honest parties blame party 3 first-hand and it is named: two blames, more
// than f = 1. A complaint that party 3 sends to party 1 only in the last
// regular round is judged by party 1 alone, at once, while party 2 goes on
// to confirm; party 3 is named all the same, by the two broadcasts it
// signed for that round. With two signers of the 2-of-3 key there is no
// honest majority (f = 1 = the signers less one): the honest signer's blame
// alone names nobody, and the run aborts naming nobody, where a run without
// identities names party 3.
func TestAgreement_ComplaintsAndIdentification(t *testing.T) {
	t.Parallel()
	complaintsAndIdentification(t, false)
}

// complaintsAndIdentification runs the variants whose slow flag is slow
// (TestSlowAgreement_ComplaintsAndIdentification runs the slow ones).
func complaintsAndIdentification(t *testing.T, slow bool) {
	skipUnderRace(t)
	keys := sharedKeys(t)
	signers := partyIDs(3)
	auxLie := func(e editFunc) map[transport.PartyID]editFunc { return map[transport.PartyID]editFunc{liarOfThree: e} }
	lies := func(e func(*presignState) editFunc) map[transport.PartyID]func(*presignState) editFunc {
		return map[transport.PartyID]func(*presignState) editFunc{liarOfThree: e}
	}
	always := func(e editFunc) func(*presignState) editFunc { return func(*presignState) editFunc { return e } }
	showParty1 := func(round int, payload []byte) map[transport.PartyID]agreementtest.Behaviour {
		return map[transport.PartyID]agreementtest.Behaviour{liarOfThree: rewriteFor{round: round, to: 1, payload: payload}}
	}
	runVariants(t, slow, []variant{
		{"aux-info/false complaint about round 2", true, func(t *testing.T) {
			o, _ := signedAux{parties: signers, lies: auxLie(falseComplaint(3, 1))}.simulate(t, nil)
			requireNamed(t, o, ErrFalseComplaint, liarOfThree)
		}},
		{"aux-info/complaint to party 1 only in round 4", false, func(t *testing.T) {
			o, _ := signedAux{parties: signers}.simulate(t, showParty1(auxFinal, complaintPayload([]transport.PartyID{2})))
			requireNamed(t, o, transport.ErrEquivocation, liarOfThree)
		}},
		{"presigning/false complaint about round 1", false, func(t *testing.T) {
			o, _ := signedPresign{keys: keys, signers: signers, lies: lies(always(falseComplaint(2, 1)))}.simulate(t, nil)
			requireNamed(t, o, ErrFalseComplaint, liarOfThree)
		}},
		{"presigning/complaint to party 1 only in round 4", false, func(t *testing.T) {
			o, _ := signedPresign{keys: keys, signers: signers}.simulate(t, showParty1(presignFinal, complaintPayload([]transport.PartyID{2})))
			requireNamed(t, o, transport.ErrEquivocation, liarOfThree)
		}},
		{"presigning/lie about δ (identification)", false, func(t *testing.T) {
			o, _ := signedPresign{keys: keys, signers: signers, lies: lies(believedDeltaLie)}.simulate(t, nil)
			requireNamed(t, o, ErrIdentified, liarOfThree)
		}},
		{"full signing/bad partial signature to all", true, func(t *testing.T) {
			bad := onRound(presignFinal, func(body []byte) []byte { return bogusSigma(body, 1) })
			o, _ := signedPresign{keys: keys, signers: signers, full: true, lies: lies(always(bad))}.simulateFull(t, nil)
			requireNamed(t, o, ErrPartialSignature, liarOfThree)
		}},
		{"presigning without an honest majority", false, func(t *testing.T) {
			two := []transport.PartyID{1, 3}
			o, _ := signedPresign{keys: keys, signers: two, lies: lies(always(falseComplaint(2, 1)))}.simulate(t, nil)
			require.Empty(t, o.Results)
			require.Empty(t, o.Culprits(), "one honest blame is not more than f = 1")
			require.ErrorIs(t, o.Errs[1], ErrFalseComplaint, "party 1's own verdict is the cause of its abort")
		}},
	})
}

// keys35Cache holds 3-of-5 keys, made once per test binary (as sharedKeys).
var keys35Cache struct {
	once sync.Once
	keys map[transport.PartyID]*Key
}

func keys35(t testing.TB) map[transport.PartyID]*Key {
	t.Helper()
	keys35Cache.once.Do(func() { keys35Cache.keys = testKeys(t, 3, 5) })
	require.NotNil(t, keys35Cache.keys, "the 3-of-5 keys failed in the first test that asked for them")
	return keys35Cache.keys
}

// outcomes counts how the random runs ended.
type outcomes struct{ committed, named, anonymous int }

func (c *outcomes) add(errs int, culprits []transport.PartyID) {
	switch {
	case errs == 0:
		c.committed++
	case len(culprits) > 0:
		c.named++
	default:
		c.anonymous++
	}
}

// plus returns the counts of c and d together.
func (c outcomes) plus(d outcomes) outcomes {
	return outcomes{c.committed + d.committed, c.named + d.named, c.anonymous + d.anonymous}
}

// require checks that the runs produced outputs as well as aborts that
// name a culprit: a mix of one kind proves little.
func (c outcomes) require(t *testing.T, what string) {
	t.Helper()
	t.Logf("%s: %d committed, %d aborted naming a culprit, %d aborted naming nobody", what, c.committed, c.named, c.anonymous)
	require.Positive(t, c.committed, "%s: no run committed", what)
	require.Positive(t, c.named, "%s: no run named a culprit", what)
}

// maliciousOf picks count distinct malicious parties of parties for seed.
func maliciousOf(seed uint64, parties []transport.PartyID, count int) []transport.PartyID {
	var out []transport.PartyID
	for i := range count {
		out = append(out, parties[(int(seed)+2*i)%len(parties)])
	}
	return out
}

// presignMix is one configuration of the random presigning runs: a t-of-n
// key and its signers (every holder when nil).
type presignMix struct {
	t, n    int
	signers []transport.PartyID
}

// randomRuns runs one(seed) for every seed below runs, as parallel
// subtests of a subtest named what (so that a failure names its seed), and
// returns how the runs ended.
func randomRuns(t *testing.T, what string, runs int, one func(t *testing.T, seed uint64) (errs int, culprits []transport.PartyID)) outcomes {
	var (
		mu sync.Mutex
		c  outcomes
	)
	t.Run(what, func(t *testing.T) {
		for seed := range uint64(runs) {
			t.Run(fmt.Sprint("seed ", seed), func(t *testing.T) {
				t.Parallel()
				errs, culprits := one(t, seed)
				mu.Lock()
				defer mu.Unlock()
				c.add(errs, culprits)
			})
		}
	})
	return c
}

// presignRandomAdversaries runs seeded presignings, each configuration of
// mixes in turn, with 1 to f malicious signers (f = t-1 capped to the
// signers less one) mixing every fault of agreementtest.Random; every
// third run the first of them also lies in the protocol itself (a false
// complaint, or a δ_i its ciphertexts do not back). No run may end with
// honest signers disagreeing or naming an honest signer; a failure names
// its seed and prints the behaviours. A configuration of exactly t signers
// has no honest majority: it names culprits on self-verifying evidence
// only. The keys are on c (keysOnCurve).
func presignRandomAdversaries(t *testing.T, c curve.Curve, runs int, mixes []presignMix) outcomes {
	return randomRuns(t, "presigning", runs, func(t *testing.T, seed uint64) (int, []transport.PartyID) {
		mix := mixes[seed%uint64(len(mixes))]
		keys := keysOnCurve(t, c, mix.t, mix.n)
		signers := mix.signers
		if signers == nil {
			signers = partyIDs(mix.n)
		}
		f := max(min(mix.t, len(signers))-1, 1)
		bad := maliciousOf(seed, signers, 1+int(seed/uint64(len(mixes))%uint64(f)))
		malicious := map[transport.PartyID]agreementtest.Behaviour{}
		for _, p := range bad {
			malicious[p] = agreementtest.Random(seed, signers, p, presignConfirmRound)
		}
		s := signedPresign{keys: keys, signers: signers}
		lie := "no lie of its own"
		if seed%3 == 0 {
			var e func(*presignState) editFunc
			switch seed / 3 % 3 {
			case 0:
				lie, e = "δ lie", believedDeltaLie
			default:
				round := 2 + int(seed/9%3)
				accused := signers[(slices.Index(signers, bad[0])+1)%len(signers)]
				lie = fmt.Sprintf("false complaint in round %d against %d", round, accused)
				e = func(*presignState) editFunc { return falseComplaint(round, accused) }
			}
			s.lies = map[transport.PartyID]func(*presignState) editFunc{bad[0]: e}
		}
		t.Logf("%d-of-%d, signers %v, malicious %v, %s", mix.t, mix.n, signers, malicious, lie)
		o, _ := s.simulate(t, malicious)
		t.Logf("%d finished, culprits %v", len(o.Results), o.Culprits())
		return len(o.Errs), o.Culprits()
	})
}

// auxRandomAdversaries runs seeded aux-info runs among each size of sizes
// in turn, with 1 to f = (n-1)/2 malicious parties (one among two parties,
// where there is no honest majority) mixing every fault of
// agreementtest.Random; every third run the first of them also sends a
// false complaint. As presignRandomAdversaries.
func auxRandomAdversaries(t *testing.T, runs int, sizes []int) outcomes {
	return randomRuns(t, "aux-info", runs, func(t *testing.T, seed uint64) (int, []transport.PartyID) {
		parties := partyIDs(sizes[seed%uint64(len(sizes))])
		f := max((len(parties)-1)/2, 1)
		bad := maliciousOf(seed, parties, 1+int(seed/uint64(len(sizes))%uint64(f)))
		malicious := map[transport.PartyID]agreementtest.Behaviour{}
		for _, p := range bad {
			malicious[p] = agreementtest.Random(seed, parties, p, auxConfirmRound)
		}
		s := signedAux{parties: parties}
		lie := "no lie of its own"
		if seed%3 == 0 {
			round := 2 + int(seed/3%3)
			accused := parties[(slices.Index(parties, bad[0])+1)%len(parties)]
			lie = fmt.Sprintf("false complaint in round %d against %d", round, accused)
			s.lies = map[transport.PartyID]editFunc{bad[0]: falseComplaint(round, accused)}
		}
		t.Logf("parties %v, malicious %v, %s", parties, malicious, lie)
		o, _ := s.simulate(t, malicious)
		t.Logf("%d finished, culprits %v", len(o.Results), o.Culprits())
		return len(o.Errs), o.Culprits()
	})
}

// Seeded runs with random malicious parties, few enough for the default
// test run (TestSlowAgreement_RandomAdversaries runs over 200 of each):
// presigning with all three holders of a 2-of-3 key signing, aux-info
// among three parties. The mix of outcomes is asserted over both together;
// of the first eight seeds, one commits (seed 7).
func TestAgreement_RandomAdversaries(t *testing.T) {
	t.Parallel()
	skipUnderRace(t)
	presignRuns, auxRuns := 10, 4
	if testing.Short() {
		presignRuns, auxRuns = 8, 1
	}
	c := presignRandomAdversaries(t, curve.Secp256k1(), presignRuns, []presignMix{{t: 2, n: 3}})
	c = c.plus(auxRandomAdversaries(t, auxRuns, []int{3}))
	c.require(t, fmt.Sprintf("%d presignings, %d aux-info runs", presignRuns, auxRuns))
}

// The machines refuse an Identity they cannot run with, wrapping ErrConfig
// (and transport.ErrIdentity), and leave the caller's Identity alone:
// Peers may list every holder of the key, and MaxFaulty left zero is filled
// in on a copy, with the defaults the package documentation gives.
func TestIdentityConfig(t *testing.T) {
	t.Parallel()
	keys := sharedKeys(t)
	holders := partyIDs(3)
	privs, pubs := agreementtest.IdentityKeys(holders)
	only := func(ids ...transport.PartyID) map[transport.PartyID]ed25519.PublicKey {
		m := map[transport.PartyID]ed25519.PublicKey{}
		for _, p := range ids {
			m[p] = pubs[p]
		}
		return m
	}
	// A key whose share records the holders' identity keys, and a set of
	// peers that gives party 2 another one.
	recorded := *keys[1].Share
	recorded.Identities = pubs
	recordedKey, err := NewKey(&recorded, keys[1].Aux)
	require.NoError(t, err)
	_, strangers := agreementtest.IdentityKeys([]transport.PartyID{12})
	swapped := only(1, 3)
	swapped[2] = strangers[12]

	pres := func(t *testing.T) *Presignature {
		p := &Presignature{sessionID: []byte("a presignature"), threshold: 2, self: 1, signers: []transport.PartyID{1, 2},
			pub: keys[1].PublicKey(), R: curve.Secp256k1().Generator(), secret: newPresignSecret(curve.Secp256k1().NewScalar(), curve.Secp256k1().NewScalar())}
		return p
	}
	newMachines := map[string]func(t *testing.T, key *Key, id *transport.Identity) error{
		"aux-info": func(t *testing.T, _ *Key, id *transport.Identity) error {
			_, err := NewAux(AuxConfig{Parties: holders, Self: 1, SessionID: []byte("sid"), Secret: agreementAuxSecret(t, 0), Identity: id})
			return err
		},
		"presigning": func(_ *testing.T, key *Key, id *transport.Identity) error {
			_, err := NewPresign(PresignConfig{Key: key, Signers: []transport.PartyID{1, 2}, SessionID: []byte("sid"), Identity: id})
			return err
		},
		"full signing": func(_ *testing.T, key *Key, id *transport.Identity) error {
			_, err := NewFullSign(FullSignConfig{PresignConfig: PresignConfig{Key: key, Signers: []transport.PartyID{1, 2}, SessionID: []byte("sid"), Identity: id}, Digest: agreementDigest[:]})
			return err
		},
		"signing": func(t *testing.T, _ *Key, id *transport.Identity) error {
			_, err := NewSign(SignConfig{Presignature: pres(t), Digest: agreementDigest[:], SessionID: []byte("sid"), Identity: id})
			return err
		},
	}
	tests := []struct {
		name string
		key  *Key
		id   *transport.Identity
		want error // nil: accepted
		// keyOnly: a case of the key's record, which aux-info and signing
		// do not read.
		keyOnly bool
	}{
		{"every holder's keys", keys[1], &transport.Identity{Key: privs[1], Peers: pubs}, nil, false},
		{"f of 1 set", keys[1], &transport.Identity{Key: privs[1], Peers: pubs, MaxFaulty: 1}, nil, false},
		{"the key's recorded keys", recordedKey, &transport.Identity{Key: privs[1], Peers: pubs}, nil, false},
		{"another key than the record's", recordedKey, &transport.Identity{Key: privs[1], Peers: swapped}, transport.ErrIdentity, true},
		{"a party without a key", keys[1], &transport.Identity{Key: privs[1], Peers: only(1, 3)}, transport.ErrIdentity, false},
		{"another party's private key", keys[1], &transport.Identity{Key: privs[2], Peers: pubs}, transport.ErrIdentity, false},
		{"no private key", keys[1], &transport.Identity{Peers: pubs}, transport.ErrIdentity, false},
		{"negative f", keys[1], &transport.Identity{Key: privs[1], Peers: pubs, MaxFaulty: -1}, transport.ErrIdentity, false},
	}
	for name, newMachine := range newMachines {
		for _, tc := range tests {
			if tc.keyOnly && (name == "aux-info" || name == "signing") {
				continue
			}
			t.Run(name+"/"+tc.name, func(t *testing.T) {
				peers, f := len(tc.id.Peers), tc.id.MaxFaulty
				err := newMachine(t, tc.key, tc.id)
				if tc.want == nil {
					require.NoError(t, err)
				} else {
					require.ErrorIs(t, err, ErrConfig)
					require.ErrorIs(t, err, tc.want)
				}
				require.Len(t, tc.id.Peers, peers, "the caller's Peers are left alone")
				require.Equal(t, f, tc.id.MaxFaulty, "the caller's MaxFaulty is left alone")
			})
		}
	}
}

// The default MaxFaulty of each run: the key's threshold less one, capped
// to the signers less one (zero, which the transport reads as the parties
// less one, for a one-party run), and (n-1)/2 for aux-info.
func TestIdentityDefaultMaxFaulty(t *testing.T) {
	t.Parallel()
	keys := sharedKeys(t)
	for _, tc := range []struct {
		signers []transport.PartyID
		want    int
	}{
		{partyIDs(3), 1},
		{[]transport.PartyID{1, 3}, 1},
	} {
		st, err := newPresignState(PresignConfig{Key: keys[1], Signers: tc.signers, SessionID: []byte("sid"), Identity: identityOf(1, tc.signers)})
		require.NoError(t, err)
		require.Equal(t, tc.want, st.id.MaxFaulty, "presigning among %v", tc.signers)
	}
	for n, want := range map[int]int{2: 0, 3: 1, 4: 1, 5: 2} {
		parties := partyIDs(n)
		st, err := newAuxState(AuxConfig{Parties: parties, Self: 1, SessionID: []byte("sid"), Secret: agreementAuxSecret(t, 0), Identity: identityOf(1, parties)})
		require.NoError(t, err)
		require.Equal(t, want, st.id.MaxFaulty, "aux-info among %d parties", n)
	}
}
