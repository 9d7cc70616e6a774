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
//	go run ./examples/ecdsa            # 3-of-5 on secp256k1
//	go run ./examples/ecdsa -t 2 -n 3 -json
//	go run ./examples/ecdsa -curve p256 -json
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
	"github.com/mosaic-mpc/mosaic/examples/console"
	"github.com/mosaic-mpc/mosaic/examples/jsonl"
	"github.com/mosaic-mpc/mosaic/hd"
	"github.com/mosaic-mpc/mosaic/local"
	"github.com/mosaic-mpc/mosaic/paillier"
)

const usage = `ecdsa runs threshold ECDSA end to end, every party in this process:
dealerless key generation, CGGMP21 aux-info (two safe primes per party:
seconds each), then for each message 3-round presigning and 1-round
signing, and last a signature at the child m/0/7 (BIP-32 on secp256k1,
SLIP-10 on P-256; the Stark curve has no such derivation).
Each step is explained on stderr; every signature is verified.

Usage:
  go run ./examples/ecdsa [-curve secp256k1] [-t 3] [-n 5] [-messages 2] [-json] [-level 128]

Flags:
`

type options struct {
	t, n, messages int
	asJSON         bool
	level          paillier.SecurityLevel
	curve          string
}

// newFlags returns the command line's flag set, writing into o.
func newFlags(o *options) *flag.FlagSet {
	fs := console.NewFlagSet("ecdsa", usage)
	fs.IntVar(&o.t, "t", 3, "threshold: signers needed")
	fs.IntVar(&o.n, "n", 5, "number of parties")
	fs.IntVar(&o.messages, "messages", 2, "number of messages to sign")
	fs.StringVar(&o.curve, "curve", "secp256k1", "curve: "+curveNames)
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
	if err := run(ch, o.t, o.n, o.messages, o.asJSON, o.level, stdout, stderr); err != nil {
		fmt.Fprintln(stderr, "error:", err)
		return 1
	}
	return 0
}

func run(ch chain, t, n, messages int, asJSON bool, level paillier.SecurityLevel, out, log io.Writer) error {
	if t < 1 || t > n || n < 2 {
		return fmt.Errorf("need 1 <= t <= n and n >= 2, got t=%d n=%d", t, n)
	}
	ctx := context.Background()
	ids := local.Parties(n)

	// Every run is signed with the parties' long-term identity keys, which
	// the shares record, and agrees (docs/agreement.md).
	idk, err := local.NewIdentities(ids)
	if err != nil {
		return err
	}
	signed := local.WithIdentities(idk)

	done := console.Step(log, "Distributed key generation: %d parties, threshold %d, %s. No party ever holds the key.", n, t, ch.curve.Name())
	shares, err := local.Keygen(ctx, ch.curve, t, ids, signed)
	if err != nil {
		return err
	}
	done()
	pub := shares[ids[0]].GroupKey
	fmt.Fprintf(log, "  group public key: %x\n", pub.Bytes())

	bits := level.ModulusBits()
	done = console.Step(log, "Aux-info at the %v security level: each party finds two %d-bit safe primes for its Paillier key (the slow part), then proves its modulus well-formed (Πmod, Πprm, Πfac).", level, bits/2)
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
		if err := ch.check(log, pub, digest[:], sig); err != nil {
			return err
		}
		if asJSON {
			if err := jsonl.Write(out, ch.line(pub, digest[:], sig, map[string]any{"signers": signers})); err != nil {
				return err
			}
		}
	}
	if ch.curve.ID() == curve.IDStark {
		return nil // the Stark curve has no standard non-hardened derivation
	}
	// BIP-32 (SLIP-10 on P-256): sign at a child key derived from the group
	// key and the chain code that the DKG produced. The path is fixed
	// before presigning and bound into the presignature.
	path, err := hd.ParsePath("m/0/7")
	if err != nil {
		return err
	}
	child, what, err := ch.derive(pub, shares[ids[0]].ChainCode, path)
	if err != nil {
		return err
	}
	digest := ch.digest("mosaic example: pay from m/0/7")
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
