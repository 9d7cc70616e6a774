// Command frost runs FROST threshold Schnorr signing end to end, all parties
// in this process over the in-memory network: dealerless key generation,
// then t-of-n signing in each suite (by default RFC 9591 Ed25519 and
// secp256k1, and the BIP-340/341 taproot variant; -suite picks one suite,
// including RFC 9591's ristretto255, Ed448 and P-256). Every run is signed
// with the parties' Ed25519 identity keys and agrees (docs/agreement.md):
// every party ends it with the same outcome. With -json it prints each
// signature as one JSON line on stdout (docs/json-lines.md); explanations
// go to stderr.
//
//	go run ./examples/frost            # 3-of-5
//	go run ./examples/frost -t 2 -n 3 -json
//	go run ./examples/frost -suite ed448 -json
//
// It is a template: it imports only mosaic's public packages, so it can be
// copied into another module as a starting point. Package local runs every
// party in this one process, which protects nothing; examples/parties
// shows one process per party, as a deployment runs them.
package main

import (
	"context"
	"crypto/ed25519"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/cloudflare/circl/sign/ed448"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/dkg"
	"github.com/mosaic-mpc/mosaic/examples/console"
	"github.com/mosaic-mpc/mosaic/examples/jsonl"
	"github.com/mosaic-mpc/mosaic/frost"
	"github.com/mosaic-mpc/mosaic/hd"
	"github.com/mosaic-mpc/mosaic/local"
	"github.com/mosaic-mpc/mosaic/schnorr"
	"github.com/mosaic-mpc/mosaic/transport"
)

const usage = `frost runs FROST threshold Schnorr signing end to end, every party in this
process: dealerless key generation, then signing by the last t parties in
each suite (by default RFC 9591 Ed25519 and secp256k1, and BIP-340 taproot
with and without the BIP-341 tweak, and a taproot signature at the BIP-32
child m/86/0/0; -suite runs one suite, among them RFC 9591's ristretto255,
Ed448 and P-256). Each signature is verified; it takes well under a second.

Usage:
  go run ./examples/frost [-t 3] [-n 5] [-suite name] [-json]

Flags:
`

// suiteNames are the values of -suite.
var suiteNames = map[string]frost.Ciphersuite{
	"ed25519":      frost.Ed25519SHA512(),
	"secp256k1":    frost.Secp256k1SHA256(),
	"taproot":      frost.Secp256k1TR(),
	"ristretto255": frost.Ristretto255SHA512(),
	"ed448":        frost.Ed448SHAKE256(),
	"p256":         frost.P256SHA256(),
}

// defaultSuites run when -suite is not given.
var defaultSuites = []frost.Ciphersuite{frost.Ed25519SHA512(), frost.Secp256k1SHA256(), frost.Secp256k1TR()}

type options struct {
	t, n   int
	suite  string
	asJSON bool
}

// newFlags returns the command line's flag set, writing into o.
func newFlags(o *options) *flag.FlagSet {
	fs := console.NewFlagSet("frost", usage)
	fs.IntVar(&o.t, "t", 3, "threshold: signers needed")
	fs.IntVar(&o.n, "n", 5, "number of parties")
	fs.StringVar(&o.suite, "suite", "", "one suite: ed25519, secp256k1, taproot, ristretto255, ed448 or p256 (default: ed25519, secp256k1 and taproot)")
	fs.BoolVar(&o.asJSON, "json", false, "print signatures as JSON lines on stdout (docs/json-lines.md)")
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
	if o.t < 1 || o.t > o.n {
		fmt.Fprintf(stderr, "frost: need 1 <= t <= n, got -t %d -n %d\n", o.t, o.n)
		return 2
	}
	suites := defaultSuites
	if o.suite != "" {
		s, ok := suiteNames[o.suite]
		if !ok {
			fmt.Fprintf(stderr, "frost: unknown suite %q: want ed25519, secp256k1, taproot, ristretto255, ed448 or p256\n", o.suite)
			return 2
		}
		suites = []frost.Ciphersuite{s}
	}
	if err := run(o.t, o.n, suites, o.asJSON, stdout, stderr); err != nil {
		fmt.Fprintln(stderr, "error:", err)
		return 1
	}
	return 0
}

// run makes the keys and signatures of each suite; the taproot suite also
// signs at a BIP-32 child key.
func run(t, n int, suites []frost.Ciphersuite, asJSON bool, out, log io.Writer) error {
	if t < 1 || t > n {
		return fmt.Errorf("need 1 <= t <= n, got t=%d n=%d", t, n)
	}
	ids := local.Parties(n)
	signers := ids[n-t:]
	msg := []byte("mosaic: FROST example message")
	// BIP-340 signs 32-byte messages in Bitcoin; use a 32-byte one there.
	msg32 := []byte("mosaic FROST taproot message 32")
	msg32 = append(msg32, make([]byte, 32-len(msg32))...)
	// Every party has one long-term identity key, which signs its messages
	// in every run of every key, so that each run agrees
	// (docs/agreement.md); each key's shares record them.
	idk, err := local.NewIdentities(ids)
	if err != nil {
		return err
	}
	signed := local.WithIdentities(idk)

	for _, suite := range suites {
		start := time.Now()
		fmt.Fprintf(log, "• %s: dealerless key generation among %d parties (threshold %d)\n", suite, n, t)
		shares, err := local.Keygen(context.Background(), suite.Curve(), t, ids, signed)
		if err != nil {
			return err
		}
		group := shares[ids[0]].GroupKey
		fmt.Fprintf(log, "  group public key %x (%v)\n", group.Bytes(), time.Since(start).Round(time.Millisecond))

		m := msg
		roots := [][]byte{nil}
		if suite == frost.Secp256k1TR() {
			m = msg32
			roots = [][]byte{nil, {}} // untweaked, and a BIP-341 key-path output key
		}
		for _, root := range roots {
			start = time.Now()
			sig, key, err := local.SignFROST(context.Background(), suite, shares, signers, m, root, signed)
			if err != nil {
				return err
			}
			what := "signature"
			if root != nil {
				what = "signature under the BIP-341 output key (no script tree)"
			}
			fmt.Fprintf(log, "  signers %v: %s %x (%v), verified\n", signers, what, sig, time.Since(start).Round(time.Millisecond))
			if !asJSON {
				continue
			}
			line := jsonl.Line{Message: m, Signature: sig, Extra: map[string]any{"signers": signers}}
			switch suite {
			case frost.Ed25519SHA512():
				if !ed25519.Verify(ed25519.PublicKey(key.Bytes()), m, sig) {
					return fmt.Errorf("crypto/ed25519 rejects the signature")
				}
				line.Scheme, line.PublicKey = jsonl.Ed25519, key.Bytes()
			case frost.Secp256k1SHA256():
				line.Scheme, line.PublicKey = jsonl.FROSTSecp256k1SHA256, key.Bytes()
			case frost.Secp256k1TR():
				x, err := curve.XOnlyBytes(key)
				if err != nil {
					return err
				}
				if err := schnorr.Verify(x, m, sig); err != nil {
					return fmt.Errorf("BIP-340 verifier rejects the signature: %w", err)
				}
				line.Scheme, line.PublicKey = jsonl.BIP340, x
				if root != nil {
					line.Extra["tweak"] = "bip341-key-path"
				}
			case frost.Ristretto255SHA512():
				// No single-signer standard: local.SignFROST checked it
				// with frost.Verify.
				line.Scheme, line.PublicKey = jsonl.FROSTRistretto255, key.Bytes()
			case frost.Ed448SHAKE256():
				if !ed448.Verify(ed448.PublicKey(key.Bytes()), m, sig, "") {
					return fmt.Errorf("the RFC 8032 Ed448 verifier rejects the signature")
				}
				line.Scheme, line.PublicKey = jsonl.FROSTEd448, key.Bytes()
			case frost.P256SHA256():
				line.Scheme, line.PublicKey = jsonl.FROSTP256, key.Bytes()
			}
			if err := jsonl.Write(out, line); err != nil {
				return err
			}
		}
	}
	for _, suite := range suites {
		if suite == frost.Secp256k1TR() {
			return taprootAtPath(t, ids, signers, msg32, signed, asJSON, out, log)
		}
	}
	return nil
}

// taprootAtPath signs with FROST taproot at a BIP-32 child key: each party
// derives its share along the path locally (an additive tweak), then the
// BIP-341 key-path tweak applies as usual.
func taprootAtPath(t int, ids, signers []transport.PartyID, msg []byte, signed local.Option, asJSON bool, out, log io.Writer) error {
	ctx := context.Background()
	shares, err := local.Keygen(ctx, curve.Secp256k1(), t, ids, signed)
	if err != nil {
		return err
	}
	path, err := hd.ParsePath("m/86/0/0")
	if err != nil {
		return err
	}
	derived := make(map[transport.PartyID]*dkg.KeyShare, len(shares))
	for id, s := range shares {
		if derived[id], _, err = hd.DeriveKeyShare(s, path); err != nil {
			return err
		}
	}
	sig, key, err := local.SignFROST(ctx, frost.Secp256k1TR(), derived, signers, msg, []byte{}, signed)
	if err != nil {
		return err
	}
	x, err := curve.XOnlyBytes(key)
	if err != nil {
		return err
	}
	if err := schnorr.Verify(x, msg, sig); err != nil {
		return err
	}
	fmt.Fprintf(log, "• taproot at BIP-32 child %s: output key %x, signature verified\n", path, x)
	if !asJSON {
		return nil
	}
	return jsonl.Write(out, jsonl.Line{Scheme: jsonl.BIP340, PublicKey: x, Message: msg, Signature: sig,
		Extra: map[string]any{"signers": signers, "path": path.String(), "tweak": "bip341-key-path"}})
}
