package curve

import (
	"crypto/rand"
	"fmt"
	"sync"
	"testing"

	"github.com/cronokirby/saferith"
	"github.com/stretchr/testify/require"
)

// TestConcurrentScalarConversions converts shared saferith values to scalars
// and works with Order() from many goroutines at once. saferith writes to
// the operands of Cmp, CmpMod, Add, Mul, … in place, so under -race this
// fails if the package-level order, or an input, reaches such an operation,
// or if Order hands out the shared modulus itself.
func TestConcurrentScalarConversions(t *testing.T) {
	const workers = 8
	// Not Ed448: its order exceeds 2^300, which the cases need above it.
	for _, c := range []Curve{Secp256k1(), Edwards25519(), P256(), Ristretto255(), Stark(), BLS12381G1()} {
		t.Run(c.Name(), func(t *testing.T) {
			// Shared inputs: 2^300 − 1 (wider than the order, so Mod really
			// reduces), its negation, and a value below the order.
			wide := new(saferith.Nat).Sub(
				new(saferith.Nat).Lsh(new(saferith.Nat).SetUint64(1), 300, 301),
				new(saferith.Nat).SetUint64(1), 300)
			neg := new(saferith.Int).SetNat(wide).Neg(1)
			small := new(saferith.Nat).SetUint64(12345)
			wantWide := c.ScalarFromNat(wide).Bytes()
			wantNeg := c.ScalarFromNat(wide).Negate().Bytes()
			orderBytes := c.Order().Bytes()

			cases := []struct {
				name string
				run  func() error
			}{
				{"ScalarFromNat", func() error {
					if got := c.ScalarFromNat(wide).Bytes(); string(got) != string(wantWide) {
						return fmt.Errorf("ScalarFromNat = %x, want %x", got, wantWide)
					}
					if !c.ScalarFromNat(small).Equal(c.ScalarFromUint64(12345)) {
						return fmt.Errorf("ScalarFromNat(12345) is wrong")
					}
					return nil
				}},
				{"ScalarFromInt", func() error {
					if got := c.ScalarFromInt(neg).Bytes(); string(got) != string(wantNeg) {
						return fmt.Errorf("ScalarFromInt = %x, want %x", got, wantNeg)
					}
					return nil
				}},
				{"Order with comparisons", func() error {
					// CmpMod and Cmp write to both operands: fine on the
					// copy Order returns.
					q := c.Order()
					if _, _, lt := small.Clone().CmpMod(q); lt != 1 {
						return fmt.Errorf("12345 not below the order")
					}
					if gt, _, _ := wide.Clone().CmpMod(c.Order()); gt != 1 {
						return fmt.Errorf("2^300 − 1 not above the order")
					}
					if _, eq, _ := q.Cmp(c.Order()); eq != 1 {
						return fmt.Errorf("two copies of the order differ")
					}
					return nil
				}},
				{"Order with arithmetic", func() error {
					q := c.Order()
					qm1 := new(saferith.Nat).Sub(q.Nat(), new(saferith.Nat).SetUint64(1), q.BitLen())
					// (q−1)·(q−1) ≡ 1 (mod q), and q − 1 is −1 as a scalar.
					sq := new(saferith.Nat).ModMul(qm1, qm1, c.Order())
					if sq.Eq(new(saferith.Nat).SetUint64(1)) != 1 {
						return fmt.Errorf("(q−1)² mod q ≠ 1")
					}
					if !c.ScalarFromNat(qm1).Equal(c.ScalarFromUint64(1).Negate()) {
						return fmt.Errorf("q − 1 is not −1")
					}
					inv := new(saferith.Nat).ModInverse(small, q)
					if !c.ScalarFromNat(inv).Mul(c.ScalarFromUint64(12345)).Equal(c.ScalarFromUint64(1)) {
						return fmt.Errorf("inverse of 12345 is wrong")
					}
					return nil
				}},
				{"RandomScalar", func() error {
					s, err := c.RandomScalar(rand.Reader)
					if err != nil {
						return err
					}
					if !c.ScalarFromNat(s.Nat()).Equal(s) {
						return fmt.Errorf("Nat round trip differs")
					}
					return nil
				}},
			}
			start := make(chan struct{})
			var wg sync.WaitGroup
			errs := make([][workers]error, len(cases))
			for i, tc := range cases {
				for w := range workers {
					wg.Go(func() {
						<-start
						errs[i][w] = tc.run()
					})
				}
			}
			close(start)
			wg.Wait()
			for i, tc := range cases {
				for w, err := range errs[i] {
					require.NoError(t, err, "%s, worker %d", tc.name, w)
				}
			}
			require.Equal(t, orderBytes, c.Order().Bytes())
		})
	}
}

// TestOrderIsACopy checks that the modulus Order returns is the caller's:
// whatever saferith does to it cannot reach the curve.
func TestOrderIsACopy(t *testing.T) {
	for _, c := range []Curve{Secp256k1(), Edwards25519(), P256(), Ristretto255(), Ed448(), Stark(), BLS12381G1()} {
		a, b := c.Order(), c.Order()
		require.NotSame(t, a, b, c.Name())
		want := c.Order().Bytes()
		// Widen a's limbs in place (CmpMod against a longer value).
		long := new(saferith.Nat).Lsh(new(saferith.Nat).SetUint64(1), 600, 601)
		long.CmpMod(a)
		require.Equal(t, want, c.Order().Bytes(), c.Name())
		require.Equal(t, want, a.Bytes(), c.Name())
	}
}
