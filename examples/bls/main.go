// Command bls runs threshold BLS signing on BLS12-381 end to end, all
// parties in this process: dealerless key generation on G1 (package dkg,
// through package local), a threshold proof of possession for the group
// key, then signing by t parties, each partial signature checked against
// its signer's verification share and combined by Lagrange interpolation
// in G2 (package bls, ciphersuite BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_POP_,
// as Ethereum's consensus layer uses). With -json it prints each signature
// as one JSON line on stdout (docs/json-lines.md, scheme "bls12381-g2-pop");
// explanations go to stderr.
//
//	go run ./examples/bls            # 3-of-5
//	go run ./examples/bls -t 2 -n 3 -json
//
// It is a template: it imports only mosaic's public packages, so it can be
// copied into another module as a starting point. Package local runs every
// party in this one process, which protects nothing.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/mosaic-mpc/mosaic/bls"
	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/examples/console"
	"github.com/mosaic-mpc/mosaic/examples/jsonl"
	"github.com/mosaic-mpc/mosaic/local"
	"github.com/mosaic-mpc/mosaic/transport"
)

const usage = `bls runs threshold BLS signing on BLS12-381 end to end, every party in this
process: dealerless key generation on G1, a threshold proof of possession
for the group key, then two messages signed by two different sets of t
parties, each partial signature checked, combined in G2 and verified
(ciphersuite BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_POP_). It takes well
under a second.

Usage:
  go run ./examples/bls [-t 3] [-n 5] [-json]

Flags:
`

type options struct {
	t, n   int
	asJSON bool
}

func main() {
	os.Exit(runCLI(os.Args[1:], os.Stdout, os.Stderr))
}

// runCLI runs the program with args and returns its exit status: 0 on
// success (and for -h), 2 for bad flags, 1 when a step fails.
func runCLI(args []string, stdout, stderr io.Writer) int {
	var o options
	fs := console.NewFlagSet("bls", usage)
	fs.IntVar(&o.t, "t", 3, "threshold: signers needed")
	fs.IntVar(&o.n, "n", 5, "number of parties")
	fs.BoolVar(&o.asJSON, "json", false, "print signatures as JSON lines on stdout (docs/json-lines.md)")
	fs.SetOutput(stderr)
	if status, ok := console.ParseFlags(fs, args); !ok {
		return status
	}
	if o.t < 1 || o.t > o.n {
		fmt.Fprintf(stderr, "bls: need 1 <= t <= n, got -t %d -n %d\n", o.t, o.n)
		return 2
	}
	if err := run(o.t, o.n, o.asJSON, stdout, stderr); err != nil {
		fmt.Fprintln(stderr, "error:", err)
		return 1
	}
	return 0
}

// run makes the key, its proof of possession and two signatures.
func run(t, n int, asJSON bool, out, log io.Writer) error {
	ctx := context.Background()
	ids := local.Parties(n)
	suite := bls.POP()

	start := time.Now()
	fmt.Fprintf(log, "• BLS12-381: dealerless key generation on G1 among %d parties (threshold %d)\n", n, t)
	shares, err := local.Keygen(ctx, curve.BLS12381G1(), t, ids)
	if err != nil {
		return err
	}
	key := shares[ids[0]]
	fmt.Fprintf(log, "  group public key %x (%v)\n", key.GroupKey.Bytes(), time.Since(start).Round(time.Millisecond))

	// The group proves possession of its key with t partial proofs, so
	// that aggregators may use FastAggregateVerify with it.
	var pops []*bls.PartialSignature
	for _, id := range ids[:t] {
		p, err := suite.ThresholdPopProve(shares[id])
		if err != nil {
			return err
		}
		pops = append(pops, p)
	}
	proof, err := suite.CombinePop(key, pops)
	if err != nil {
		return err
	}
	if err := suite.PopVerify(key.GroupKey, proof); err != nil {
		return err
	}
	fmt.Fprintf(log, "  proof of possession %x, verified\n", proof.Bytes())

	messages := []struct {
		msg     []byte
		signers []transport.PartyID
	}{
		{[]byte("mosaic: BLS example message"), ids[n-t:]},
		{[]byte("mosaic: a second message, other signers"), ids[:t]},
	}
	for _, m := range messages {
		start = time.Now()
		partials := make([]*bls.PartialSignature, 0, len(m.signers))
		for _, id := range m.signers {
			p, err := suite.PartialSign(shares[id], m.msg)
			if err != nil {
				return err
			}
			partials = append(partials, p)
		}
		// Combine checks the combined signature under the group key and,
		// if it fails, names every signer whose partial is wrong.
		sig, err := suite.Combine(key, m.msg, partials)
		if err != nil {
			return err
		}
		if err := suite.Verify(key.GroupKey, m.msg, sig); err != nil {
			return err
		}
		fmt.Fprintf(log, "  signers %v: signature %x (%v), verified\n", m.signers, sig.Bytes(), time.Since(start).Round(time.Millisecond))
		if !asJSON {
			continue
		}
		line := jsonl.Line{Scheme: jsonl.BLS12381G2POP, PublicKey: key.GroupKey.Bytes(), Message: m.msg, Signature: sig.Bytes(),
			Extra: map[string]any{"signers": m.signers}}
		if err := jsonl.Write(out, line); err != nil {
			return err
		}
	}
	return nil
}
