// Command ecdsa runs threshold ECDSA on secp256k1, P-256 or the Stark curve
// end to end, all parties in this process over the in-memory network:
// dealerless key generation,
// CGGMP21 aux-info (with each party's safe-prime search shown as it goes),
// 3-round presigning and 1-round signing. Every run is signed with the
// parties' Ed25519 identity keys and agrees (docs/agreement.md): every
// party ends it with the same outcome. By default it explains each step
// on stderr; with -json it prints each signature as one JSON line on stdout
// (docs/json-lines.md).
//
// With -protocol dkls23 (secp256k1 only) the key of the same key
// generation signs with DKLs23 (package dkls23) instead: a pairwise
// oblivious-transfer setup takes the place of aux-info, and each signature
// is one three-round run with no presignature and no Paillier arithmetic;
// its JSON lines add "protocol": "dkls23".
//
//	go run ./examples/ecdsa            # 3-of-5 on secp256k1
//	go run ./examples/ecdsa -t 2 -n 3 -json
//	go run ./examples/ecdsa -curve p256 -json
//	go run ./examples/ecdsa -protocol dkls23 -json
//
// It is a template: it imports only mosaic's public packages, so it can be
// copied into another module as a starting point. Package local runs every
// party in this one process, which protects nothing; examples/parties
// shows one process per party, as a deployment runs them.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/mosaic-mpc/mosaic/cggmp"
	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/dkg"
	"github.com/mosaic-mpc/mosaic/examples/console"
	"github.com/mosaic-mpc/mosaic/examples/jsonl"
	"github.com/mosaic-mpc/mosaic/hd"
	"github.com/mosaic-mpc/mosaic/local"
	"github.com/mosaic-mpc/mosaic/paillier"
	"github.com/mosaic-mpc/mosaic/transport"
)

const usage = `ecdsa runs threshold ECDSA end to end, every party in this process:
dealerless key generation, CGGMP21 aux-info (two safe primes per party:
seconds each), then for each message 3-round presigning and 1-round
signing, and last a signature at the child m/0/7 (BIP-32 on secp256k1,
SLIP-10 on P-256; the Stark curve has no such derivation).
With -protocol dkls23 (secp256k1 only) the key signs with DKLs23 instead:
a pairwise oblivious-transfer setup (no Paillier keys, no aux-info), then
3 rounds per signature, no presigning.
Each step is explained on stderr; every signature is verified.

Usage:
  go run ./examples/ecdsa [-protocol cggmp21] [-curve secp256k1] [-t 3] [-n 5] [-messages 2] [-json] [-level 128]

Flags:
`

type options struct {
	t, n, messages int
	asJSON         bool
	level          paillier.SecurityLevel
	curve          string
	protocol       string
}

// newFlags returns the command line's flag set, writing into o.
func newFlags(o *options) *flag.FlagSet {
	fs := console.NewFlagSet("ecdsa", usage)
	fs.IntVar(&o.t, "t", 3, "threshold: signers needed")
	fs.IntVar(&o.n, "n", 5, "number of parties")
	fs.IntVar(&o.messages, "messages", 2, "number of messages to sign")
	fs.StringVar(&o.curve, "curve", "secp256k1", "curve: "+curveNames)
	fs.StringVar(&o.protocol, "protocol", protocolCGGMP21, "signing protocol: "+protocolCGGMP21+", or "+protocolDKLs23+" (secp256k1 only, no aux-info)")
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
	if o.n < 2 || o.t < 1 || o.t > o.n || o.messages < 0 {
		fmt.Fprintf(stderr, "ecdsa: need n >= 2, 1 <= t <= n and messages >= 0, got -t %d -n %d -messages %d\n", o.t, o.n, o.messages)
		return 2
	}
	ch, ok := chains[o.curve]
	if !ok {
		fmt.Fprintf(stderr, "ecdsa: unknown -curve %q, want one of %s\n", o.curve, curveNames)
		return 2
	}
	var err error
	switch o.protocol {
	case protocolCGGMP21:
		err = run(ch, o.t, o.n, o.messages, o.asJSON, o.level, stdout, stderr)
	case protocolDKLs23:
		if o.curve != "secp256k1" {
			fmt.Fprintf(stderr, "ecdsa: -protocol dkls23 signs on secp256k1 only, got -curve %s\n", o.curve)
			return 2
		}
		if flagSet(fs, "level") {
			fmt.Fprintln(stderr, "ecdsa: -level sets CGGMP21's Paillier keys; -protocol dkls23 has none")
			return 2
		}
		err = runDKLs23(o.t, o.n, o.messages, o.asJSON, stdout, stderr)
	default:
		fmt.Fprintf(stderr, "ecdsa: unknown -protocol %q, want %s or %s\n", o.protocol, protocolCGGMP21, protocolDKLs23)
		return 2
	}
	if err != nil {
		fmt.Fprintln(stderr, "error:", err)
		return 1
	}
	return 0
}

// flagSet reports whether name was given on the command line.
func flagSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

func run(ch chain, t, n, messages int, asJSON bool, level paillier.SecurityLevel, out, log io.Writer) error {
	if t < 1 || t > n || n < 2 {
		return fmt.Errorf("need 1 <= t <= n and n >= 2, got t=%d n=%d", t, n)
	}
	ctx := context.Background()
	ids, signed, shares, err := keygen(ctx, ch, t, n, log)
	if err != nil {
		return err
	}
	pub := shares[ids[0]].GroupKey

	bits := level.ModulusBits()
	done := console.Step(log, "Aux-info at the %v security level: each party finds two %d-bit safe primes for its Paillier key (the slow part), then proves its modulus well-formed (Πmod, Πprm, Πfac).", level, bits/2)
	primes := console.NewProgress(log, "safe primes")
	aux, err := local.Aux(ctx, ids, primes.Update, signed, local.WithLevel(level))
	primes.End()
	if err != nil {
		return err
	}
	done()
	keys, err := local.ECDSAKeys(shares, aux)
	if err != nil {
		return err
	}

	signers := ids[:max(t, 2)] // presigning needs two parties talking; more than t may sign
	for i := 0; i < messages; i++ {
		msg := fmt.Sprintf("mosaic example message %d", i+1)
		digest := ch.digest(msg)
		done = console.Step(log, "Presigning with signers %v: 3 rounds of Paillier MtA and proofs (Πenc, Πaff-g, Πlog*), before the message is known.", signers)
		pres, err := local.Presign(ctx, keys, signers, nil, signed)
		if err != nil {
			return err
		}
		done()
		done = console.Step(log, "Signing %q: one round; each partial signature is checked, then the signature is verified.", msg)
		sig, err := local.SignECDSA(ctx, pres, signers, digest[:], signed)
		if err != nil {
			return err
		}
		done()
		if err := ch.emit(out, log, asJSON, pub, digest[:], sig, map[string]any{"signers": signers}); err != nil {
			return err
		}
	}
	if ch.curve.ID() == curve.IDStark {
		return nil // the Stark curve has no standard non-hardened derivation
	}
	// BIP-32 (SLIP-10 on P-256): sign at a child key derived from the group
	// key and the chain code that the DKG produced. The path is fixed
	// before presigning and bound into the presignature.
	path, child, what, digest, err := childKey(ch, pub, shares[ids[0]].ChainCode)
	if err != nil {
		return err
	}
	done = console.Step(log, "Presigning and signing at the %s.", what)
	pres, err := local.PresignPath(ctx, keys, signers, path, signed)
	if err != nil {
		return err
	}
	sig, err := local.SignECDSAPath(ctx, pres, signers, path, digest[:], signed)
	if err != nil {
		return err
	}
	done()
	if err := cggmp.VerifyLowS(child, digest[:], sig); err != nil {
		return err
	}
	fmt.Fprintf(log, "  child key %x; signature verified under it\n", child.Bytes())
	if asJSON {
		return jsonl.Write(out, ch.line(child, digest[:], sig, map[string]any{"signers": signers, "path": path.String()}))
	}
	return nil
}

// keygen runs distributed key generation for n parties with threshold t
// on ch's curve, and returns the party ids, the option that signs every
// run with the parties' long-term identity keys (which the shares record,
// so that every later run agrees, docs/agreement.md) and the shares.
func keygen(ctx context.Context, ch chain, t, n int, log io.Writer) ([]transport.PartyID, local.Option, map[transport.PartyID]*dkg.KeyShare, error) {
	ids := local.Parties(n)
	idk, err := local.NewIdentities(ids)
	if err != nil {
		return nil, nil, nil, err
	}
	signed := local.WithIdentities(idk)
	done := console.Step(log, "Distributed key generation: %d parties, threshold %d, %s. No party ever holds the key.", n, t, ch.curve.Name())
	shares, err := local.Keygen(ctx, ch.curve, t, ids, signed)
	if err != nil {
		return nil, nil, nil, err
	}
	done()
	fmt.Fprintf(log, "  group public key: %x\n", shares[ids[0]].GroupKey.Bytes())
	return ids, signed, shares, nil
}

// childKey returns the path m/0/7, the child key there below pub and
// chainCode (BIP-32, or SLIP-10 on P-256), its description, and the digest
// the examples sign with it.
func childKey(ch chain, pub curve.Point, chainCode []byte) (hd.Path, curve.Point, string, []byte, error) {
	path, err := hd.ParsePath("m/0/7")
	if err != nil {
		return nil, nil, "", nil, err
	}
	child, what, err := ch.derive(pub, chainCode, path)
	if err != nil {
		return nil, nil, "", nil, err
	}
	digest := ch.digest("mosaic example: pay from m/0/7")
	return path, child, what, digest[:], nil
}

// emit checks a signature under pub (ch.check, which logs what it found)
// and, with asJSON, writes its JSON line with the extra fields.
func (ch chain) emit(out, log io.Writer, asJSON bool, pub curve.Point, digest []byte, sig *cggmp.Signature, extra map[string]any) error {
	if err := ch.check(log, pub, digest, sig); err != nil {
		return err
	}
	if !asJSON {
		return nil
	}
	return jsonl.Write(out, ch.line(pub, digest, sig, extra))
}
