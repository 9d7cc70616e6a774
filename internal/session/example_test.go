package session_test

import (
	"bytes"
	"fmt"

	"github.com/mosaic-mpc/mosaic/internal/session"
)

// Two parties on different versions of one protocol derive the same
// session id from the same request, so the round framework sees the other
// version at the first message and names the peer with both versions.
func Example() {
	nonce := bytes.Repeat([]byte{0x42}, session.MinNonce) // agreed beforehand
	derive := func(protocol string) []byte {
		tr, err := session.Start(protocol, nonce)
		if err != nil {
			panic(err)
		}
		tr.AppendUint64("t", 2)
		return session.Finish(tr, nonce)
	}
	fmt.Println(bytes.Equal(derive("mosaic/dkg/v2"), derive("mosaic/dkg/v3")))
	fmt.Println(bytes.Equal(derive("mosaic/dkg/v2"), derive("mosaic/refresh/v2")))
	// Output:
	// true
	// false
}
