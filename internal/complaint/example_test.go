package complaint_test

import (
	"errors"
	"fmt"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/internal/complaint"
	"github.com/mosaic-mpc/mosaic/transport"
)

// The sentinels of the protocol package using the Book.
var (
	errBadComplaint = errors.New("malformed complaint")
	errBadShare     = errors.New("share does not match the dealer's commitment")
)

// Party 1 accuses dealer 3, whose share failed its check. Dealer 3 reveals
// the share it sent party 1; everyone checks it against dealer 3's
// commitment. Here the reveal is good: the complaint is settled and party
// 1 adopts the revealed share.
func Example() {
	c := curve.Secp256k1()
	parties := []transport.PartyID{1, 2, 3}
	share := c.ScalarFromUint64(42) // what dealer 3 sent party 1, checkable against its commitment

	book := complaint.NewBook(parties, errBadComplaint)
	// Party 1's broadcast complaint list, as every party reads it.
	if err := book.Read(1, complaint.EncodeList([]transport.PartyID{3})); err != nil {
		panic(err)
	}
	fmt.Println("accusers of 3:", book.Accusers(3))

	// Dealer 3's reveal, and the verdict on it.
	reveal := book.Reveal(3, func(transport.PartyID) []byte { return share.Bytes() })
	check := func(accused, accuser transport.PartyID, v curve.Scalar) error {
		if !v.Equal(share) { // really: the accused's Feldman commitment at the accuser's point
			return errBadShare
		}
		return nil
	}
	v := book.Judge(c, map[transport.PartyID][]byte{3: reveal}, check)
	fmt.Println("upheld:", len(v.Upheld()))
	fmt.Println("party 1 adopts the revealed share:", v.To(1)[3].Equal(share))

	// A reveal that leaves the accuser out upholds the complaint.
	v = book.Judge(c, map[transport.PartyID][]byte{3: nil}, check)
	fmt.Println("empty reveal upheld against 3:", errors.Is(v.Upheld()[3], errBadComplaint))
	// Output:
	// accusers of 3: [1]
	// upheld: 0
	// party 1 adopts the revealed share: true
	// empty reveal upheld against 3: true
}
