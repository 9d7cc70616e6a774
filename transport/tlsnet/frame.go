package tlsnet

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"slices"

	"github.com/mosaic-mpc/mosaic/transport"
)

// A frame is a 4-byte big-endian length followed by that many bytes of
// transport.Message.MarshalBinary. The length is checked against
// transport.MaxMessageSize before anything is read or allocated.
const (
	frameHeader = 4
	// MaxFrame is the largest frame body accepted.
	MaxFrame = transport.MaxMessageSize
	// readChunk bounds each allocation while a frame body is read, so a
	// peer announcing a large frame and sending little costs little.
	readChunk = 64 << 10
)

// writeFrame writes the frame of an encoded message body to w.
func writeFrame(w io.Writer, body []byte) error {
	var hdr [frameHeader]byte
	binary.BigEndian.PutUint32(hdr[:], uint32(len(body)))
	if _, err := w.Write(hdr[:]); err != nil {
		return err
	}
	_, err := w.Write(body)
	return err
}

// readFrame reads one frame body from r into buf (reused when large
// enough) and returns it. io.EOF means the stream ended cleanly between
// frames.
func readFrame(r io.Reader, buf []byte) ([]byte, error) {
	var hdr [frameHeader]byte
	if _, err := io.ReadFull(r, hdr[:]); err != nil {
		if errors.Is(err, io.ErrUnexpectedEOF) {
			return nil, fmt.Errorf("%w: %w", ErrTruncatedFrame, err)
		}
		return nil, err
	}
	size := binary.BigEndian.Uint32(hdr[:])
	switch {
	case size > MaxFrame:
		return nil, fmt.Errorf("%w: %d bytes announced, limit %d", ErrFrameTooLarge, size, MaxFrame)
	case size == 0:
		return nil, fmt.Errorf("%w: empty frame", ErrBadFrame)
	}
	n := int(size)
	if cap(buf) >= n {
		buf = buf[:n]
		if _, err := io.ReadFull(r, buf); err != nil {
			return nil, truncated(err)
		}
		return buf, nil
	}
	buf = buf[:0]
	for len(buf) < n {
		k := min(n-len(buf), readChunk)
		buf = slices.Grow(buf, k)[:len(buf)+k]
		if _, err := io.ReadFull(r, buf[len(buf)-k:]); err != nil {
			return nil, truncated(err)
		}
	}
	return buf, nil
}

func truncated(err error) error {
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return fmt.Errorf("%w: %w", ErrTruncatedFrame, io.ErrUnexpectedEOF)
	}
	return err
}

// decodeFrame decodes a frame body received from the authenticated peer
// from by party self, and checks that the peer speaks only for itself and
// only to self (or to everyone). A body in another wire version is an
// error holding a *transport.VersionError that names from.
func decodeFrame(body []byte, from, self transport.PartyID) (*transport.Message, error) {
	var m transport.Message
	if err := m.UnmarshalBinary(body); err != nil {
		var ve *transport.VersionError
		if errors.As(err, &ve) {
			named := *ve
			named.Peer = from
			err = &named
		}
		return nil, fmt.Errorf("%w: %w", ErrBadFrame, err)
	}
	if m.From != from {
		return nil, fmt.Errorf("%w: party %d sent a message from %d", ErrSpoofed, from, m.From)
	}
	if m.To != 0 && m.To != self {
		return nil, fmt.Errorf("%w: party %d sent party %d a message for %d", ErrMisrouted, from, self, m.To)
	}
	return &m, nil
}
