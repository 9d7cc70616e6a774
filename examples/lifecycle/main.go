// Command lifecycle walks a threshold key through its life with the public
// keys unchanged throughout: a 3-of-5 key signs; it is refreshed (new
// shares, and new Paillier keys for ECDSA) and signs; party 2 loses its
// share, which the others repair, and signs; the key is reshared to a
// 4-of-7 committee and signs. Each step prints the public keys; every
// signature is verified. Every run is signed with the parties' Ed25519
// identity keys, which the shares record, and agrees (docs/agreement.md):
// every party ends it with the same outcome, and a run that changes the
// shares completes only once every party has confirmed the new public key
// data. With -json it prints the signatures as JSON lines on stdout
// (docs/json-lines.md).
//
//	go run ./examples/lifecycle
//	go run ./examples/lifecycle -json
//
// It is a template: it imports only mosaic's public packages, so it can be
// copied into another module as a starting point. Package local runs every
// party in this one process, which protects nothing; examples/parties
// shows one process per party, as a deployment runs them.
package main

import (
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/mosaic-mpc/mosaic/cggmp"
	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/dkg"
	"github.com/mosaic-mpc/mosaic/examples/console"
	"github.com/mosaic-mpc/mosaic/examples/jsonl"
	"github.com/mosaic-mpc/mosaic/frost"
	"github.com/mosaic-mpc/mosaic/local"
	"github.com/mosaic-mpc/mosaic/paillier"
	"github.com/mosaic-mpc/mosaic/refresh"
	"github.com/mosaic-mpc/mosaic/schnorr"
	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/mosaic-mpc/mosaic/vss"
)

const usage = `lifecycle walks a threshold key through its life, every party in this
process, with the public keys unchanged throughout: a 3-of-5 key on
secp256k1 and Ed25519 signs (ECDSA, Ed25519, taproot); it is refreshed,
with new Paillier keys, and signs; party 2 loses its shares, which the
others repair, and signs; the key is reshared to a 4-of-7 committee and
signs. Each step is explained on stderr; every signature is verified. Three
aux-info runs search for safe primes: it takes a minute or more.

Usage:
  go run ./examples/lifecycle [-json] [-level 128]

Flags:
`

type options struct {
	asJSON bool
	level  paillier.SecurityLevel
}

// newFlags returns the command line's flag set, writing into o.
func newFlags(o *options) *flag.FlagSet {
	fs := console.NewFlagSet("lifecycle", usage)
	fs.BoolVar(&o.asJSON, "json", false, "print signatures as JSON lines on stdout (docs/json-lines.md)")
	console.LevelVar(fs, &o.level)
	return fs
}

func main() {
	os.Exit(runCLI(os.Args[1:], os.Stdout, os.Stderr))
}

// runCLI runs the program with args and returns its exit status: 0 on
// success (and for -h), 2 for bad flags, 1 when a step fails.
func runCLI(args []string, stdout, stderr io.Writer) int {
	var o options
	fs := newFlags(&o)
	fs.SetOutput(stderr)
	if status, ok := console.ParseFlags(fs, args); !ok {
		return status
	}
	if err := run(o.asJSON, o.level, stdout, stderr); err != nil {
		fmt.Fprintln(stderr, "error:", err)
		return 1
	}
	return 0
}

type wallet struct {
	ctx    context.Context
	out    io.Writer
	log    io.Writer
	asJSON bool
	// level is the security level of every aux-info's Paillier keys
	level paillier.SecurityLevel

	secp, ed map[transport.PartyID]*dkg.KeyShare
	aux      map[transport.PartyID]*cggmp.AuxInfo
	// signed passes every party's identity key to every run
	signed local.Option
	// the public keys every step must keep
	ecdsaKey, edKey curve.Point
}

func run(asJSON bool, level paillier.SecurityLevel, out, log io.Writer) error {
	w := &wallet{ctx: context.Background(), out: out, log: log, asJSON: asJSON, level: level}
	ids := local.Parties(5)
	// One long-term identity key per party, for every key and every run;
	// parties 6 and 7 join at the resharing.
	idk, err := local.NewIdentities(local.Parties(7))
	if err != nil {
		return err
	}
	w.signed = local.WithIdentities(idk)

	done := console.Step(log, "Key generation: 3-of-5 on secp256k1 (ECDSA, taproot) and Ed25519, then CGGMP aux-info.")
	if w.secp, err = local.Keygen(w.ctx, curve.Secp256k1(), 3, ids, w.signed); err != nil {
		return err
	}
	if w.ed, err = local.Keygen(w.ctx, curve.Edwards25519(), 3, ids, w.signed); err != nil {
		return err
	}
	if w.aux, err = w.auxInfo(ids); err != nil {
		return err
	}
	done()
	w.ecdsaKey, w.edKey = w.secp[1].GroupKey, w.ed[1].GroupKey
	if err := w.signAll("initial", []transport.PartyID{1, 2, 3}); err != nil {
		return err
	}

	done = console.Step(log, "Refresh: every share changes (and every Paillier key, through a new aux-info run); the public keys do not.")
	old := w.secp
	if w.secp, err = local.Refresh(w.ctx, w.secp, w.signed); err != nil {
		return err
	}
	if w.ed, err = local.Refresh(w.ctx, w.ed, w.signed); err != nil {
		return err
	}
	if w.aux, err = w.auxInfo(ids); err != nil {
		return err
	}
	done()
	if err := oldNewMixFails(old, w.secp); err != nil {
		return err
	}
	fmt.Fprintln(log, "  one old share with two new ones no longer reconstructs the key")
	if err := w.signAll("after-refresh", []transport.PartyID{3, 4, 5}); err != nil {
		return err
	}

	done = console.Step(log, "Party 2 loses its shares; parties 1, 3 and 4 repair them without learning them.")
	helpers := []transport.PartyID{1, 3, 4}
	for _, shares := range []map[transport.PartyID]*dkg.KeyShare{w.secp, w.ed} {
		pub := refresh.PublicOf(shares[1])
		lost := shares[2]
		delete(shares, 2)
		repaired, err := local.Repair(w.ctx, shares, pub, helpers, 2, w.signed)
		if err != nil {
			return err
		}
		if !repaired.Secret.Equal(lost.Secret) {
			return fmt.Errorf("repaired share differs")
		}
		shares[2] = repaired
	}
	done()
	if err := w.signAll("after-repair", []transport.PartyID{1, 2, 5}); err != nil {
		return err
	}

	done = console.Step(log, "Reshare: parties 1, 2 and 3 hand the key to a new 4-of-7 committee (parties 1-7); new aux-info for the committee.")
	newIDs := local.Parties(7)
	if w.secp, err = local.Reshare(w.ctx, w.secp, []transport.PartyID{1, 2, 3}, newIDs, 4, w.signed); err != nil {
		return err
	}
	if w.ed, err = local.Reshare(w.ctx, w.ed, []transport.PartyID{1, 2, 3}, newIDs, 4, w.signed); err != nil {
		return err
	}
	if w.aux, err = w.auxInfo(newIDs); err != nil {
		return err
	}
	done()
	return w.signAll("after-reshare", []transport.PartyID{2, 4, 6, 7})
}

// auxInfo runs aux-info among ids, showing the safe-prime search.
func (w *wallet) auxInfo(ids []transport.PartyID) (map[transport.PartyID]*cggmp.AuxInfo, error) {
	primes := console.NewProgress(w.log, "safe primes")
	defer primes.End()
	return local.Aux(w.ctx, ids, primes.Update, w.signed, local.WithLevel(w.level))
}

// signAll checks the public keys are unchanged and signs with ECDSA,
// FROST Ed25519 and FROST taproot.
func (w *wallet) signAll(step string, signers []transport.PartyID) error {
	for _, s := range w.secp {
		if !s.GroupKey.Equal(w.ecdsaKey) {
			return fmt.Errorf("%s: ECDSA public key changed", step)
		}
	}
	for _, s := range w.ed {
		if !s.GroupKey.Equal(w.edKey) {
			return fmt.Errorf("%s: Ed25519 public key changed", step)
		}
	}
	fmt.Fprintf(w.log, "  [%s] secp256k1 key %x, Ed25519 key %x; signers %v\n", step, w.ecdsaKey.Bytes(), w.edKey.Bytes(), signers)

	keys, err := local.ECDSAKeys(w.secp, w.aux)
	if err != nil {
		return err
	}
	digest := sha256.Sum256([]byte("lifecycle " + step))
	pres, err := local.Presign(w.ctx, keys, signers, nil, w.signed)
	if err != nil {
		return err
	}
	sig, err := local.SignECDSA(w.ctx, pres, signers, digest[:], w.signed)
	if err != nil {
		return err
	}
	if err := cggmp.VerifyLowS(w.ecdsaKey, digest[:], sig); err != nil {
		return err
	}
	rid := int(sig.RecoveryID)
	lines := []jsonl.Line{{Scheme: jsonl.ECDSA, PublicKey: w.ecdsaKey.Bytes(), Digest: digest[:], Signature: sig.Bytes(), RecoveryID: &rid}}

	msg := []byte("lifecycle " + step)
	edSig, edKey, err := local.SignFROST(w.ctx, frost.Ed25519SHA512(), w.ed, signers, msg, nil, w.signed)
	if err != nil {
		return err
	}
	if !ed25519.Verify(ed25519.PublicKey(edKey.Bytes()), msg, edSig) {
		return fmt.Errorf("crypto/ed25519 rejects the signature")
	}
	lines = append(lines, jsonl.Line{Scheme: jsonl.Ed25519, PublicKey: edKey.Bytes(), Message: msg, Signature: edSig})

	trSig, trKey, err := local.SignFROST(w.ctx, frost.Secp256k1TR(), w.secp, signers, digest[:], []byte{}, w.signed)
	if err != nil {
		return err
	}
	x, err := curve.XOnlyBytes(trKey)
	if err != nil {
		return err
	}
	if err := schnorr.Verify(x, digest[:], trSig); err != nil {
		return err
	}
	lines = append(lines, jsonl.Line{Scheme: jsonl.BIP340, PublicKey: x, Message: digest[:], Signature: trSig})
	fmt.Fprintf(w.log, "  ECDSA, Ed25519 and taproot signatures verified\n")
	if !w.asJSON {
		return nil
	}
	for _, l := range lines {
		l.Extra = map[string]any{"step": step, "signers": signers}
		if err := jsonl.Write(w.out, l); err != nil {
			return err
		}
	}
	return nil
}

// oldNewMixFails checks that one old share with new ones does not give the
// key: after a refresh, old shares are useless to a thief who collects
// them over time.
func oldNewMixFails(old, fresh map[transport.PartyID]*dkg.KeyShare) error {
	mixed := map[transport.PartyID]*dkg.KeyShare{1: old[1], 2: fresh[2], 3: fresh[3]}
	sk, err := exportFrom(mixed)
	if err != nil {
		return err
	}
	if curve.Secp256k1().ScalarBaseMult(sk).Equal(fresh[1].GroupKey) {
		return fmt.Errorf("old and new shares still combine")
	}
	return nil
}

// exportFrom interpolates the secret from the given shares without any
// check, to show what a thief holding them would get.
func exportFrom(shares map[transport.PartyID]*dkg.KeyShare) (curve.Scalar, error) {
	var vs []vss.Share
	for id, s := range shares {
		x, err := vss.IDScalar(s.Curve, uint32(id))
		if err != nil {
			return nil, err
		}
		vs = append(vs, vss.Share{ID: x, Value: s.Secret})
	}
	return vss.Reconstruct(curve.Secp256k1(), vs)
}
