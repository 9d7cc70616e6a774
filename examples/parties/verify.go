package main

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/hex"
	"fmt"

	"github.com/decred/dcrd/dcrec/secp256k1/v4"
	"github.com/decred/dcrd/dcrec/secp256k1/v4/ecdsa"
	"github.com/mosaic-mpc/mosaic/examples/jsonl"
)

// verifyLine checks one JSON line with code that shares nothing with
// mosaic: crypto/ed25519, decred's secp256k1 ECDSA, and BIP-340 and BIP-341
// written out here on decred's group operations. The parties verified with mosaic's own code before printing;
// this is the second opinion.
func verifyLine(line map[string]any) error {
	field := func(name string) ([]byte, error) {
		s, ok := line[name].(string)
		if !ok {
			return nil, fmt.Errorf("no %q field", name)
		}
		return hex.DecodeString(s)
	}
	pub, err := field("public_key")
	if err != nil {
		return err
	}
	sig, err := field("signature")
	if err != nil {
		return err
	}
	switch line["scheme"] {
	case jsonl.ECDSA:
		digest, err := field("digest")
		if err != nil {
			return err
		}
		return verifyECDSA(pub, digest, sig, line["recovery_id"])
	case jsonl.Ed25519:
		msg, err := field("message")
		if err != nil {
			return err
		}
		if len(pub) != ed25519.PublicKeySize || !ed25519.Verify(pub, msg, sig) {
			return fmt.Errorf("crypto/ed25519 rejects the signature")
		}
		return nil
	case jsonl.BIP340:
		msg, err := field("message")
		if err != nil {
			return err
		}
		return verifyBIP340(pub, msg, sig, line["internal_key"])
	}
	return fmt.Errorf("unknown scheme %v", line["scheme"])
}

func verifyECDSA(pub, digest, sig []byte, recID any) error {
	pk, err := secp256k1.ParsePubKey(pub)
	if err != nil {
		return err
	}
	if len(sig) != 64 || len(digest) != 32 {
		return fmt.Errorf("bad lengths")
	}
	var r, s secp256k1.ModNScalar
	if r.SetByteSlice(sig[:32]) || s.SetByteSlice(sig[32:]) {
		return fmt.Errorf("r or s not below the group order")
	}
	if s.IsOverHalfOrder() {
		return fmt.Errorf("high S")
	}
	if !ecdsa.NewSignature(&r, &s).Verify(digest, pk) {
		return fmt.Errorf("decred ECDSA rejects the signature")
	}
	id, ok := recID.(float64)
	if !ok || (id != 0 && id != 1) {
		return fmt.Errorf("bad recovery id %v", recID)
	}
	compact := append([]byte{27 + 4 + byte(id)}, sig...) // 4: compressed key
	rec, _, err := ecdsa.RecoverCompact(compact, digest)
	if err != nil || !rec.IsEqual(pk) {
		return fmt.Errorf("the recovery id does not recover the key")
	}
	return nil
}

// verifyBIP340 is BIP-340's Verify written out on decred's secp256k1
// group operations, and checks that pub is the BIP-341 key-path output key
// (no script tree) of the internal key. Variable time: public values only.
func verifyBIP340(pub, msg, sig []byte, internalHex any) error {
	if len(pub) != 32 || len(sig) != 64 {
		return fmt.Errorf("bad lengths")
	}
	P, err := liftX(pub)
	if err != nil {
		return err
	}
	var r secp256k1.FieldVal
	var s secp256k1.ModNScalar
	if r.SetByteSlice(sig[:32]) || s.SetByteSlice(sig[32:]) {
		return fmt.Errorf("r not below p or s not below n")
	}
	var e secp256k1.ModNScalar
	c := taggedHash("BIP0340/challenge", sig[:32], pub, msg)
	e.SetByteSlice(c[:]) // reduced mod n, as BIP-340 says
	// R = s·G - e·P must have even y and x = r.
	var sG, eP, R secp256k1.JacobianPoint
	secp256k1.ScalarBaseMultNonConst(&s, &sG)
	secp256k1.ScalarMultNonConst(e.Negate(), P, &eP)
	secp256k1.AddNonConst(&sG, &eP, &R)
	if (R.X.IsZero() && R.Y.IsZero()) || R.Z.IsZero() {
		return fmt.Errorf("BIP-340: R is the point at infinity")
	}
	R.ToAffine()
	if R.Y.IsOdd() || !R.X.Equals(&r) {
		return fmt.Errorf("BIP-340 verification fails")
	}

	h, ok := internalHex.(string)
	if !ok {
		return fmt.Errorf("no internal_key")
	}
	internal, err := hex.DecodeString(h)
	if err != nil || len(internal) != 32 {
		return fmt.Errorf("bad internal_key")
	}
	I, err := liftX(internal)
	if err != nil {
		return err
	}
	// BIP-341 taproot_tweak_pubkey(internal, b""): Q = I + t·G.
	var t secp256k1.ModNScalar
	th := taggedHash("TapTweak", internal)
	if t.SetByteSlice(th[:]) {
		return fmt.Errorf("tweak not below n")
	}
	var tG, Q secp256k1.JacobianPoint
	secp256k1.ScalarBaseMultNonConst(&t, &tG)
	secp256k1.AddNonConst(I, &tG, &Q)
	Q.ToAffine()
	if !bytes.Equal(Q.X.Bytes()[:], pub) {
		return fmt.Errorf("public_key is not the taproot output key of internal_key")
	}
	return nil
}

// liftX is BIP-340's lift_x: the point with x coordinate x and even y.
func liftX(x []byte) (*secp256k1.JacobianPoint, error) {
	pk, err := secp256k1.ParsePubKey(append([]byte{secp256k1.PubKeyFormatCompressedEven}, x...))
	if err != nil {
		return nil, err
	}
	var j secp256k1.JacobianPoint
	pk.AsJacobian(&j)
	return &j, nil
}

// taggedHash is BIP-340's hash_tag(x) = SHA-256(SHA-256(tag) || SHA-256(tag) || x).
func taggedHash(tag string, parts ...[]byte) [32]byte {
	th := sha256.Sum256([]byte(tag))
	h := sha256.New()
	h.Write(th[:])
	h.Write(th[:])
	for _, p := range parts {
		h.Write(p)
	}
	var out [32]byte
	h.Sum(out[:0])
	return out
}
