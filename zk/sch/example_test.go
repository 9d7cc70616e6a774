package sch_test

import (
	"crypto/rand"
	"fmt"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/internal/transcript"
	"github.com/mosaic-mpc/mosaic/zk"
	"github.com/mosaic-mpc/mosaic/zk/sch"
)

// CGGMP21 key generation: party 2 commits to A in round 1 and answers the
// challenge in round 3, once the joint randomness rid is known.
func Example() {
	c := curve.Secp256k1()
	x, err := c.RandomScalar(rand.Reader)
	if err != nil {
		panic(err)
	}
	pub := sch.Public{X: c.ScalarBaseMult(x)}

	com, err := sch.Commit(c, nil) // nil: crypto/rand
	if err != nil {
		panic(err)
	}
	announced := com.A // goes into round 1's commitment

	round3 := func() *transcript.Transcript {
		t := transcript.New("mosaic/example/keygen")
		zk.BindContext(t, []byte("session-1"), 2, 0)
		t.AppendBytes("rid", []byte("joint randomness"))
		return t
	}
	proof, err := sch.ProveWithCommitment(round3(), pub, sch.Private{X: x}, com)
	if err != nil {
		panic(err)
	}
	wire, _ := proof.MarshalBinary()

	received, err := sch.DecodeProof(c, wire)
	if err != nil {
		panic(err)
	}
	fmt.Println("verified:", received.VerifyWithCommitment(round3(), pub, announced))

	_, err = sch.ProveWithCommitment(round3(), pub, sch.Private{X: x}, com)
	fmt.Println("second use:", err)
	// Output:
	// verified: <nil>
	// second use: sch: commitment already used
}
