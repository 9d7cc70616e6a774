package party_test

import (
	"context"
	"fmt"

	"github.com/mosaic-mpc/mosaic/examples/web/party"
)

// Three parties, in one process here, meet at a relay: they run both key
// generations and the two signers make a FROST Ed25519 signature, which
// each signer checks with crypto/ed25519 before it returns it.
func Example() {
	n, err := newNetwork()
	if err != nil {
		fmt.Println(err)
		return
	}
	defer n.srv.Close()
	sigs := make(chan *party.Signature, 3)
	err = n.each(func(p *party.Party) error {
		if _, _, err := p.DKG(context.Background()); err != nil {
			return err
		}
		if !p.IsSigner() {
			return nil
		}
		sig, err := p.Frost(context.Background(), "ed25519", party.Ed25519Message)
		sigs <- sig
		return err
	})
	close(sigs)
	if err != nil {
		fmt.Println(err)
		return
	}
	for sig := range sigs {
		fmt.Printf("%s signature of %d bytes, verified\n", sig.Scheme, len(sig.Signature))
	}
	// Output:
	// ed25519 signature of 64 bytes, verified
	// ed25519 signature of 64 bytes, verified
}
