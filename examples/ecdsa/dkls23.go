package main

import (
	"context"
	"fmt"
	"io"

	"github.com/mosaic-mpc/mosaic/cggmp"
	"github.com/mosaic-mpc/mosaic/examples/console"
	"github.com/mosaic-mpc/mosaic/examples/jsonl"
	"github.com/mosaic-mpc/mosaic/local"
)

// The -protocol values: which threshold ECDSA protocol signs.
const (
	protocolCGGMP21 = "cggmp21"
	protocolDKLs23  = "dkls23"
)

// runDKLs23 is the program with -protocol dkls23: the same key generation
// on secp256k1, then DKLs23's pairwise OT setup where CGGMP21 has its
// aux-info, and for each message one three-round signing run, with no
// presignature and no Paillier arithmetic. The signatures are the same
// cggmp.Signature values, checked and printed as the CGGMP21 ones are;
// their JSON lines add "protocol": "dkls23".
func runDKLs23(t, n, messages int, asJSON bool, out, log io.Writer) error {
	if t < 1 || t > n || n < 2 {
		return fmt.Errorf("need 1 <= t <= n and n >= 2, got t=%d n=%d", t, n)
	}
	ch := chains["secp256k1"]
	ctx := context.Background()
	// Every run is signed and agrees, as in the CGGMP21 path.
	ids, signed, shares, err := keygen(ctx, ch, t, n, log)
	if err != nil {
		return err
	}
	pub := shares[ids[0]].GroupKey

	done := console.Step(log, "DKLs23 setup: every pair of parties runs 128 base oblivious transfers in each direction (two rounds), which each signing run extends. No Paillier keys, no aux-info.")
	keys, err := local.SetupDKLs23(ctx, shares, signed)
	if err != nil {
		return err
	}
	done()

	signers := ids[:max(t, 2)] // as in the CGGMP21 path
	extra := func(more map[string]any) map[string]any {
		m := map[string]any{"signers": signers, "protocol": protocolDKLs23}
		for k, v := range more {
			m[k] = v
		}
		return m
	}
	for i := 0; i < messages; i++ {
		msg := fmt.Sprintf("mosaic example message %d", i+1)
		digest := ch.digest(msg)
		done = console.Step(log, "DKLs23 signing %q with signers %v: 3 rounds (a commitment to each R_i and an OT extension per pair; the multiplications' answers and the openings; the shares of s), then the signature is verified.", msg, signers)
		sig, err := local.SignDKLs23(ctx, keys, signers, nil, digest[:], signed)
		if err != nil {
			return err
		}
		done()
		if err := ch.emit(out, log, asJSON, pub, digest[:], sig, extra(nil)); err != nil {
			return err
		}
	}

	// BIP-32: the path is bound into the signing run, as CGGMP21 binds it
	// into the presignature.
	path, child, what, digest, err := childKey(ch, pub, shares[ids[0]].ChainCode)
	if err != nil {
		return err
	}
	done = console.Step(log, "DKLs23 signing at the %s.", what)
	sig, err := local.SignDKLs23(ctx, keys, signers, path, digest[:], signed)
	if err != nil {
		return err
	}
	done()
	if err := cggmp.VerifyLowS(child, digest[:], sig); err != nil {
		return err
	}
	if rec, err := cggmp.RecoverPublicKey(digest[:], sig); err != nil || !rec.Equal(child) {
		return fmt.Errorf("recovery id does not recover the child key")
	}
	fmt.Fprintf(log, "  child key %x; signature verified under it, recovery id %d recovers it\n", child.Bytes(), sig.RecoveryID)
	if asJSON {
		return jsonl.Write(out, ch.line(child, digest[:], sig, extra(map[string]any{"path": path.String()})))
	}
	return nil
}
