package cggmp_test

import (
	"bytes"
	"crypto/rand"
	"errors"
	"fmt"

	"github.com/mosaic-mpc/mosaic/cggmp"
	"github.com/mosaic-mpc/mosaic/transport"
)

// Whoever requests a run (here, aux-info for parties 1, 2 and 3) draws a
// fresh nonce and sends it to every party with the request; each party
// derives the session id itself. The id binds the protocol and version,
// the parties and the nonce, so every party gets the same id and no two
// runs or protocols share one. PresignSessionID, FullSignSessionID and
// SignSessionID work the same way for the other runs (Example_fullPath
// uses all of them).
func ExampleAuxSessionID() {
	parties := []transport.PartyID{1, 2, 3}
	nonce := make([]byte, 32)
	if _, err := rand.Read(nonce); err != nil {
		panic(err)
	}

	at1, err := cggmp.AuxSessionID(parties, nonce)
	if err != nil {
		panic(err)
	}
	// Party 3 lists the parties in another order: the id is the same.
	at3, err := cggmp.AuxSessionID([]transport.PartyID{3, 1, 2}, nonce)
	if err != nil {
		panic(err)
	}
	fmt.Println("same id at every party:", bytes.Equal(at1, at3))
	fmt.Println("id bytes:", len(at1))

	// Another request, another nonce: another id.
	other := bytes.Clone(nonce)
	other[0] ^= 1
	again, err := cggmp.AuxSessionID(parties, other)
	if err != nil {
		panic(err)
	}
	fmt.Println("another nonce, same id:", bytes.Equal(at1, again))

	// A nonce shorter than NonceSize bytes is refused.
	_, err = cggmp.AuxSessionID(parties, nonce[:cggmp.NonceSize-1])
	fmt.Println("short nonce refused:", errors.Is(err, cggmp.ErrConfig))
	// Output:
	// same id at every party: true
	// id bytes: 32
	// another nonce, same id: false
	// short nonce refused: true
}
