// Command ecdsa runs threshold ECDSA on secp256k1 end to end, all parties in
// this process over the in-memory network: dealerless key generation,
// CGGMP21 aux-info (with each party's safe-prime search shown as it goes),
// 3-round presigning and 1-round signing. By default it explains each step
// on stderr; with -json it prints each signature as one JSON line on stdout
// (shared/spec/json-lines.md).
//
//	go run ./examples/ecdsa            # 3-of-5
//	go run ./examples/ecdsa -t 2 -n 3 -json
package main

import (
	"context"
	"crypto/sha256"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/mosaic-mpc/mosaic/cggmp"
	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/hd"
	"github.com/mosaic-mpc/mosaic/internal/demo"
	"github.com/mosaic-mpc/mosaic/internal/jsonl"
)

func main() {
	t := flag.Int("t", 3, "threshold: signers needed")
	n := flag.Int("n", 5, "number of parties")
	asJSON := flag.Bool("json", false, "print signatures as JSON lines on stdout")
	messages := flag.Int("messages", 2, "number of messages to sign")
	flag.Parse()
	if err := run(*t, *n, *messages, *asJSON, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
}

func run(t, n, messages int, asJSON bool, out, log io.Writer) error {
	if t < 1 || t > n || n < 2 {
		return fmt.Errorf("need 1 <= t <= n and n >= 2, got t=%d n=%d", t, n)
	}
	ctx := context.Background()
	ids := demo.Parties(n)

	done := demo.Step(log, "Distributed key generation: %d parties, threshold %d, secp256k1. No party ever holds the key.", n, t)
	shares, err := demo.Keygen(ctx, curve.Secp256k1(), t, ids)
	if err != nil {
		return err
	}
	done()
	pub := shares[ids[0]].GroupKey
	fmt.Fprintf(log, "  group public key: %x\n", pub.Bytes())

	done = demo.Step(log, "Aux-info: each party finds two 1024-bit safe primes for its Paillier key (the slow part), then proves its modulus well-formed (Πmod, Πprm, Πfac).")
	aux, err := demo.Aux(ctx, ids, func(found, total int) {
		fmt.Fprintf(log, "\r  safe primes found: %d/%d", found, total)
	})
	fmt.Fprintln(log)
	if err != nil {
		return err
	}
	done()
	keys, err := demo.ECDSAKeys(shares, aux)
	if err != nil {
		return err
	}

	signers := ids[:max(t, 2)] // presigning needs two parties talking; more than t may sign
	for i := 0; i < messages; i++ {
		msg := fmt.Sprintf("mosaic example message %d", i+1)
		digest := sha256.Sum256([]byte(msg))
		done = demo.Step(log, "Presigning with signers %v: 3 rounds of Paillier MtA and proofs (Πenc, Πaff-g, Πlog*), before the message is known.", signers)
		pres, err := demo.Presign(ctx, keys, signers, nil)
		if err != nil {
			return err
		}
		done()
		done = demo.Step(log, "Signing %q: one round; each partial signature is checked, then the signature is verified.", msg)
		sig, err := demo.SignECDSA(ctx, pres, signers, digest[:])
		if err != nil {
			return err
		}
		done()
		if err := cggmp.VerifyLowS(pub, digest[:], sig); err != nil {
			return err
		}
		rec, err := cggmp.RecoverPublicKey(digest[:], sig)
		if err != nil || !rec.Equal(pub) {
			return fmt.Errorf("recovery id does not recover the key")
		}
		fmt.Fprintf(log, "  signature r||s = %x\n  recovery id %d recovers the group key; low-S: yes\n", sig.Bytes(), sig.RecoveryID)
		if asJSON {
			rid := int(sig.RecoveryID)
			if err := jsonl.Write(out, jsonl.Line{Scheme: jsonl.ECDSA, PublicKey: pub.Bytes(), Digest: digest[:], Signature: sig.Bytes(), RecoveryID: &rid,
				Extra: map[string]any{"signers": signers}}); err != nil {
				return err
			}
		}
	}
	// BIP-32: sign at a child key derived from the group key and the chain
	// code that the DKG produced. The path is fixed before presigning and
	// bound into the presignature.
	path, err := hd.ParsePath("m/0/7")
	if err != nil {
		return err
	}
	_, child, _, err := hd.DeriveTweak(pub, shares[ids[0]].ChainCode, path)
	if err != nil {
		return err
	}
	digest := sha256.Sum256([]byte("mosaic example: pay from m/0/7"))
	done = demo.Step(log, "Presigning and signing at the BIP-32 child %s (Ethereum address %s).", path, hd.EthereumAddress(child))
	pres, err := demo.PresignPath(ctx, keys, signers, path)
	if err != nil {
		return err
	}
	sig, err := demo.SignECDSAPath(ctx, pres, signers, path, digest[:])
	if err != nil {
		return err
	}
	done()
	if err := cggmp.VerifyLowS(child, digest[:], sig); err != nil {
		return err
	}
	fmt.Fprintf(log, "  child key %x; signature verified under it\n", child.Bytes())
	if asJSON {
		rid := int(sig.RecoveryID)
		return jsonl.Write(out, jsonl.Line{Scheme: jsonl.ECDSA, PublicKey: child.Bytes(), Digest: digest[:], Signature: sig.Bytes(), RecoveryID: &rid,
			Extra: map[string]any{"signers": signers, "path": path.String()}})
	}
	return nil
}
