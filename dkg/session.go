package dkg

import (
	"errors"
	"fmt"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/internal/transcript"
	"github.com/mosaic-mpc/mosaic/transport"
)

// NonceSize is the minimum length of the fresh session nonce.
const NonceSize = 16

// ErrConfig reports a bad local configuration.
var ErrConfig = errors.New("dkg: invalid configuration")

// SessionID derives the id of one key generation run from everything that
// defines it: the protocol, the curve, the ordered party set, the threshold
// and a fresh random nonce that all parties agreed on beforehand (for
// example, chosen by whoever requests the key and sent with the request).
// Every proof and share of the run is bound to it, so nothing from one run
// is accepted in another.
func SessionID(protocol string, c curve.Curve, parties []transport.PartyID, t int, nonce []byte) ([]byte, error) {
	if err := transport.ValidateParties(parties); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrConfig, err)
	}
	if len(nonce) < NonceSize {
		return nil, fmt.Errorf("%w: nonce of %d bytes, want at least %d", ErrConfig, len(nonce), NonceSize)
	}
	tr := transcript.New("mosaic/session-id/v1")
	tr.AppendBytes("protocol", []byte(protocol))
	tr.AppendBytes("curve", []byte(c.Name()))
	tr.AppendUint64("n", uint64(len(parties)))
	for _, p := range transport.SortedCopy(parties) {
		tr.AppendUint64("party", uint64(p))
	}
	tr.AppendUint64("t", uint64(t))
	tr.AppendBytes("nonce", nonce)
	return tr.ChallengeBytes("sid", 32), nil
}
