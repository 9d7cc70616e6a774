package bigint

import "github.com/cronokirby/saferith"

// saferith and sharing.
//
// saferith writes to its operands, not only to its receiver: Nat.Cmp,
// CmpMod, Eq, Add, Sub, Mul, Lsh, Rsh and CondAssign resize and mask the
// limbs of their arguments in place (and Int.Eq, Int.Mul, Int.CheckInRange
// and Modulus.Cmp through them), and ModSqrt and ModInverse do so to an
// even modulus. The write happens even when no bit changes, and sometimes
// replaces the limb slice of the operand outright, so using a value that
// other goroutines also use as such an operand is a data race. A shared
// value (a key's modulus, CRT constants, a curve order) is therefore only
// ever passed to operations that merely read their arguments: Mod, ModAdd,
// ModSub, ModNeg, ModMul, Exp, ModInverse modulo an odd modulus, IsUnit,
// Coprime, SetNat, Clone, Bytes, FillBytes, Big, TrueLen, EqZero and
// Modulus.Nat; everything else works on private copies (Clone,
// Modulus.Nat, CopyModulus), one per call rather than one per operation.

// CopyModulus returns a private copy of m, which the caller may pass to any
// saferith operation.
func CopyModulus(m *saferith.Modulus) *saferith.Modulus {
	return saferith.ModulusFromNat(m.Nat())
}

// Equal returns 1 if x = y, in time that depends only on their announced
// lengths. Unlike Nat.Eq it writes to neither operand, so both may be shared
// with other goroutines.
func Equal(x, y *saferith.Nat) saferith.Choice {
	return x.Clone().Eq(y.Clone())
}

// Less returns 1 if x < m, in time that depends only on the announced length
// of x and the size of m. Unlike Nat.CmpMod it writes to neither operand.
func Less(x *saferith.Nat, m *saferith.Modulus) saferith.Choice {
	_, _, lt := x.Clone().Cmp(m.Nat())
	return lt
}
