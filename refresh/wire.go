package refresh

import (
	"encoding/binary"
	"fmt"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/transport"
)

// Control messages shared by refresh, reshare and repair: complaint lists
// and reveals. Both are decoded strictly (sizes first, canonical order, no
// unknown parties), since they come from peers.

// encodeIDs encodes a sorted list of party ids as count(2) || id(4)...
func encodeIDs(ids []transport.PartyID) []byte {
	out := binary.BigEndian.AppendUint16(make([]byte, 0, 2+4*len(ids)), uint16(len(ids)))
	for _, id := range ids {
		out = binary.BigEndian.AppendUint32(out, uint32(id))
	}
	return out
}

// decodeIDs parses a complaint list from sender: strictly increasing ids,
// each one of allowed and none the sender itself.
func decodeIDs(b []byte, allowed []transport.PartyID, sender transport.PartyID) ([]transport.PartyID, error) {
	if len(b) < 2 {
		return nil, fmt.Errorf("%w: complaint of %d bytes", ErrBadComplaint, len(b))
	}
	n := int(binary.BigEndian.Uint16(b))
	if n > len(allowed) || len(b) != 2+4*n {
		return nil, fmt.Errorf("%w: complaint of %d bytes announcing %d ids", ErrBadComplaint, len(b), n)
	}
	out := make([]transport.PartyID, n)
	for i := range out {
		out[i] = transport.PartyID(binary.BigEndian.Uint32(b[2+4*i:]))
		switch {
		case !transport.Contains(allowed, out[i]):
			return nil, fmt.Errorf("%w: complaint names %d, who cannot be accused", ErrBadComplaint, out[i])
		case out[i] == sender:
			return nil, fmt.Errorf("%w: complaint names its sender", ErrBadComplaint)
		case i > 0 && out[i] <= out[i-1]:
			return nil, fmt.Errorf("%w: complaint ids not strictly increasing", ErrBadComplaint)
		}
	}
	return out, nil
}

// reveal is one record of a reveal payload: the secret value the revealing
// party sent to accuser, made public to settle the accuser's complaint.
type reveal struct {
	accuser transport.PartyID
	value   []byte
}

// encodeReveals encodes records as (accuser(4) || value) in the given
// (increasing accuser) order.
func encodeReveals(recs []reveal) []byte {
	var out []byte
	for _, r := range recs {
		out = binary.BigEndian.AppendUint32(out, uint32(r.accuser))
		out = append(out, r.value...)
	}
	return out
}

// findReveal extracts and decodes the value revealed for accuser from a
// reveal payload of (accuser(4) || scalar) records.
func findReveal(c curve.Curve, payload []byte, accuser transport.PartyID) (curve.Scalar, error) {
	rec := 4 + c.ScalarSize()
	if len(payload)%rec != 0 {
		return nil, fmt.Errorf("%w: reveal of %d bytes", ErrBadComplaint, len(payload))
	}
	for off := 0; off < len(payload); off += rec {
		if transport.PartyID(binary.BigEndian.Uint32(payload[off:])) == accuser {
			return c.DecodeScalar(payload[off+4 : off+rec])
		}
	}
	return nil, fmt.Errorf("%w: no reveal for party %d", ErrBadComplaint, accuser)
}

// accusersOf lists, in increasing order, the parties whose complaint names
// accused.
func accusersOf(complaints map[transport.PartyID][]transport.PartyID, order []transport.PartyID, accused transport.PartyID) []transport.PartyID {
	var out []transport.PartyID
	for _, p := range order {
		if transport.Contains(complaints[p], accused) {
			out = append(out, p)
		}
	}
	return out
}
