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
		return fmt.Errorf("prm: modulus size outside [%d, %d] bits: %w", MinModulusBits, MaxModulusBits, zk.ErrOutOfRange)
	}
	if pub.S == nil || pub.T == nil {
		return fmt.Errorf("prm: missing s or t: %w", zk.ErrMalformed)
	}
	for _, v := range []struct {
		name string
		x    *saferith.Nat
	}{{"s", pub.S}, {"t", pub.T}} {
		if !bigint.NatInRangeVarTime(v.x, n) {
			return fmt.Errorf("prm: %s not below N: %w", v.name, zk.ErrOutOfRange)
		}
		if isDegenerate(v.x, n) {
			return fmt.Errorf("prm: %s ∈ {0, 1, N−1}: %w", v.name, zk.ErrOutOfRange)
		}
	}
	if bigint.Equal(pub.S, pub.T) == 1 { // not Eq: it writes to both
		return fmt.Errorf("prm: s = t: %w", zk.ErrOutOfRange)
	}
	return nil
}

// checkStatementUnits checks that N̂ is odd and s, t ∈ Z*_N̂ (SECURITY.md case
// 8: gcd(s, N̂) > 1 is refused).
func checkStatementUnits(pub Public) error {
	if pub.N.Nat().Byte(0)&1 == 0 {
		return fmt.Errorf("prm: N is even: %w", zk.ErrVerify)
	}
	nNat := pub.N.Nat()
	if !bigint.GCDIsOneVarTime(pub.S, nNat) {
		return fmt.Errorf("prm: gcd(s, N) ≠ 1: %w", zk.ErrNotUnit)
	}
	if !bigint.GCDIsOneVarTime(pub.T, nNat) {
		return fmt.Errorf("prm: gcd(t, N) ≠ 1: %w", zk.ErrNotUnit)
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
