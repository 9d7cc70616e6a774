package paillier_test

import (
	"crypto/rand"
	"errors"
	"fmt"
	"math/big"
	"sync"
	"testing"

	"github.com/cronokirby/saferith"
	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/internal/testfixtures"
	"github.com/mosaic-mpc/mosaic/paillier"
)

// concurrencyWorkers is how many goroutines run each operation. Two would
// do for the race detector (it tracks happens-before, not overlap in time);
// a few more make real overlap likely without -race too.
const concurrencyWorkers = 4

// sameInt compares through math/big: saferith's Eq writes to both operands,
// which here are shared (variable time: test values only).
func sameInt(got, want *saferith.Int) error {
	if got.Big().Cmp(want.Big()) != 0 {
		return fmt.Errorf("got %v, want %v", got.Big(), want.Big())
	}
	return nil
}

func sameNat(got, want *saferith.Nat) error {
	if got.Big().Cmp(want.Big()) != 0 {
		return fmt.Errorf("got %v, want %v", got.Big(), want.Big())
	}
	return nil
}

// TestConcurrentUse runs every operation on one key, one set of ring-Pedersen
// parameters and one ciphertext from many goroutines at once, with shared
// plaintexts, exponents and primes as inputs. The types promise to be
// immutable and safe for concurrent use; saferith writes to the operands of
// Cmp, Eq, Mul, CondAssign, … in place, so under -race this test fails if
// any shared value reaches such an operation.
func TestConcurrentUse(t *testing.T) {
	sk := testfixtures.PaillierKey(t, 0)
	pk := sk.PublicKey()
	pkBytes, err := pk.MarshalBinary()
	require.NoError(t, err)
	parsed, err := paillier.ParsePublicKey(pkBytes, paillier.WithLevel(paillier.Level112))
	require.NoError(t, err)
	pp, _, err := sk.GeneratePedersen(rand.Reader)
	require.NoError(t, err)
	ppTab, err := pp.Precompute(600)
	require.NoError(t, err)
	ppBytes, err := pp.MarshalBinary()
	require.NoError(t, err)
	s, tt := pp.S(), pp.T()

	// Shared inputs: every goroutine passes these very values.
	m := intFrom(-4242)
	k := intFrom(-7)
	km := intFrom(-4242 * -7)
	ct, rho, err := pk.Enc(rand.Reader, m)
	require.NoError(t, err)
	ctBytes := ct.Bytes()
	ctNat := ct.Nat()
	rhoN := pk.NOdd().Exp(rho, pk.NNat()) // ρ^N mod N, whose N-th root is ρ
	x, y := intFrom(-123456789), intFrom(987654321)
	e := intFrom(-65537)
	primeP, primeQ := sk.P(), sk.Q()
	wantCommit := pp.Commit(x, y)

	decTo := func(c *paillier.Ciphertext, want *saferith.Int) error {
		got, err := sk.Dec(c)
		if err != nil {
			return err
		}
		return sameInt(got, want)
	}
	cases := []struct {
		name string
		slow bool // skipped with -short
		run  func() error
	}{
		{"PublicKey.Enc", false, func() error {
			c, _, err := pk.Enc(rand.Reader, m)
			if err != nil {
				return err
			}
			return decTo(c, m)
		}},
		{"SecretKey.Enc", false, func() error {
			c, _, err := sk.Enc(rand.Reader, m)
			if err != nil {
				return err
			}
			return decTo(c, m)
		}},
		{"SampleNonce/EncFresh", false, func() error {
			nonce, nonceN, err := sk.SampleNonce(rand.Reader)
			if err != nil {
				return err
			}
			if pk.EncWithNonce(new(saferith.Int), nonce).Nat().Eq(nonceN) != 1 {
				return errors.New("ρ^N differs from the slow computation")
			}
			c, _, err := sk.EncFresh(rand.Reader, m)
			if err != nil {
				return err
			}
			return decTo(c, m)
		}},
		{"EncWithNonce", false, func() error {
			if !pk.EncWithNonce(m, rho).Equal(ct) || !sk.EncWithNonce(m, rho).Equal(ct) {
				return errors.New("re-encryption differs")
			}
			return nil
		}},
		{"Dec", false, func() error { return decTo(ct, m) }},
		{"DecWithNonce", false, func() error {
			got, nonce, err := sk.DecWithNonce(ct)
			if err != nil {
				return err
			}
			if err := sameInt(got, m); err != nil {
				return err
			}
			return sameNat(nonce, rho)
		}},
		{"Nonce", false, func() error {
			nonce, err := sk.Nonce(ct)
			if err != nil {
				return err
			}
			return sameNat(nonce, rho)
		}},
		{"MulScalar", false, func() error { return decTo(pk.MulScalar(ct, k), km) }},
		{"AffineWithNonce", false, func() error {
			// k·m + m under the shared ciphertext of m.
			return decTo(pk.AffineWithNonce(ct, k, m, rho), intFrom(-4242*-7-4242))
		}},
		{"Add/Sub/AddPlain", false, func() error {
			if err := decTo(pk.Sub(pk.Add(ct, ct), ct), m); err != nil {
				return err
			}
			return decTo(pk.AddPlain(ct, k), intFrom(-4242-7))
		}},
		{"Commit", false, func() error {
			if err := sameNat(pp.Commit(x, y), wantCommit); err != nil {
				return fmt.Errorf("plain: %w", err)
			}
			if err := sameNat(ppTab.Commit(x, y), wantCommit); err != nil {
				return fmt.Errorf("tables: %w", err)
			}
			return nil
		}},
		{"ExpN", false, func() error {
			return sameNat(sk.ExpN(rho, e), pk.NOdd().ExpInt(rho, e))
		}},
		{"ExpN2", false, func() error {
			return sameNat(sk.ExpN2(ctNat, e), pk.NSquaredOdd().ExpInt(ctNat, e))
		}},
		{"NthRoot", false, func() error { return sameNat(sk.NthRoot(rhoN), rho) }},
		{"ProductIsN/ProductIsN2", false, func() error {
			// ρ^e · (ρ^N mod N)^0 = ExpN(ρ, e), and ct = (1+N)^m · ρ^N.
			if sk.ProductIsN(sk.ExpN(rho, e), paillier.Power{Base: rho, Exp: e}, paillier.Power{Base: rhoN, Exp: k}) != 0 {
				// k = −7 ≠ 0, so that is false unless (ρ^N)^(−7) = 1.
				return errors.New("false product accepted")
			}
			if sk.ProductIsN(sk.ExpN(rho, e), paillier.Power{Base: rho, Exp: e}) != 1 {
				return errors.New("ρ^e refused")
			}
			onePlus := pk.EncWithNonce(m, new(saferith.Nat).SetUint64(1)).Nat()
			if sk.ProductIsN2(ctNat, onePlus, paillier.Power{Base: rho, Exp: new(saferith.Int).SetNat(pk.NNat())}) != 1 {
				return errors.New("(1+N)^m · ρ^N refused")
			}
			return nil
		}},
		{"ParsePublicKey", false, func() error {
			got, err := paillier.ParsePublicKey(pkBytes, paillier.WithLevel(paillier.Level112))
			if err != nil {
				return err
			}
			if !got.Equal(pk) || !parsed.Equal(got) {
				return errors.New("parsed key differs")
			}
			return nil
		}},
		{"shared parsed key", false, func() error {
			c, _, err := parsed.Enc(rand.Reader, m)
			if err != nil {
				return err
			}
			if err := decTo(c, m); err != nil {
				return err
			}
			return decTo(parsed.MulScalar(ct, k), km)
		}},
		{"NewCiphertext/DecodeCiphertext", false, func() error {
			a, err := paillier.NewCiphertext(pk, ctNat)
			if err != nil {
				return err
			}
			b, err := parsed.DecodeCiphertext(ctBytes)
			if err != nil {
				return err
			}
			if !a.Equal(ct) || !b.Equal(ct) || !ct.Clone().Equal(a) {
				return errors.New("decoded ciphertext differs")
			}
			return nil
		}},
		{"Equal", false, func() error {
			if !pk.Equal(parsed) || !sk.Equal(sk) || !pp.Equal(ppTab) || !ct.Equal(ct) {
				return errors.New("Equal is false on equal values")
			}
			return nil
		}},
		{"getters with any saferith operation", false, func() error {
			// The getters hand out copies, so even CmpMod (which writes to
			// both operands) on them is the caller's private business.
			_, _, lt := ct.Nat().CmpMod(pk.NSquared())
			_, _, lt2 := rho.Clone().CmpMod(parsed.N())
			_, _, lt3 := pp.S().CmpMod(pp.N())
			if lt&lt2&lt3 != 1 {
				return errors.New("value not below its modulus")
			}
			n := new(saferith.Nat).Mul(pk.N().Nat(), pk.NNat(), -1)
			if n.Big().Cmp(pk.NSquared().Big()) != 0 {
				return errors.New("N·N ≠ N²")
			}
			return nil
		}},
		{"ParsePedersenParams", false, func() error {
			got, err := paillier.ParsePedersenParams(ppBytes, paillier.WithLevel(paillier.Level112))
			if err != nil {
				return err
			}
			if !got.Equal(pp) {
				return errors.New("parsed parameters differ")
			}
			return sameNat(got.Commit(x, y), wantCommit)
		}},
		{"NewPedersenParams", false, func() error {
			got, err := paillier.NewPedersenParams(pk.NNat(), s, tt, paillier.WithLevel(paillier.Level112))
			if err != nil {
				return err
			}
			if !got.Equal(pp) {
				return errors.New("parameters differ")
			}
			return nil
		}},
		{"NewSecretKeyFromPrimes", true, func() error {
			got, err := paillier.NewSecretKeyFromPrimes(primeP, primeQ, paillier.WithLevel(paillier.Level112))
			if err != nil {
				return err
			}
			if !got.Equal(sk) || !got.PublicKey().Equal(pk) {
				return errors.New("rebuilt key differs")
			}
			return nil
		}},
	}

	start := make(chan struct{})
	var wg sync.WaitGroup
	errs := make([][]error, len(cases))
	for i, c := range cases {
		errs[i] = make([]error, concurrencyWorkers)
		if c.slow && testing.Short() {
			continue
		}
		for w := range concurrencyWorkers {
			wg.Go(func() {
				<-start
				errs[i][w] = c.run()
			})
		}
	}
	close(start)
	wg.Wait()
	for i, c := range cases {
		for w, err := range errs[i] {
			require.NoError(t, err, "%s, worker %d", c.name, w)
		}
	}
	// Nothing above changed the shared inputs.
	require.Equal(t, big.NewInt(-4242), m.Big())
	require.Equal(t, big.NewInt(-7), k.Big())
	require.Equal(t, pk.NNat().Big(), parsed.NNat().Big())
}
