package dkg

import (
	"encoding/binary"
	"errors"
	"fmt"
	"slices"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/transport"
)

// round4: collect the accused parties' reveals; the verdict waits for
// round 5 so that the reveals themselves are echo-checked first.
type round4 struct{ st *state }

func (r *round4) Number() int               { return 4 }
func (r *round4) Expects() transport.Expect { return transport.Expect{Broadcast: true} }

func (r *round4) Finalize(in *transport.Inbox) ([]*transport.Message, transport.Round[*KeyShare], **KeyShare, error) {
	st := r.st
	if st.deferred != nil {
		st.forgetDealt()
		return nil, nil, nil, st.deferred
	}
	reveals := map[transport.PartyID][]byte{st.cfg.Self: st.ownReveal()}
	for _, j := range in.Senders() {
		reveals[j] = in.Broadcast(j)
	}
	st.forgetDealt()
	return []*transport.Message{{}}, &round5{st: st, reveals: reveals}, nil, nil
}

// round5 only exists so the framework echo-checks round 4's reveals before
// the verdict.
type round5 struct {
	st      *state
	reveals map[transport.PartyID][]byte
}

func (r *round5) Number() int               { return 5 }
func (r *round5) Expects() transport.Expect { return transport.Expect{Broadcast: true} }

func (r *round5) Finalize(*transport.Inbox) ([]*transport.Message, transport.Round[*KeyShare], **KeyShare, error) {
	st := r.st
	culprits, err := st.judge(r.reveals)
	if len(culprits) > 0 {
		return nil, nil, nil, transport.NewAbortError(Protocol, 4, "share complaint upheld", err, culprits...)
	}
	ks, err := st.output()
	if err != nil {
		return nil, nil, nil, err
	}
	return nil, nil, &ks, nil
}

// ownReveal is this party's round-4 payload: the shares it dealt to the
// parties that accused it, as (id(4) || share) records.
func (st *state) ownReveal() []byte {
	var reveal []byte
	for _, accuser := range st.parties {
		if slices.Contains(st.complaints[accuser], st.cfg.Self) {
			reveal = binary.BigEndian.AppendUint32(reveal, uint32(accuser))
			reveal = append(reveal, st.sentShare(accuser)...)
		}
	}
	return reveal
}

// judge decides every complaint from the public reveals, as in Gennaro,
// Jarecki, Krawczyk and Rabin's DKG: an accused party whose revealed share
// is missing or fails its commitment is disqualified; a valid reveal settles
// the complaint, and the accuser adopts the revealed share. (It only
// discloses the accuser's own share, which a false accuser knew anyway.)
// Every honest party reaches the same verdict from the same echo-checked
// data.
func (st *state) judge(reveals map[transport.PartyID][]byte) ([]transport.PartyID, error) {
	c := st.cfg.Curve
	blamed := map[transport.PartyID]bool{}
	var reasons []error
	for _, accuser := range st.parties {
		for _, accused := range st.complaints[accuser] {
			share, err := findReveal(c, reveals[accused], accuser)
			if err == nil {
				err = st.commitments[accused].Verify(st.idScalar(accuser), share)
			}
			if err != nil {
				blamed[accused] = true
				reasons = append(reasons, fmt.Errorf("party %d: %w (complaint by %d): %w", accused, ErrBadShare, accuser, err))
				continue
			}
			if accuser == st.cfg.Self {
				st.received[accused] = share
			}
		}
	}
	var culprits []transport.PartyID
	for id := range blamed {
		culprits = append(culprits, id)
	}
	slices.Sort(culprits)
	return culprits, errors.Join(reasons...)
}

// findReveal extracts the share revealed for accuser from a reveal payload
// of (id(4) || share) records.
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

// encodeIDs encodes a sorted list of party ids as count(2) || id(4)...
func encodeIDs(ids []transport.PartyID) []byte {
	out := binary.BigEndian.AppendUint16(nil, uint16(len(ids)))
	for _, id := range ids {
		out = binary.BigEndian.AppendUint32(out, uint32(id))
	}
	return out
}

// decodeIDs parses a complaint list: strictly increasing ids of parties
// other than the sender.
func decodeIDs(b []byte, parties []transport.PartyID, sender transport.PartyID) ([]transport.PartyID, error) {
	if len(b) < 2 {
		return nil, ErrBadComplaint
	}
	n := int(binary.BigEndian.Uint16(b))
	if len(b) != 2+4*n || n > len(parties) {
		return nil, ErrBadComplaint
	}
	out := make([]transport.PartyID, n)
	for i := range out {
		out[i] = transport.PartyID(binary.BigEndian.Uint32(b[2+4*i:]))
		if !transport.Contains(parties, out[i]) || out[i] == sender || (i > 0 && out[i] <= out[i-1]) {
			return nil, ErrBadComplaint
		}
	}
	return out, nil
}
