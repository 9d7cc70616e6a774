package paillier_test

import (
	"context"
	"fmt"

	"github.com/cronokirby/saferith"

	"github.com/mosaic-mpc/mosaic/paillier"
)

func Example() {
	// Generate a 2048-bit key (two 1024-bit Blum safe primes, all cores).
	// Without the option the key is at paillier.DefaultLevel, 128-bit
	// security with a 3072-bit modulus, whose search takes a few times
	// longer.
	sk, err := paillier.GenerateKey(context.Background(), nil, paillier.WithLevel(paillier.Level112))
	if err != nil {
		panic(err)
	}
	pk := sk.PublicKey()

	// Encrypt 20 and -3, add them under encryption, multiply by 2.
	a, _, err := pk.Enc(nil, new(saferith.Int).SetUint64(20))
	if err != nil {
		panic(err)
	}
	b, _, err := pk.Enc(nil, new(saferith.Int).SetUint64(3).Neg(1))
	if err != nil {
		panic(err)
	}
	sum := pk.MulScalar(pk.Add(a, b), new(saferith.Int).SetUint64(2))

	// A peer receives the ciphertext as bytes and validates it on decode.
	received, err := pk.DecodeCiphertext(sum.Bytes())
	if err != nil {
		panic(err)
	}
	m, err := sk.Dec(received)
	if err != nil {
		panic(err)
	}
	level, err := paillier.LevelOf(pk.BitLen())
	if err != nil {
		panic(err)
	}
	fmt.Println(level, m.Big())
	// Output: 112-bit (2048-bit moduli) 34
}
