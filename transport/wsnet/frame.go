package wsnet

import (
	"crypto/ecdh"
	"crypto/hkdf"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"io"

	"golang.org/x/crypto/chacha20poly1305"

	"github.com/mosaic-mpc/mosaic/transport"
)

// hello is the body of a client's first frame.
const hello = "mosaic-wsnet/1"

// headerSize is the frame header: recipient and sender.
const headerSize = 8

// MaxFrameSize is the largest frame a client or the relay reads: the
// largest message encoding plus the header and the sealing overhead.
const MaxFrameSize = headerSize + chacha20poly1305.NonceSizeX + transport.MaxMessageSize + chacha20poly1305.Overhead

// keyInfo separates the direct-message key from any other use of the
// X25519 secret.
const keyInfo = "mosaic/wsnet/v1 direct-message key"

// header returns the frame header for to and from.
func header(to, from transport.PartyID) []byte {
	h := make([]byte, headerSize, headerSize+64)
	binary.BigEndian.PutUint32(h[0:4], uint32(to))
	binary.BigEndian.PutUint32(h[4:8], uint32(from))
	return h
}

// parseHeader splits a frame into recipient, sender and body.
func parseHeader(frame []byte) (to, from transport.PartyID, body []byte, err error) {
	if len(frame) < headerSize {
		return 0, 0, nil, fmt.Errorf("%w: frame of %d bytes", ErrFrame, len(frame))
	}
	if len(frame) > MaxFrameSize {
		return 0, 0, nil, fmt.Errorf("%w: frame of %d bytes exceeds %d", ErrFrame, len(frame), MaxFrameSize)
	}
	to = transport.PartyID(binary.BigEndian.Uint32(frame[0:4]))
	from = transport.PartyID(binary.BigEndian.Uint32(frame[4:8]))
	return to, from, frame[headerSize:], nil
}

// pairKey derives the key that seals the direct messages between self
// and peer, in both directions (the associated data tells them apart).
func pairKey(own *ecdh.PrivateKey, peer *ecdh.PublicKey, self, other transport.PartyID) ([]byte, error) {
	shared, err := own.ECDH(peer)
	if err != nil {
		return nil, fmt.Errorf("%w: X25519 with party %d: %w", ErrConfig, other, err)
	}
	defer clear(shared)
	lo, hi := self, other
	if hi < lo {
		lo, hi = hi, lo
	}
	info := binary.BigEndian.AppendUint32([]byte(keyInfo), uint32(lo))
	info = binary.BigEndian.AppendUint32(info, uint32(hi))
	return hkdf.Key(sha256.New, shared, nil, string(info), chacha20poly1305.KeySize)
}

// sealFrame returns the frame of a direct message: header, nonce, and the
// encoding sealed under key with the header as associated data.
func sealFrame(key []byte, to, from transport.PartyID, enc []byte, rand io.Reader) ([]byte, error) {
	aead, err := chacha20poly1305.NewX(key)
	if err != nil {
		return nil, err
	}
	frame := header(to, from)
	nonce := make([]byte, chacha20poly1305.NonceSizeX)
	if _, err := io.ReadFull(rand, nonce); err != nil {
		return nil, fmt.Errorf("wsnet: nonce: %w", err)
	}
	frame = append(frame, nonce...)
	return aead.Seal(frame, nonce, enc, frame[:headerSize]), nil
}

// openFrame opens the body of a direct-message frame.
func openFrame(key, frame []byte) ([]byte, error) {
	aead, err := chacha20poly1305.NewX(key)
	if err != nil {
		return nil, err
	}
	body := frame[headerSize:]
	if len(body) < chacha20poly1305.NonceSizeX+chacha20poly1305.Overhead {
		return nil, fmt.Errorf("%w: sealed body of %d bytes", ErrFrame, len(body))
	}
	nonce, sealed := body[:chacha20poly1305.NonceSizeX], body[chacha20poly1305.NonceSizeX:]
	enc, err := aead.Open(nil, nonce, sealed, frame[:headerSize])
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrSeal, err)
	}
	return enc, nil
}
