package bls

import (
	circl "github.com/cloudflare/circl/ecc/bls12381"
)

// pairingProductIsOne reports whether Π e(g1s[i], g2s[i]) is the identity
// of GT: one multi-Miller loop and one final exponentiation. Public values
// only.
func pairingProductIsOne(g1s []*circl.G1, g2s []*circl.G2) bool {
	signs := make([]int, len(g1s))
	for i := range signs {
		signs[i] = 1
	}
	return circl.ProdPairFrac(g1s, g2s, signs).IsIdentity()
}

// negG1Generator returns −G1, so e(−G1, σ)·e(pk, H(m)) = 1 checks
// e(G1, σ) = e(pk, H(m)).
func negG1Generator() *circl.G1 {
	g := circl.G1Generator()
	g.Neg()
	return g
}
