package mod

// The prover. It holds p and q: no math/big here (SECURITY.md rule 7).

import (
	"fmt"
	"io"

	"filippo.io/bigmod"
	"github.com/cronokirby/saferith"

	"github.com/mosaic-mpc/mosaic/internal/bigint"
	"github.com/mosaic-mpc/mosaic/internal/par"
	"github.com/mosaic-mpc/mosaic/internal/transcript"
	"github.com/mosaic-mpc/mosaic/zk"
	"github.com/mosaic-mpc/mosaic/zk/internal/ctarith"
	"github.com/mosaic-mpc/mosaic/zk/internal/wire"
)

// maxWTries bounds the search for w. Half of Z*_N has Jacobi symbol −1 when N
// is not a square, so reaching the bound means the randomness source is
// broken.
const maxWTries = 256

// NewProof proves that pub.N is a Paillier-Blum integer, given its factors.
// The caller has bound t to the session, prover and verifier
// (zk.BindContext). rand nil means crypto/rand.Reader; a failing reader
// aborts the proof. NewProof returns an error wrapping zk.ErrMalformed for
// a nil transcript, zk.ErrOutOfRange if N's size is outside
// [MinModulusBits, MaxModulusBits], and ErrInvalidWitness if priv does not
// factor N into two distinct primes ≡ 3 (mod 4) with gcd(N, φ(N)) = 1
// (primality itself is the key generator's job and is not re-checked).
func NewProof(t *transcript.Transcript, pub Public, priv Private, rand io.Reader) (*Proof, error) {
	if t == nil {
		return nil, fmt.Errorf("mod: nil transcript: %w", zk.ErrMalformed)
	}
	n := pub.N
	if n == nil || n.BitLen() < MinModulusBits || n.BitLen() > MaxModulusBits {
		return nil, fmt.Errorf("mod: modulus size outside [%d, %d] bits: %w", MinModulusBits, MaxModulusBits, zk.ErrOutOfRange)
	}
	key, err := newBlumKey(n, priv)
	if err != nil {
		return nil, err
	}
	w, err := sampleW(rand, n)
	if err != nil {
		return nil, err
	}

	const m = zk.Repetitions
	ys := challenges(t, n, w, m)

	wc := key.prepareW(w)
	reps := make([]repetition, m)
	par.For(m, func(i int) { reps[i] = key.respond(ys[i], wc) })
	ctarith.Wipe(wc.rootP, wc.rootQ, wc.signP, wc.signQ)
	key.wipe()

	return &Proof{width: wire.ByteLen(n.BitLen()), w: w, reps: reps}, nil
}

// sampleW draws w uniform in Z*_N with Jacobi symbol (w/N) = −1 by rejection.
// Candidates and w are public (w is sent), so the variable-time Jacobi
// symbol is fine.
func sampleW(rand io.Reader, n *saferith.Modulus) (*saferith.Nat, error) {
	for range maxWTries {
		w, err := bigint.SampleUnit(rand, n)
		if err != nil {
			return nil, fmt.Errorf("mod: sampling w: %w", err)
		}
		if bigint.JacobiVarTime(w, n) == -1 {
			return w, nil
		}
	}
	return nil, fmt.Errorf("mod: sampling w: %w: no Jacobi −1 element found", bigint.ErrRandom)
}

// wContext is what every repetition needs about w modulo p and q: the
// principal-root powers w^e4 and (−1)^e4 and whether w is a square.
type wContext struct {
	rootP, rootQ     *bigmod.Nat // w^e4p mod p, w^e4q mod q
	signP, signQ     *bigmod.Nat // (−1)^e4p mod p, (−1)^e4q mod q
	squareP, squareQ uint        // 1 if w is a square mod p (resp. q)
}

func (k *blumKey) prepareW(w *saferith.Nat) *wContext {
	wN := k.fromPublic(w)
	wp := bigmod.NewNat().Mod(wN, k.p)
	wq := bigmod.NewNat().Mod(wN, k.q)
	c := &wContext{}
	c.rootP, c.squareP = residueRoot(wp, k.e4p, k.p)
	c.rootQ, c.squareQ = residueRoot(wq, k.e4q, k.q)
	minusOneP := bigmod.NewNat().ExpandFor(k.p).SubOne(k.p)
	minusOneQ := bigmod.NewNat().ExpandFor(k.q).SubOne(k.q)
	c.signP = bigmod.NewNat().Exp(minusOneP, k.e4p, k.p)
	c.signQ = bigmod.NewNat().Exp(minusOneQ, k.e4q, k.q)
	return c
}

// fromPublic converts a public value below N to a bigmod element mod N.
func (k *blumKey) fromPublic(x *saferith.Nat) *bigmod.Nat {
	out, err := bigmod.NewNat().SetBytes(x.FillBytes(make([]byte, k.n.Size())), k.n)
	if err != nil {
		panic("mod: public value not below N") // challenges and w are sampled below N
	}
	return out
}

// respond answers challenge y (Dfns spec find_residue, blum_sqrt and the
// N-th root, computed by CRT):
//
//   - b = 1 iff y is a square modulo exactly one of p, q: since (w/p) ≠ (w/q),
//     w^b·y then has the same Legendre symbol modulo p and q;
//   - a = 1 iff that symbol is −1: −1 is a non-square modulo both primes;
//   - x = y'^e4 with y' = (−1)^a·w^b·y, assembled modulo each prime as
//     y^e4 · (w^e4)^b · ((−1)^e4)^a from the precomputed powers;
//   - z = y^(N⁻¹ mod φ(N)).
//
// The choices are made with constant-time selections; only a and b, which
// the proof reveals, leave this function.
func (k *blumKey) respond(y *saferith.Nat, wc *wContext) repetition {
	yN := k.fromPublic(y)
	yp := bigmod.NewNat().Mod(yN, k.p)
	yq := bigmod.NewNat().Mod(yN, k.q)

	xp, sqP := residueRoot(yp, k.e4p, k.p)
	xq, sqQ := residueRoot(yq, k.e4q, k.q)
	b := sqP ^ sqQ
	a := (1 ^ sqP) ^ (b & (1 ^ wc.squareP)) // non-square bit of w^b·y mod p

	factor := ctarith.Copy(k.oneP, k.p)
	ctarith.Select(b, factor, wc.rootP)
	xp.Mul(factor, k.p)
	factor = ctarith.Copy(k.oneP, k.p)
	ctarith.Select(a, factor, wc.signP)
	xp.Mul(factor, k.p)

	factor = ctarith.Copy(k.oneQ, k.q)
	ctarith.Select(b, factor, wc.rootQ)
	xq.Mul(factor, k.q)
	factor = ctarith.Copy(k.oneQ, k.q)
	ctarith.Select(a, factor, wc.signQ)
	xq.Mul(factor, k.q)

	x := k.combine(xp, xq)
	zp := bigmod.NewNat().Exp(yp, k.dp, k.p)
	zq := bigmod.NewNat().Exp(yq, k.dq, k.q)
	z := k.combine(zp, zq)
	ctarith.Wipe(xp, xq, zp, zq, yp, yq)

	bits := k.n.BitLen()
	return repetition{
		x: new(saferith.Nat).SetBytes(x.Bytes(k.n)).Resize(bits),
		z: new(saferith.Nat).SetBytes(z.Bytes(k.n)).Resize(bits),
		a: a == 1,
		b: b == 1,
	}
}
