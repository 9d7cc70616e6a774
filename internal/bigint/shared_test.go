package bigint

// Test-only use of math/big as an independent reference.

import (
	"crypto/rand"
	"fmt"
	"math/big"
	"sync"
	"testing"

	"github.com/cronokirby/saferith"
	"github.com/stretchr/testify/require"
)

// TestSharedValuesConcurrently uses one OddModulus, CRT, FixedBase and
// saferith modulus, and shared inputs, from many goroutines at once. Under
// -race it fails if any of them reaches a saferith operation that writes to
// its operands (see shared.go).
func TestSharedValuesConcurrently(t *testing.T) {
	const workers = 4
	m := saferith.ModulusFromNat(natFromBig(p1024))
	o, err := NewOddModulus(m)
	require.NoError(t, err)
	crt, err := NewCRT(m, saferith.ModulusFromUint64(1_000_000_007))
	require.NoError(t, err)
	pq := new(big.Int).Mul(p1024, big.NewInt(1_000_000_007))

	xb, err := rand.Int(rand.Reader, p1024)
	require.NoError(t, err)
	x := natFromBig(xb)
	e := intFromBig(big.NewInt(-65537))
	eAbs := new(saferith.Nat).SetUint64(65537)
	wantExp := new(big.Int).Exp(xb, big.NewInt(-65537), p1024)
	wantPos := new(big.Int).Exp(xb, big.NewInt(65537), p1024)
	yb := new(big.Int).Sub(pq, big.NewInt(12345))
	y := natFromBig(yb)

	cases := []struct {
		name string
		run  func() error
	}{
		{"Exp/ExpInt", func() error {
			if o.Exp(x, eAbs).Big().Cmp(wantPos) != 0 || o.ExpInt(x, e).Big().Cmp(wantExp) != 0 {
				return fmt.Errorf("wrong power")
			}
			return nil
		}},
		{"Exp2", func() error {
			got := o.Exp2(x, e, x, intFromBig(big.NewInt(65537)))
			if got.Big().Cmp(big.NewInt(1)) != 0 {
				return fmt.Errorf("x^−e·x^e ≠ 1")
			}
			return nil
		}},
		{"CRT", func() error {
			xp, xq := crt.Split(y)
			if crt.Combine(xp, xq).Big().Cmp(yb) != 0 {
				return fmt.Errorf("CRT round trip differs")
			}
			return nil
		}},
		{"samplers", func() error {
			if _, err := SampleNat(rand.Reader, m); err != nil {
				return err
			}
			if _, err := SampleUnit(rand.Reader, o.Modulus()); err != nil {
				return err
			}
			_, err := SampleIntScaled(rand.Reader, 8, m)
			return err
		}},
		{"comparisons", func() error {
			if !NatInRangeVarTime(x, m) || NatInRangeVarTime(y, m) {
				return fmt.Errorf("NatInRangeVarTime is wrong")
			}
			if Less(x, m) != 1 || Equal(x, x) != 1 || Equal(x, y) != 0 {
				return fmt.Errorf("Less or Equal is wrong")
			}
			return nil
		}},
	}
	if fb, err := o.NewFixedBase(x, 64); err == nil {
		cases = append(cases, struct {
			name string
			run  func() error
		}{"FixedBase", func() error {
			got, err := fb.Exp(eAbs)
			if err != nil {
				return err
			}
			if got.Big().Cmp(wantPos) != 0 {
				return fmt.Errorf("fixed-base power differs")
			}
			return nil
		}})
	}

	start := make(chan struct{})
	var wg sync.WaitGroup
	errs := make([][workers]error, len(cases))
	for i, c := range cases {
		for w := range workers {
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
	require.Equal(t, xb, x.Big())
}

// TestGettersReturnCopies checks that writing to what a getter returned
// cannot reach the value it came from.
func TestGettersReturnCopies(t *testing.T) {
	m := saferith.ModulusFromNat(natFromBig(p1024))
	o, err := NewOddModulus(m)
	require.NoError(t, err)
	crt, err := NewCRT(m, saferith.ModulusFromUint64(1_000_000_007))
	require.NoError(t, err)
	long := new(saferith.Nat).Lsh(new(saferith.Nat).SetUint64(1), 3000, 3001)
	for _, got := range []*saferith.Modulus{o.Modulus(), crt.P(), crt.Q(), crt.Modulus(), CopyModulus(m)} {
		want := got.Bytes()
		long.CmpMod(got) // widens got's limbs in place
		require.Equal(t, want, got.Bytes())
	}
	require.NotSame(t, o.Modulus(), o.Modulus())
	require.Equal(t, p1024, o.Modulus().Big())
	require.Equal(t, p1024, crt.P().Big())
}
