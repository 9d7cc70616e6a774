// Command tour shows the whole SDK in one run, every party in this process
// over the in-memory network: dealerless key generation on secp256k1 and
// Ed25519, CGGMP21 aux-info with its safe-prime search shown live, a
// presignature and an ECDSA signature with its Ethereum-style recovery id,
// the same secp256k1 key signing with DKLs23 (no Paillier keys, three
// rounds), FROST Ed25519 and taproot signatures, then a proactive refresh
// and the repair of a lost share with the public keys unchanged, signing
// again after each. Every signature is verified before it is shown. Every run
// is signed with the parties' Ed25519 identity keys, which the shares
// record, and agrees (docs/agreement.md): every party ends it with the
// same outcome.
//
//	go run ./examples/tour              # 3-of-5
//	go run ./examples/tour -t 2 -n 3
//	go run ./examples/tour -json        # signatures as JSON lines on stdout
//	go run ./examples/tour -level 112   # 2048-bit Paillier keys: faster
//
// It is a template: it imports only mosaic's public packages, so it can be
// copied into another module as a starting point. Package local runs every
// party in this one process, which protects nothing; examples/parties
// shows one process per party, as a deployment runs them.
package main

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

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
)

const usage = `tour shows the whole mosaic SDK in one run, every party in this process:
dealerless key generation on secp256k1 and Ed25519, CGGMP21 aux-info with
its safe-prime search, an ECDSA signature with its recovery id, the same
key signing with DKLs23 (oblivious transfer, no Paillier keys), FROST
Ed25519 and taproot signatures, a proactive refresh and the repair of a
lost share, signing again after each. Every signature is verified; each
step is explained on stderr. It takes seconds to a minute (safe primes):
new ECDSA keys get 128-bit security (3072-bit Paillier moduli) unless
-level 112 asks for 2048-bit ones.

Usage:
  go run ./examples/tour [-t 3] [-n 5] [-json] [-level 128]

Flags:
`

type options struct {
	t, n   int
	asJSON bool
	level  paillier.SecurityLevel
}

// newFlags returns the command line's flag set, writing into o.
func newFlags(o *options) *flag.FlagSet {
	fs := console.NewFlagSet("tour", usage)
	fs.IntVar(&o.t, "t", 3, "threshold: signers needed")
	fs.IntVar(&o.n, "n", 5, "number of parties")
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
	if o.n < 2 || o.t < 1 || o.t > o.n {
		fmt.Fprintf(stderr, "tour: need n >= 2 and 1 <= t <= n, got -t %d -n %d\n", o.t, o.n)
		return 2
	}
	start := time.Now()
	if err := run(o, stdout, stderr); err != nil {
		fmt.Fprintln(stderr, "error:", err)
		return 1
	}
	fmt.Fprintf(stderr, "\nTour complete in %v: every signature above verified.\n", time.Since(start).Round(time.Millisecond))
	return 0
}

type tour struct {
	ctx    context.Context
	out    io.Writer
	log    io.Writer
	asJSON bool
	// signed passes every party's identity key to a run
	signed local.Option
}

func run(o options, out, log io.Writer) error {
	t, n := o.t, o.n
	if n < 2 || t < 1 || t > n {
		return fmt.Errorf("need n >= 2 and 1 <= t <= n, got t=%d n=%d", t, n)
	}
	if !o.level.Valid() {
		return fmt.Errorf("unknown security level %d", int(o.level))
	}
	tr := &tour{ctx: context.Background(), out: out, log: log, asJSON: o.asJSON}
	ids := local.Parties(n)
	signers := ids[:max(t, 2)]
	fmt.Fprintf(log, "mosaic tour: %d parties, any %d can sign. Each step says what happens and how long it took.\n", n, t)
	fmt.Fprintf(log, "Security level of the ECDSA keys' Paillier layer: %v (the curves give about 128 bits).\n", o.level)
	fmt.Fprintf(log, "Every run is signed with each party's Ed25519 identity key and agrees: all parties end it the same way, and key changes are confirmed by all.\n\n")

	// Each party's long-term identity key signs its messages in every run
	// of both keys; the shares record the public halves.
	idk, err := local.NewIdentities(ids)
	if err != nil {
		return err
	}
	tr.signed = local.WithIdentities(idk)

	// 1. Key generation on both curves.
	done := console.Step(log, "Dealerless key generation on secp256k1 (for ECDSA and taproot): each party deals a Feldman-committed polynomial with a proof of knowledge; broadcasts are echo-checked.")
	secp, err := local.Keygen(tr.ctx, curve.Secp256k1(), t, ids, tr.signed)
	if err != nil {
		return err
	}
	done()
	fmt.Fprintf(log, "  ECDSA public key %x\n", secp[1].GroupKey.Bytes())
	done = console.Step(log, "Dealerless key generation on Ed25519 (for FROST): the same protocol on the other curve.")
	ed, err := local.Keygen(tr.ctx, curve.Edwards25519(), t, ids, tr.signed)
	if err != nil {
		return err
	}
	done()
	fmt.Fprintf(log, "  Ed25519 public key %x\n", ed[1].GroupKey.Bytes())

	// 2. CGGMP aux-info.
	bits := o.level.ModulusBits()
	done = console.Step(log, "CGGMP21 aux-info at the %v level: every party finds two %d-bit safe primes for a %d-bit Paillier key, then proves it well-formed to the others (Πmod, Πprm, Πfac).", o.level, bits/2, bits)
	primes := console.NewProgress(log, "safe primes")
	aux, err := local.Aux(tr.ctx, ids, primes.Update, tr.signed, local.WithLevel(o.level))
	primes.End()
	if err != nil {
		return err
	}
	done()
	keys, err := local.ECDSAKeys(secp, aux)
	if err != nil {
		return err
	}

	// 3. ECDSA, with CGGMP21 and then with DKLs23 on the same key.
	if err := tr.ecdsa(keys, signers, "before refresh"); err != nil {
		return err
	}
	if err := tr.dkls23(secp, signers, "before refresh"); err != nil {
		return err
	}
	// 4. FROST.
	if err := tr.frost(frost.Ed25519SHA512(), ed, signers, "before refresh"); err != nil {
		return err
	}
	if err := tr.frost(frost.Secp256k1TR(), secp, signers, "before refresh"); err != nil {
		return err
	}

	// 5. Refresh both keys.
	done = console.Step(log, "Proactive refresh: every party deals a sharing of zero; all shares change, the public keys do not, and old shares no longer combine with new ones.")
	secp2, err := local.Refresh(tr.ctx, secp, tr.signed)
	if err != nil {
		return err
	}
	ed2, err := local.Refresh(tr.ctx, ed, tr.signed)
	if err != nil {
		return err
	}
	done()
	if err := sameKey(secp, secp2); err != nil {
		return err
	}
	if err := sameKey(ed, ed2); err != nil {
		return err
	}
	fmt.Fprintf(log, "  ECDSA public key  %x (unchanged)\n  Ed25519 public key %x (unchanged)\n", secp2[1].GroupKey.Bytes(), ed2[1].GroupKey.Bytes())
	keys2, err := local.ECDSAKeys(secp2, aux)
	if err != nil {
		return err
	}
	if err := tr.ecdsa(keys2, signers, "after refresh"); err != nil {
		return err
	}

	// 6. Repair a lost share.
	lost := ids[1]
	helpers := make([]transport.PartyID, 0, t)
	for _, id := range ids {
		if id != lost && len(helpers) < max(t, 1) {
			helpers = append(helpers, id)
		}
	}
	done = console.Step(log, "Party %d loses its Ed25519 share; helpers %v rebuild it for party %d alone (Laing-Stinson repair), learning nothing about it.", lost, helpers, lost)
	repaired, err := local.Repair(tr.ctx, ed2, refresh.PublicOf(ed2[helpers[0]]), helpers, lost, tr.signed)
	if err != nil {
		return err
	}
	done()
	if !repaired.Secret.Equal(ed2[lost].Secret) || !repaired.GroupKey.Equal(ed2[lost].GroupKey) {
		return fmt.Errorf("repaired share differs from the lost one")
	}
	fmt.Fprintf(log, "  repaired share matches party %d's public share; public key %x (unchanged)\n", lost, repaired.GroupKey.Bytes())
	ed2[lost] = repaired
	// sign with the repaired party among the signers
	withLost := []transport.PartyID{lost}
	for _, id := range ids {
		if id != lost && len(withLost) < len(signers) {
			withLost = append(withLost, id)
		}
	}
	return tr.frost(frost.Ed25519SHA512(), ed2, transport.SortedCopy(withLost), "after repair")
}

func (tr *tour) ecdsa(keys map[transport.PartyID]*cggmp.Key, signers []transport.PartyID, step string) error {
	msg := "mosaic tour: pay 1 ETH to the treasury (" + step + ")"
	digest := sha256.Sum256([]byte(msg))
	done := console.Step(tr.log, "ECDSA presigning by %v: 3 rounds (Paillier MtA with Πenc, Πaff-g, Πlog*) before the message is known.", signers)
	pres, err := local.Presign(tr.ctx, keys, signers, nil, tr.signed)
	if err != nil {
		return err
	}
	done()
	done = console.Step(tr.log, "ECDSA signing %q: one round; each partial signature is checked.", msg)
	sig, err := local.SignECDSA(tr.ctx, pres, signers, digest[:], tr.signed)
	if err != nil {
		return err
	}
	done()
	return tr.showECDSA(keys[signers[0]].PublicKey(), digest[:], sig, map[string]any{"step": step, "signers": signers})
}

// dkls23 signs with DKLs23 under the secp256k1 key of shares: the
// pairwise OT setup (once per key generation or refresh), then one
// three-round signing run, with no Paillier keys and no presignature.
func (tr *tour) dkls23(shares map[transport.PartyID]*dkg.KeyShare, signers []transport.PartyID, step string) error {
	msg := "mosaic tour: pay 1 ETH to the treasury (" + step + ", DKLs23)"
	digest := sha256.Sum256([]byte(msg))
	done := console.Step(tr.log, "DKLs23 on the same secp256k1 key: every pair of parties sets up oblivious transfers once, then %v sign %q in 3 rounds, with no Paillier keys and no presignature.", signers, msg)
	keys, err := local.SetupDKLs23(tr.ctx, shares, tr.signed)
	if err != nil {
		return err
	}
	sig, err := local.SignDKLs23(tr.ctx, keys, signers, nil, digest[:], tr.signed)
	if err != nil {
		return err
	}
	done()
	return tr.showECDSA(shares[signers[0]].GroupKey, digest[:], sig, map[string]any{"step": step, "signers": signers, "protocol": "dkls23"})
}

// showECDSA checks sig under pub (low S, and the recovery id recovers
// pub), says so on the log and, with -json, prints its line.
func (tr *tour) showECDSA(pub curve.Point, digest []byte, sig *cggmp.Signature, extra map[string]any) error {
	if err := cggmp.VerifyLowS(pub, digest, sig); err != nil {
		return err
	}
	rec, err := cggmp.RecoverPublicKey(digest, sig)
	if err != nil || !rec.Equal(pub) {
		return fmt.Errorf("recovery id does not recover the public key")
	}
	fmt.Fprintf(tr.log, "  r||s||v = %x (v = 27 + recovery id %d; low-S) verified\n", sig.Ethereum(), sig.RecoveryID)
	if !tr.asJSON {
		return nil
	}
	rid := int(sig.RecoveryID)
	return jsonl.Write(tr.out, jsonl.Line{Scheme: jsonl.ECDSA, PublicKey: pub.Bytes(), Digest: digest, Signature: sig.Bytes(), RecoveryID: &rid, Extra: extra})
}

func (tr *tour) frost(suite frost.Ciphersuite, shares map[transport.PartyID]*dkg.KeyShare, signers []transport.PartyID, step string) error {
	msg := []byte("mosaic tour: FROST message (" + step + ")")
	var root []byte
	what := "FROST(Ed25519, SHA-512), verifiable by any RFC 8032 verifier"
	if suite == frost.Secp256k1TR() {
		sum := sha256.Sum256(msg) // Bitcoin signs 32-byte sighashes
		msg = sum[:]
		root = []byte{} // a BIP-341 key-path output key
		what = "FROST taproot (BIP-340 signature under the BIP-341 output key)"
	}
	done := console.Step(tr.log, "%s by %v: 2 rounds.", what, signers)
	sig, key, err := local.SignFROST(tr.ctx, suite, shares, signers, msg, root, tr.signed)
	if err != nil {
		return err
	}
	done()
	line := jsonl.Line{Message: msg, Signature: sig, Extra: map[string]any{"step": step, "signers": signers}}
	switch suite {
	case frost.Ed25519SHA512():
		if !ed25519.Verify(ed25519.PublicKey(key.Bytes()), msg, sig) {
			return fmt.Errorf("crypto/ed25519 rejects the signature")
		}
		line.Scheme, line.PublicKey = jsonl.Ed25519, key.Bytes()
	default:
		x, err := curve.XOnlyBytes(key)
		if err != nil {
			return err
		}
		if err := schnorr.Verify(x, msg, sig); err != nil {
			return err
		}
		line.Scheme, line.PublicKey = jsonl.BIP340, x
	}
	fmt.Fprintf(tr.log, "  signature %x verified\n", sig)
	if !tr.asJSON {
		return nil
	}
	return jsonl.Write(tr.out, line)
}

func sameKey(a, b map[transport.PartyID]*dkg.KeyShare) error {
	for id := range a {
		if !bytes.Equal(a[id].GroupKey.Bytes(), b[id].GroupKey.Bytes()) {
			return fmt.Errorf("party %d: public key changed", id)
		}
	}
	return nil
}
