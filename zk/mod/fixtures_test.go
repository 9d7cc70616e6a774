package mod

import (
	"sync"
	"testing"

	"github.com/cronokirby/saferith"
	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/internal/testfixtures"
	"github.com/mosaic-mpc/mosaic/zk/internal/zktest"
)

// testKey returns the statement and witness for the 2048-bit Paillier
// fixture key i (internal/testfixtures: pre-generated Blum safe primes).
func testKey(t testing.TB, i int) (Public, Private) {
	t.Helper()
	sk := testfixtures.PaillierKey(t, i)
	require.Equal(t, 2048, sk.PublicKey().BitLen())
	return Public{N: sk.PublicKey().N()}, Private{P: sk.P(), Q: sk.Q()}
}

// natHex parses a hex constant of the tests.
func natHex(s string) *saferith.Nat {
	n, err := new(saferith.Nat).SetHex(s)
	if err != nil {
		panic(err)
	}
	return n
}

// shared caches one valid proof for fixture key 0 in session "s" from party
// 1 to party 2; the tamper tests clone it.
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
		p, err := NewProof(zktest.Transcript("s", 1, 2), pub, priv, nil)
		require.NoError(t, err)
		shared.proof = p
	}
	return pub, shared.proof.clone()
}

// clone returns a deep copy so tests can tamper freely.
func (p *Proof) clone() *Proof {
	c := &Proof{width: p.width, reps: make([]repetition, len(p.reps))}
	if p.w != nil {
		c.w = p.w.Clone()
	}
	for i, r := range p.reps {
		c.reps[i] = repetition{a: r.a, b: r.b}
		if r.x != nil {
			c.reps[i].x = r.x.Clone()
		}
		if r.z != nil {
			c.reps[i].z = r.z.Clone()
		}
	}
	return c
}
