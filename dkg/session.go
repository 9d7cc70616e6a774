package dkg

import (
	"errors"
	"fmt"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/internal/session"
	"github.com/mosaic-mpc/mosaic/transport"
)

// NonceSize is the minimum length of the fresh session nonce.
const NonceSize = session.MinNonce

// ErrConfig reports a bad local configuration.
var ErrConfig = errors.New("dkg: invalid configuration")

// SessionID derives the id of one key generation run from everything that
// defines it: the protocol, the curve, the ordered party set, the threshold
// and a fresh random nonce that all parties agreed on beforehand (for
// example, chosen by whoever requests the key and sent with the request).
// Every proof and share of the run is bound to it, so nothing from one run
// is accepted in another. The id binds the protocol's family, not its
// version, so that a peer on another version of the protocol is named with
// both versions at its first message rather than timing out
// (internal/session explains why).
func SessionID(protocol string, c curve.Curve, parties []transport.PartyID, t int, nonce []byte) ([]byte, error) {
	if c == nil {
		return nil, fmt.Errorf("%w: no curve", ErrConfig)
	}
	tr, err := session.Start(protocol, nonce)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrConfig, err)
	}
	tr.AppendBytes("curve", []byte(c.Name()))
	if err := session.AppendParties(tr, "party", parties); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrConfig, err)
	}
	tr.AppendUint64("t", uint64(t))
	return session.Finish(tr, nonce), nil
}
