package tlsnet

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"

	"github.com/mosaic-mpc/mosaic/transport"
)

// A frame is a 4-byte big-endian length followed by that many bytes of
// transport.Message.MarshalBinary. The length is checked against
// transport.MaxMessageSize before anything is read or allocated.
const (
	frameHeader = 4
	// MaxFrame is the largest frame body accepted.
	MaxFrame = transport.MaxMessageSize
	// readChunk is the first allocation for a frame body larger than the
	// connection's buffer; later ones double it (readFrame).
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
// enough) and returns it. A frame whose size admit refuses is read past
// without being kept: readFrame then returns a nil body and skipped true.
// io.EOF means the stream ended cleanly between frames.
func readFrame(r io.Reader, buf []byte, admit func(size int) bool) (body []byte, skipped bool, err error) {
	var hdr [frameHeader]byte
	if _, err := io.ReadFull(r, hdr[:]); err != nil {
		if errors.Is(err, io.ErrUnexpectedEOF) {
			return nil, false, fmt.Errorf("%w: %w", ErrTruncatedFrame, err)
		}
		return nil, false, err
	}
	size := binary.BigEndian.Uint32(hdr[:])
	switch {
	case size > MaxFrame:
		return nil, false, fmt.Errorf("%w: %d bytes announced, limit %d", ErrFrameTooLarge, size, MaxFrame)
	case size == 0:
		return nil, false, fmt.Errorf("%w: empty frame", ErrBadFrame)
	}
	n := int(size)
	if !admit(n) {
		// io.Discard reads through a small pooled buffer.
		if _, err := io.CopyN(io.Discard, r, int64(n)); err != nil {
			return nil, false, truncated(err)
		}
		return nil, true, nil
	}
	if cap(buf) >= n {
		buf = buf[:n]
		if _, err := io.ReadFull(r, buf); err != nil {
			return nil, false, truncated(err)
		}
		return buf, false, nil
	}
	// The buffer grows as the bytes arrive, doubling, so that a peer that
	// announces a large frame and sends little costs little, and a large
	// frame costs at most twice its size in allocations.
	buf = buf[:0]
	for len(buf) < n {
		if len(buf) == cap(buf) {
			grown := make([]byte, len(buf), min(n, max(2*cap(buf), readChunk)))
			copy(grown, buf)
			buf = grown
		}
		k := len(buf)
		buf = buf[:cap(buf)]
		if _, err := io.ReadFull(r, buf[k:]); err != nil {
			return nil, false, truncated(err)
		}
	}
	return buf, false, nil
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
