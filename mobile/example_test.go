package mobile_test

import (
	"crypto/ed25519"
	"fmt"

	"github.com/mosaic-mpc/mosaic/mobile"
)

// Three devices make a 2-of-3 Ed25519 key, and two of them sign; the
// apps' Transport here is an in-memory hub.
func Example() {
	cfgs, err := configs(2, 3)
	if err != nil {
		fmt.Println(err)
		return
	}
	h := newHub(3)
	nodes := make([]*mobile.Node, 4)
	shares := make([]*mobile.Share, 4)
	for i := 1; i <= 3; i++ {
		if nodes[i], err = mobile.NewNode(cfgs[i-1], &endpoint{h: h, self: i}); err != nil {
			fmt.Println(err)
			return
		}
	}
	err = all([]int{1, 2, 3}, func(self int) error {
		var err error
		shares[self], err = nodes[self].KeyGen("edwards25519", nil)
		return err
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	msg := []byte("pay 5 to Bob")
	sigs := make([][]byte, 4)
	err = all([]int{1, 3}, func(self int) error {
		var err error
		sigs[self], err = nodes[self].SignFROST(shares[self], "ed25519", "1,3", msg, nil)
		return err
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("verified:", ed25519.Verify(shares[2].GroupKey(), msg, sigs[1]))
	// Output:
	// verified: true
}
