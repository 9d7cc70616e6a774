package prm

import (
	"fmt"
	"math/big"
	"sync"
	"testing"

	"github.com/cronokirby/saferith"
	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/internal/testfixtures"
	"github.com/mosaic-mpc/mosaic/zk/internal/zktest"
)

// testKey returns ring-Pedersen parameters made by paillier's
// GeneratePedersen (t = τ², s = t^λ) from the 2048-bit Paillier fixture key i
// (internal/testfixtures), with a fixed randomness stream so that every test
// process, fuzzing workers included, gets the same parameters.
func testKey(t testing.TB, i int) (Public, Private) {
	t.Helper()
	sk := testfixtures.PaillierKey(t, i)
	pp, lambda, err := sk.GeneratePedersen(zktest.Seeded(fmt.Sprintf("prm fixture %d", i)))
	require.NoError(t, err)
	require.Equal(t, 2048, pp.BitLen())
	return Public{N: pp.N(), S: pp.S(), T: pp.T()}, Private{P: sk.P(), Q: sk.Q(), Lambda: lambda}
}

func toNat(x *big.Int) *saferith.Nat { return new(saferith.Nat).SetBytes(x.Bytes()) }

// shared caches one valid proof for fixture 0 in session "s" from party 1,
// broadcast (verifier 0); the tamper tests clone it.
var shared struct {
	sync.Mutex
	proof *Proof
}

func validProof(t testing.TB) (Public, *Proof) {
	t.Helper()
	pub, priv := testKey(t, 0)
	shared.Lock()
	defer shared.Unlock()
	if shared.proof == nil {
		p, err := NewProof(zktest.Transcript("s", 1, 0), pub, priv, nil)
		require.NoError(t, err)
		shared.proof = p
	}
	return pub, shared.proof.clone()
}

func (p *Proof) clone() *Proof {
	c := &Proof{width: p.width, a: make([]*saferith.Nat, len(p.a)), z: make([]*saferith.Nat, len(p.z))}
	for i, x := range p.a {
		if x != nil {
			c.a[i] = x.Clone()
		}
	}
	for i, x := range p.z {
		if x != nil {
			c.z[i] = x.Clone()
		}
	}
	return c
}
