package complaint

import (
	"encoding/binary"
	"errors"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/transport"
)

var errBad = errors.New("the caller's sentinel")

func ids(v ...uint32) []transport.PartyID {
	out := make([]transport.PartyID, len(v))
	for i, id := range v {
		out[i] = transport.PartyID(id)
	}
	return out
}

func TestDecodeList(t *testing.T) {
	accusable := ids(1, 2, 5)
	tests := []struct {
		name   string
		b      []byte
		sender transport.PartyID
		want   []transport.PartyID // nil: refused
	}{
		{"empty list", EncodeList(nil), 2, []transport.PartyID{}},
		{"two accused", EncodeList(ids(1, 5)), 2, ids(1, 5)},
		{"no count", nil, 2, nil},
		{"one byte", []byte{0}, 2, nil},
		{"count larger than the parties", []byte{0, 4}, 2, nil},
		{"count without ids", []byte{0, 1}, 2, nil},
		{"trailing byte", append(EncodeList(ids(1)), 0), 2, nil},
		{"the sender itself", EncodeList(ids(2)), 2, nil},
		{"a party that cannot be accused", EncodeList(ids(3)), 2, nil},
		{"decreasing", EncodeList(ids(5, 1)), 2, nil},
		{"repeated", EncodeList(ids(1, 1)), 2, nil},
		{"id 0", EncodeList(ids(0)), 2, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := DecodeList(tc.b, accusable, tc.sender)
			if tc.want == nil {
				require.ErrorIs(t, err, ErrMalformed)
				return
			}
			require.NoError(t, err)
			require.Equal(t, tc.want, got)
			require.Equal(t, tc.b, EncodeList(got))
		})
	}
}

func TestDecodeReveal(t *testing.T) {
	c := curve.Edwards25519()
	value := func(a transport.PartyID) []byte { return c.ScalarFromUint64(uint64(a) * 10).Bytes() }
	good := EncodeReveal(ids(1, 4), value)
	record := func(id uint32, v []byte) []byte { return append(binary.BigEndian.AppendUint32(nil, id), v...) }
	tests := []struct {
		name     string
		b        []byte
		accusers []transport.PartyID
		ok       bool
	}{
		{"both records", good, ids(1, 4), true},
		{"nothing to reveal", nil, nil, true},
		{"a record missing", good[:len(good)/2], ids(1, 4), false},
		{"a record too many", good, ids(1), false},
		{"out of order", append(record(4, value(4)), record(1, value(1))...), ids(1, 4), false},
		{"for another party", append(record(1, value(1)), record(3, value(4))...), ids(1, 4), false},
		{"a truncated value", good[:len(good)-1], ids(1, 4), false},
		{"a non-canonical scalar", append(record(1, value(1)), record(4, bytesOf(0xff, c.ScalarSize()))...), ids(1, 4), false},
		{"empty for an accuser", nil, ids(1), false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := DecodeReveal(c, tc.b, tc.accusers)
			if !tc.ok {
				require.ErrorIs(t, err, ErrMalformed)
				return
			}
			require.NoError(t, err)
			require.Len(t, got, len(tc.accusers))
			for _, a := range tc.accusers {
				require.Equal(t, value(a), got[a].Bytes())
			}
		})
	}
}

func bytesOf(b byte, n int) []byte {
	out := make([]byte, n)
	for i := range out {
		out[i] = b
	}
	return out
}

func TestBook(t *testing.T) {
	c := curve.Secp256k1()
	book := NewBook(ids(1, 2, 3, 4), errBad)
	require.True(t, book.Empty())
	require.NoError(t, book.Read(1, EncodeList(nil)), "an empty list records nothing")
	require.True(t, book.Empty())

	err := book.Read(2, EncodeList(ids(2)))
	require.ErrorIs(t, err, errBad)
	require.ErrorIs(t, err, ErrMalformed)
	require.True(t, book.Empty(), "a refused list records nothing")

	require.NoError(t, book.Read(1, EncodeList(ids(3, 4))))
	book.Add(2, ids(3))
	require.False(t, book.Empty())
	require.Equal(t, ids(1, 2), book.Accusers(3))
	require.Equal(t, ids(1), book.Accusers(4))
	require.Equal(t, ids(3, 4), book.By(1))
	require.Empty(t, book.By(3))
	require.Empty(t, book.Accusers(1))

	// Dealer 3 sent the value 100+j to party j; dealer 4 reveals a wrong
	// value to party 1.
	sent := func(dealer transport.PartyID) func(transport.PartyID) []byte {
		return func(j transport.PartyID) []byte { return c.ScalarFromUint64(uint64(dealer)*100 + uint64(j)).Bytes() }
	}
	check := func(accused, accuser transport.PartyID, v curve.Scalar) error {
		if !v.Equal(c.ScalarFromUint64(uint64(accused)*100 + uint64(accuser))) {
			return errors.New("does not match")
		}
		return nil
	}
	reveals := map[transport.PartyID][]byte{
		3: book.Reveal(3, sent(3)),
		4: EncodeReveal(ids(1), func(transport.PartyID) []byte { return c.ScalarFromUint64(7).Bytes() }),
	}
	v := book.Judge(c, reveals, check)
	require.Equal(t, []transport.PartyID{4}, keys(v.Upheld()))
	require.ErrorContains(t, v.Upheld()[4], "complaint by 1")
	require.Equal(t, sent(3)(1), v.To(1)[3].Bytes())
	require.Equal(t, sent(3)(2), v.To(2)[3].Bytes())
	require.NotContains(t, v.To(1), transport.PartyID(4), "a failing value is not adopted")

	// Missing and malformed reveals uphold every complaint against their
	// senders, with the caller's sentinel.
	v = book.Judge(c, map[transport.PartyID][]byte{3: reveals[3][:5]}, check)
	require.Equal(t, []transport.PartyID{3, 4}, keys(v.Upheld()))
	for _, err := range v.Upheld() {
		require.ErrorIs(t, err, errBad)
	}
}

func keys(m map[transport.PartyID]error) []transport.PartyID {
	var out []transport.PartyID
	for k := range m {
		out = append(out, k)
	}
	return transport.SortedCopy(out)
}
