package complaint

import (
	"encoding/binary"
	"errors"
	"fmt"
	"maps"
	"slices"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/transport"
)

// ErrMalformed means a complaint list or a reveal that does not decode.
// A Book's errors also wrap the sentinel of the package that uses it.
var ErrMalformed = errors.New("complaint: malformed complaint list or reveal")

// idSize is the encoded size of a party id; countSize of a list's count.
const (
	idSize    = 4
	countSize = 2
)

// EncodeList encodes a complaint list: the accused parties, in strictly
// increasing order.
func EncodeList(accused []transport.PartyID) []byte {
	out := binary.BigEndian.AppendUint16(make([]byte, 0, countSize+idSize*len(accused)), uint16(len(accused)))
	for _, id := range accused {
		out = binary.BigEndian.AppendUint32(out, uint32(id))
	}
	return out
}

// DecodeList parses sender's complaint list: a count no larger than
// accusable, exactly that many ids, in strictly increasing order, each one
// of accusable and none the sender.
func DecodeList(b []byte, accusable []transport.PartyID, sender transport.PartyID) ([]transport.PartyID, error) {
	if len(b) < countSize {
		return nil, fmt.Errorf("%w: complaint list of %d bytes", ErrMalformed, len(b))
	}
	n := int(binary.BigEndian.Uint16(b))
	if n > len(accusable) || len(b) != countSize+idSize*n {
		return nil, fmt.Errorf("%w: complaint list of %d bytes announcing %d ids", ErrMalformed, len(b), n)
	}
	out := make([]transport.PartyID, n)
	for i := range out {
		out[i] = transport.PartyID(binary.BigEndian.Uint32(b[countSize+idSize*i:]))
		switch {
		case i > 0 && out[i] <= out[i-1]:
			return nil, fmt.Errorf("%w: complaint ids not strictly increasing", ErrMalformed)
		case out[i] == sender:
			return nil, fmt.Errorf("%w: complaint names its sender", ErrMalformed)
		case !transport.Contains(accusable, out[i]):
			return nil, fmt.Errorf("%w: complaint names %d, who cannot be accused", ErrMalformed, out[i])
		}
	}
	return out, nil
}

// EncodeReveal encodes a reveal: for each accuser, in the given (strictly
// increasing) order, accuser(4) || value(accuser).
func EncodeReveal(accusers []transport.PartyID, value func(accuser transport.PartyID) []byte) []byte {
	var out []byte
	for _, a := range accusers {
		out = binary.BigEndian.AppendUint32(out, uint32(a))
		out = append(out, value(a)...)
	}
	return out
}

// DecodeReveal parses a reveal that must hold one value for each of
// accusers (strictly increasing), in that order, each a canonical scalar
// of c. The size is checked first, so a reveal with a record missing or
// added is refused before any record is read.
func DecodeReveal(c curve.Curve, b []byte, accusers []transport.PartyID) (map[transport.PartyID]curve.Scalar, error) {
	rec := idSize + c.ScalarSize()
	if len(b) != rec*len(accusers) {
		return nil, fmt.Errorf("%w: reveal of %d bytes for %d accusers", ErrMalformed, len(b), len(accusers))
	}
	out := make(map[transport.PartyID]curve.Scalar, len(accusers))
	for k, a := range accusers {
		r := b[k*rec : (k+1)*rec]
		if got := transport.PartyID(binary.BigEndian.Uint32(r)); got != a {
			return nil, fmt.Errorf("%w: reveal record %d is for party %d, not %d", ErrMalformed, k, got, a)
		}
		v, err := c.DecodeScalar(r[idSize:])
		if err != nil {
			return nil, fmt.Errorf("%w: value revealed to %d: %w", ErrMalformed, a, err)
		}
		out[a] = v
	}
	return out, nil
}

// CheckShares is GJKR step 1(b) at this party: the secret share each
// sender of in sent it in a direct message must be a canonical scalar of
// c that check accepts (check verifies it against the sender's public
// commitment). Accepted shares are stored in accepted; the senders of the
// others are returned, in increasing order: this party's complaints.
func CheckShares(c curve.Curve, in *transport.Inbox, check func(from transport.PartyID, share curve.Scalar) error, accepted map[transport.PartyID]curve.Scalar) (accused []transport.PartyID) {
	for _, j := range in.Senders() {
		s, err := c.DecodeScalar(in.Direct(j))
		if err == nil {
			err = check(j, s)
		}
		if err != nil {
			accused = append(accused, j)
			continue
		}
		accepted[j] = s
	}
	return accused
}

// Book records the complaints of one run: who accuses whom. The zero
// value is not usable; NewBook makes one.
type Book struct {
	accusable []transport.PartyID // sorted
	bad       error
	by        map[transport.PartyID][]transport.PartyID // accuser → accused, non-empty
}

// NewBook returns an empty Book in which only parties of accusable may be
// accused. Every error of Read wraps bad, the sentinel of the package that
// uses the Book, as well as ErrMalformed.
func NewBook(accusable []transport.PartyID, bad error) *Book {
	return &Book{
		accusable: transport.SortedCopy(accusable),
		bad:       bad,
		by:        make(map[transport.PartyID][]transport.PartyID),
	}
}

// Add records this party's own complaints, against the parties of accused
// (strictly increasing, each accusable, never accuser).
func (b *Book) Add(accuser transport.PartyID, accused []transport.PartyID) {
	if len(accused) > 0 {
		b.by[accuser] = slices.Clone(accused)
	}
}

// Read decodes sender's broadcast complaint list (DecodeList) and records
// it; an error records nothing.
func (b *Book) Read(sender transport.PartyID, list []byte) error {
	accused, err := DecodeList(list, b.accusable, sender)
	if err != nil {
		return fmt.Errorf("%w: %w", b.bad, err)
	}
	b.Add(sender, accused)
	return nil
}

// ReadAll reads the complaint list that every sender of in broadcast
// (Read), and blames each sender whose list is malformed.
func (b *Book) ReadAll(in *transport.Inbox) *transport.Blame {
	var blame transport.Blame
	for _, j := range in.Senders() {
		blame.Add(j, b.Read(j, in.Broadcast(j)))
	}
	return &blame
}

// Empty reports whether nobody complained.
func (b *Book) Empty() bool { return len(b.by) == 0 }

// By returns, in increasing order, the parties that accuser accuses.
func (b *Book) By(accuser transport.PartyID) []transport.PartyID { return slices.Clone(b.by[accuser]) }

// Accusers returns, in increasing order, the parties that accuse accused.
func (b *Book) Accusers(accused transport.PartyID) []transport.PartyID {
	var out []transport.PartyID
	for _, a := range slices.Sorted(maps.Keys(b.by)) {
		if slices.Contains(b.by[a], accused) {
			out = append(out, a)
		}
	}
	return out
}

// Reveal is accused's reveal (EncodeReveal): for each party that accuses
// it, the value sent(accuser) that accused sent that party.
func (b *Book) Reveal(accused transport.PartyID, sent func(accuser transport.PartyID) []byte) []byte {
	return EncodeReveal(b.Accusers(accused), sent)
}

// Reveals gathers the reveals of a round in which accused parties reveal
// (GJKR step 1(c)): self's own reveal, own, and every sender's broadcast
// in in.
func Reveals(in *transport.Inbox, self transport.PartyID, own []byte) map[transport.PartyID][]byte {
	reveals := map[transport.PartyID][]byte{self: own}
	for _, j := range in.Senders() {
		reveals[j] = in.Broadcast(j)
	}
	return reveals
}

// Verdict is what Judge decides.
type Verdict struct {
	upheld   map[transport.PartyID]error
	revealed map[transport.PartyID]map[transport.PartyID]curve.Scalar // accuser → accused → checked value
}

// Upheld returns, for each accused party whose reveal settled not every
// complaint against it, why; nil if every complaint was settled. Each
// error names the accuser and wraps what DecodeReveal or the check
// returned.
func (v *Verdict) Upheld() map[transport.PartyID]error { return v.upheld }

// To returns the checked values revealed to accuser, by the party that
// revealed each (the shares the accuser adopts).
func (v *Verdict) To(accuser transport.PartyID) map[transport.PartyID]curve.Scalar {
	return v.revealed[accuser]
}

// Judge decides every complaint of the book (GJKR step 1(d)): the reveal
// of each accused party, reveals[accused], must decode (DecodeReveal,
// values of c) to one value per accuser, and check must accept each of
// them: check(accused, accuser, value) verifies the value against the
// accused party's public commitment at the accuser's point. Every honest
// party that judges the same echo-checked reveals reaches the same
// Verdict.
func (b *Book) Judge(c curve.Curve, reveals map[transport.PartyID][]byte, check func(accused, accuser transport.PartyID, value curve.Scalar) error) *Verdict {
	v := &Verdict{revealed: make(map[transport.PartyID]map[transport.PartyID]curve.Scalar)}
	accused := map[transport.PartyID]bool{}
	for _, list := range b.by {
		for _, j := range list {
			accused[j] = true
		}
	}
	for _, j := range slices.Sorted(maps.Keys(accused)) {
		accusers := b.Accusers(j)
		values, err := DecodeReveal(c, reveals[j], accusers)
		if err != nil {
			v.uphold(j, fmt.Errorf("%w: %w", b.bad, err))
			continue
		}
		for _, a := range accusers {
			if err := check(j, a, values[a]); err != nil {
				v.uphold(j, fmt.Errorf("complaint by %d: %w", a, err))
				continue
			}
			if v.revealed[a] == nil {
				v.revealed[a] = make(map[transport.PartyID]curve.Scalar)
			}
			v.revealed[a][j] = values[a]
		}
	}
	return v
}

// uphold records err against accused, joining it to any earlier one.
func (v *Verdict) uphold(accused transport.PartyID, err error) {
	if v.upheld == nil {
		v.upheld = make(map[transport.PartyID]error)
	}
	v.upheld[accused] = errors.Join(v.upheld[accused], err)
}
