package ot

import (
	"encoding/binary"
	"fmt"

	"github.com/gtank/ristretto255"
)

// Message tags: the first byte of every encoding, so that one message type
// can never be decoded as another.
const (
	tagSetupRequest  byte = 0x01
	tagSetupResponse byte = 0x02
	tagExtend        byte = 0x03
)

const pointSize = 32

// SetupRequestSize and SetupResponseSize are the exact encoded sizes of the
// two base-OT messages.
const (
	SetupRequestSize  = 1 + Kappa*2*pointSize
	SetupResponseSize = 1 + Kappa*pointSize
)

// SetupRequest is the base-OT receiver's message (sent by the extension
// sender): for each of the κ base OTs the pair (r0, r1) of Masny–Rindal.
// Build one with NewSender or ParseSetupRequest.
type SetupRequest struct {
	r [][2]*ristretto255.Element
}

// SetupResponse is the base-OT sender's message (sent by the extension
// receiver): for each base OT its key-agreement message B = b·G. Build one
// with Receiver.Setup or ParseSetupResponse.
type SetupResponse struct {
	b []*ristretto255.Element
}

// ExtendMessage is the extension receiver's one message of a KOS15 batch:
// the κ columns u^i, and the check values x̃ and t̃^1 … t̃^κ of KOS15
// Fig. 10.
type ExtendMessage struct {
	batch   uint64
	count   int
	columns [][]byte
	xCheck  [checkBytes]byte
	tCheck  [][checkBytes]byte
}

// ExtendMessageSize returns the encoded size of an ExtendMessage for count
// OTs, or 0 if count is not a valid batch size.
func ExtendMessageSize(count int) int {
	if validCount(count) != nil {
		return 0
	}
	return 1 + 8 + 4 + Kappa*rowBytes(count) + checkBytes + Kappa*checkBytes
}

func validCount(count int) error {
	if count <= 0 || count > MaxOTs || count%8 != 0 {
		return fmt.Errorf("%w: %d OTs (want a positive multiple of 8 up to %d)", ErrMalformed, count, MaxOTs)
	}
	return nil
}

// rowBytes is the byte length of one column: ℓ' bits.
func rowBytes(count int) int { return extendedRows(count) / 8 }

func encodePoint(e *ristretto255.Element) []byte { return e.Encode(make([]byte, 0, pointSize)) }

// decodePoint accepts only the canonical encoding of a non-identity
// element.
func decodePoint(b []byte) (*ristretto255.Element, error) {
	e := ristretto255.NewElement()
	if err := e.Decode(b); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrMalformed, err)
	}
	if e.Equal(ristretto255.NewElement().Zero()) == 1 {
		return nil, fmt.Errorf("%w: identity element", ErrMalformed)
	}
	return e, nil
}

// MarshalBinary encodes the request: a tag, then r0 and r1 of each base OT.
func (m *SetupRequest) MarshalBinary() ([]byte, error) {
	if m == nil || len(m.r) != Kappa {
		return nil, fmt.Errorf("%w: empty setup request", ErrMalformed)
	}
	out := make([]byte, 0, SetupRequestSize)
	out = append(out, tagSetupRequest)
	for _, pair := range m.r {
		out = pair[0].Encode(out)
		out = pair[1].Encode(out)
	}
	return out, nil
}

// ParseSetupRequest decodes a request strictly: exact size, tag, and every
// element canonical and not the identity.
func ParseSetupRequest(b []byte) (*SetupRequest, error) {
	if len(b) != SetupRequestSize || b[0] != tagSetupRequest {
		return nil, fmt.Errorf("%w: setup request of %d bytes", ErrMalformed, len(b))
	}
	m := &SetupRequest{r: make([][2]*ristretto255.Element, Kappa)}
	for i := range Kappa {
		for k := range 2 {
			off := 1 + (2*i+k)*pointSize
			e, err := decodePoint(b[off : off+pointSize])
			if err != nil {
				return nil, fmt.Errorf("setup request, base OT %d: %w", i, err)
			}
			m.r[i][k] = e
		}
	}
	return m, nil
}

// MarshalBinary encodes the response: a tag, then B of each base OT.
func (m *SetupResponse) MarshalBinary() ([]byte, error) {
	if m == nil || len(m.b) != Kappa {
		return nil, fmt.Errorf("%w: empty setup response", ErrMalformed)
	}
	out := make([]byte, 0, SetupResponseSize)
	out = append(out, tagSetupResponse)
	for _, e := range m.b {
		out = e.Encode(out)
	}
	return out, nil
}

// ParseSetupResponse decodes a response strictly: exact size, tag, and
// every element canonical and not the identity.
func ParseSetupResponse(b []byte) (*SetupResponse, error) {
	if len(b) != SetupResponseSize || b[0] != tagSetupResponse {
		return nil, fmt.Errorf("%w: setup response of %d bytes", ErrMalformed, len(b))
	}
	m := &SetupResponse{b: make([]*ristretto255.Element, Kappa)}
	for i := range Kappa {
		off := 1 + i*pointSize
		e, err := decodePoint(b[off : off+pointSize])
		if err != nil {
			return nil, fmt.Errorf("setup response, base OT %d: %w", i, err)
		}
		m.b[i] = e
	}
	return m, nil
}

// MarshalBinary encodes the message: a tag, the batch number (8 bytes), the
// count (4 bytes), the κ columns, x̃, and t̃ of each column.
func (m *ExtendMessage) MarshalBinary() ([]byte, error) {
	if m == nil || validCount(m.count) != nil || len(m.columns) != Kappa || len(m.tCheck) != Kappa {
		return nil, fmt.Errorf("%w: empty extension message", ErrMalformed)
	}
	out := make([]byte, 0, ExtendMessageSize(m.count))
	out = append(out, tagExtend)
	out = binary.BigEndian.AppendUint64(out, m.batch)
	out = binary.BigEndian.AppendUint32(out, uint32(m.count))
	for _, col := range m.columns {
		if len(col) != rowBytes(m.count) {
			return nil, fmt.Errorf("%w: column of %d bytes", ErrMalformed, len(col))
		}
		out = append(out, col...)
	}
	out = append(out, m.xCheck[:]...)
	for _, t := range m.tCheck {
		out = append(out, t[:]...)
	}
	return out, nil
}

// ParseExtendMessage decodes an extension message strictly: tag, a count
// that is a positive multiple of 8 up to MaxOTs, and exactly the size that
// count implies. The batch number and count are checked against the
// sender's expectations by Sender.Extend.
func ParseExtendMessage(b []byte) (*ExtendMessage, error) {
	if len(b) < 1+8+4 || b[0] != tagExtend {
		return nil, fmt.Errorf("%w: extension message of %d bytes", ErrMalformed, len(b))
	}
	batch := binary.BigEndian.Uint64(b[1:9])
	count32 := binary.BigEndian.Uint32(b[9:13])
	if count32 > MaxOTs {
		return nil, fmt.Errorf("%w: %d OTs", ErrMalformed, count32)
	}
	count := int(count32)
	if err := validCount(count); err != nil {
		return nil, err
	}
	if len(b) != ExtendMessageSize(count) {
		return nil, fmt.Errorf("%w: extension message of %d bytes for %d OTs", ErrMalformed, len(b), count)
	}
	m := &ExtendMessage{batch: batch, count: count, columns: make([][]byte, Kappa), tCheck: make([][checkBytes]byte, Kappa)}
	n, off := rowBytes(count), 13
	for i := range Kappa {
		m.columns[i] = append([]byte(nil), b[off:off+n]...)
		off += n
	}
	off += copy(m.xCheck[:], b[off:])
	for i := range Kappa {
		off += copy(m.tCheck[i][:], b[off:])
	}
	return m, nil
}
