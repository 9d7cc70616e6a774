package main

import (
	"crypto/sha256"
	"fmt"
	"io"

	"github.com/mosaic-mpc/mosaic/cggmp"
	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/ecdsa"
	"github.com/mosaic-mpc/mosaic/examples/jsonl"
	"github.com/mosaic-mpc/mosaic/hd"
)

// chain is what the program does differently per curve: how a message
// becomes the 32 bytes that are signed, how a signature is checked, and
// how it is printed as a JSON line (docs/json-lines.md).
type chain struct {
	curve  curve.Curve
	scheme string
}

// chains are the -curve values.
var chains = map[string]chain{
	"secp256k1": {curve.Secp256k1(), jsonl.ECDSA},
	"p256":      {curve.P256(), jsonl.ECDSAP256},
	"stark":     {curve.Stark(), jsonl.ECDSAStark},
}

// curveNames lists the -curve values for the usage text and errors.
const curveNames = "secp256k1, p256, stark"

// digest returns the 32 bytes signed for msg: its SHA-256. On the Stark
// curve the signed value is a Starknet message hash, a field element below
// 2^251 that Starknet computes with its Pedersen or Poseidon hash of a
// transaction; this example stands one in by clearing the top five bits of
// the SHA-256.
func (ch chain) digest(msg string) [32]byte {
	d := sha256.Sum256([]byte(msg))
	if ch.curve.ID() == curve.IDStark {
		d[0] &= 0x07
	}
	return d
}

// check verifies sig under pub in the chain's form and that its recovery
// id recovers pub, and says so on log: low S on secp256k1 and P-256;
// Starknet's ranges on the Stark curve, checked again by package ecdsa's
// Starknet verifier from the key's x alone, as Starknet holds it.
func (ch chain) check(log io.Writer, pub curve.Point, digest []byte, sig *cggmp.Signature) error {
	if ch.curve.ID() == curve.IDStark {
		if err := cggmp.Verify(pub, digest, sig); err != nil {
			return err
		}
		if err := ecdsa.VerifyStarkXVarTime(pub.Bytes()[1:], digest, &ecdsa.Signature{R: sig.R, S: sig.S}); err != nil {
			return err
		}
		fmt.Fprintf(log, "  signature r||s = %x\n  verified as Starknet does, under the key's x %x\n", sig.Bytes(), pub.Bytes()[1:])
		return nil
	}
	if err := cggmp.VerifyLowS(pub, digest, sig); err != nil {
		return err
	}
	rec, err := cggmp.RecoverPublicKey(digest, sig)
	if err != nil || !rec.Equal(pub) {
		return fmt.Errorf("recovery id does not recover the key")
	}
	fmt.Fprintf(log, "  signature r||s = %x\n  recovery id %d recovers the group key; low-S: yes\n", sig.Bytes(), sig.RecoveryID)
	return nil
}

// derive returns the child of pub at a non-hardened path and a phrase
// naming it: BIP-32 on secp256k1 (with the child's Ethereum address),
// SLIP-10 on P-256.
func (ch chain) derive(pub curve.Point, chainCode []byte, path hd.Path) (curve.Point, string, error) {
	if ch.curve.ID() == curve.IDP256 {
		_, child, _, err := hd.DeriveTweakP256(pub, chainCode, path)
		return child, fmt.Sprintf("SLIP-10 child %s", path), err
	}
	_, child, _, err := hd.DeriveTweak(pub, chainCode, path)
	if err != nil {
		return nil, "", err
	}
	return child, fmt.Sprintf("BIP-32 child %s (Ethereum address %s)", path, hd.EthereumAddress(child)), nil
}

// line is the JSON line of sig: the compressed SEC1 key, the digest, r || s
// and the recovery id; on the Stark curve the key's x coordinate, the
// message hash and r || s (docs/json-lines.md).
func (ch chain) line(pub curve.Point, digest []byte, sig *cggmp.Signature, extra map[string]any) jsonl.Line {
	if ch.curve.ID() == curve.IDStark {
		return jsonl.Line{Scheme: ch.scheme, PublicKey: pub.Bytes()[1:], Digest: digest, Signature: sig.Bytes(), Extra: extra}
	}
	rid := int(sig.RecoveryID)
	return jsonl.Line{Scheme: ch.scheme, PublicKey: pub.Bytes(), Digest: digest, Signature: sig.Bytes(), RecoveryID: &rid, Extra: extra}
}
