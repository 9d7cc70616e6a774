// Command frost runs FROST threshold Schnorr signing end to end, all parties
// in this process over the in-memory network: dealerless key generation,
// then t-of-n signing in each suite (RFC 9591 Ed25519 and secp256k1, and the
// BIP-340/341 taproot variant). With -json it prints each signature as one
// JSON line on stdout (shared/spec/json-lines.md); explanations go to
// stderr.
//
//	go run ./examples/frost            # 3-of-5
//	go run ./examples/frost -t 2 -n 3 -json
package main

import (
	"context"
	"crypto/ed25519"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/dkg"
	"github.com/mosaic-mpc/mosaic/frost"
	"github.com/mosaic-mpc/mosaic/hd"
	"github.com/mosaic-mpc/mosaic/internal/demo"
	"github.com/mosaic-mpc/mosaic/internal/jsonl"
	"github.com/mosaic-mpc/mosaic/schnorr"
	"github.com/mosaic-mpc/mosaic/transport"
)

func main() {
	t := flag.Int("t", 3, "threshold: signers needed")
	n := flag.Int("n", 5, "number of parties")
	asJSON := flag.Bool("json", false, "print signatures as JSON lines on stdout")
	flag.Parse()
	if err := run(*t, *n, *asJSON, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
}

func run(t, n int, asJSON bool, out, log io.Writer) error {
	if t < 1 || t > n {
		return fmt.Errorf("need 1 <= t <= n, got t=%d n=%d", t, n)
	}
	ids := demo.Parties(n)
	signers := ids[n-t:]
	msg := []byte("mosaic: FROST example message")
	// BIP-340 signs 32-byte messages in Bitcoin; use a 32-byte one there.
	msg32 := []byte("mosaic FROST taproot message 32")
	msg32 = append(msg32, make([]byte, 32-len(msg32))...)

	for _, suite := range []frost.Ciphersuite{frost.Ed25519SHA512(), frost.Secp256k1SHA256(), frost.Secp256k1TR()} {
		start := time.Now()
		fmt.Fprintf(log, "• %s: dealerless key generation among %d parties (threshold %d)\n", suite, n, t)
		shares, err := demo.Keygen(context.Background(), suite.Curve(), t, ids)
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
			sig, key, err := demo.SignFROST(context.Background(), suite, shares, signers, m, root)
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
			}
			if err := jsonl.Write(out, line); err != nil {
				return err
			}
		}
	}
	return taprootAtPath(t, ids, signers, msg32, asJSON, out, log)
}

// taprootAtPath signs with FROST taproot at a BIP-32 child key: each party
// derives its share along the path locally (an additive tweak), then the
// BIP-341 key-path tweak applies as usual.
func taprootAtPath(t int, ids, signers []transport.PartyID, msg []byte, asJSON bool, out, log io.Writer) error {
	ctx := context.Background()
	shares, err := demo.Keygen(ctx, curve.Secp256k1(), t, ids)
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
	sig, key, err := demo.SignFROST(ctx, frost.Secp256k1TR(), derived, signers, msg, []byte{})
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
