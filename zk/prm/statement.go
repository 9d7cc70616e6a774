package prm

// Checks of the statement (N̂, s, t), shared by prover and verifier.
// Variable time: public values only.

import (
	"fmt"

	"github.com/cronokirby/saferith"

	"github.com/mosaic-mpc/mosaic/internal/bigint"
	"github.com/mosaic-mpc/mosaic/zk"
)

// checkStatement runs checkStatementRanges then checkStatementUnits.
func checkStatement(pub Public) error {
	if err := checkStatementRanges(pub); err != nil {
		return err
	}
	return checkStatementUnits(pub)
}

// checkStatementRanges checks sizes and ranges only (no arithmetic):
// MinModulusBits ≤ |N̂| ≤ MaxModulusBits, and s, t ∈ [2, N̂−2] with s ≠ t
// (0, 1 and N̂−1 generate trivial subgroups; s = t makes λ = 1 public).
func checkStatementRanges(pub Public) error {
	n := pub.N
	if n == nil || n.BitLen() < MinModulusBits || n.BitLen() > MaxModulusBits {
		return fmt.Errorf("%w: prm: modulus size outside [%d, %d] bits", zk.ErrOutOfRange, MinModulusBits, MaxModulusBits)
	}
	if pub.S == nil || pub.T == nil {
		return fmt.Errorf("%w: prm: missing s or t", zk.ErrMalformed)
	}
	for _, v := range []struct {
		name string
		x    *saferith.Nat
	}{{"s", pub.S}, {"t", pub.T}} {
		if !bigint.NatInRangeVarTime(v.x, n) {
			return fmt.Errorf("%w: prm: %s not below N", zk.ErrOutOfRange, v.name)
		}
		if isDegenerate(v.x, n) {
			return fmt.Errorf("%w: prm: %s ∈ {0, 1, N−1}", zk.ErrOutOfRange, v.name)
		}
	}
	if bigint.Equal(pub.S, pub.T) == 1 { // not Eq: it writes to both
		return fmt.Errorf("%w: prm: s = t", zk.ErrOutOfRange)
	}
	return nil
}

// checkStatementUnits checks that N̂ is odd and s, t ∈ Z*_N̂ (SECURITY.md case
// 8: gcd(s, N̂) > 1 is refused).
func checkStatementUnits(pub Public) error {
	if pub.N.Nat().Byte(0)&1 == 0 {
		return fmt.Errorf("%w: prm: N is even", zk.ErrVerify)
	}
	nNat := pub.N.Nat()
	if !bigint.GCDIsOneVarTime(pub.S, nNat) {
		return fmt.Errorf("%w: prm: gcd(s, N) ≠ 1", zk.ErrNotUnit)
	}
	if !bigint.GCDIsOneVarTime(pub.T, nNat) {
		return fmt.Errorf("%w: prm: gcd(t, N) ≠ 1", zk.ErrNotUnit)
	}
	return nil
}

// isDegenerate reports whether x ∈ {0, 1, N−1} for x < N.
func isDegenerate(x *saferith.Nat, n *saferith.Modulus) bool {
	if x.TrueLen() <= 1 { // 0 or 1
		return true
	}
	nm1 := new(saferith.Nat).Sub(n.Nat(), new(saferith.Nat).SetUint64(1), n.BitLen())
	return bigint.Equal(x, nm1) == 1
}
