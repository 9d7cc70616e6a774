package dkg

import (
	"crypto/subtle"
	"errors"
	"fmt"
	"io"
	"slices"

	"github.com/mosaic-mpc/mosaic/internal/transcript"
	"github.com/mosaic-mpc/mosaic/transport"
)

// The chain-code agreement of the package documentation ("Chain code"):
// commit to c_i in round 1 (the commitment follows σ_i, which binds it),
// reveal c_i in round 3 after the complaint list, and hash every checked
// reveal.

// contributionSize is the length of c_i; commitmentSize of H(c_i).
const (
	contributionSize = 32
	commitmentSize   = 32
)

// ErrBadChainCode means a chain-code reveal that is malformed or does not
// open the sender's round-1 commitment.
var ErrBadChainCode = errors.New("dkg: chain code reveal does not match its commitment")

// chainCodeState is a party's part of the chain-code agreement.
type chainCodeState struct {
	own     []byte                       // c_self, secret until round 3
	commits map[transport.PartyID][]byte // round-1 commitments, self included
	reveals map[transport.PartyID][]byte // checked contributions, self included
}

// commitChainCode draws this party's contribution and returns its
// commitment.
func (st *state) commitChainCode(rand io.Reader) ([]byte, error) {
	own := make([]byte, contributionSize)
	if _, err := io.ReadFull(rand, own); err != nil {
		return nil, fmt.Errorf("dkg: reading randomness: %w", err)
	}
	cm := st.chainCodeCommitment(st.cfg.Self, own)
	st.cc = chainCodeState{
		own:     own,
		commits: map[transport.PartyID][]byte{st.cfg.Self: cm},
		reveals: map[transport.PartyID][]byte{st.cfg.Self: own},
	}
	return cm, nil
}

// chainCodeCommitment is H(session, party, c): the party id keeps a party
// from copying another's commitment and reveal as its own.
func (st *state) chainCodeCommitment(party transport.PartyID, contribution []byte) []byte {
	t := transcript.New(Protocol + "/chain-code-commitment")
	t.AppendBytes("session", st.cfg.SessionID)
	t.AppendUint64("party", uint64(party))
	t.AppendBytes("contribution", contribution)
	return t.ChallengeBytes("commitment", commitmentSize)
}

// splitReveal splits a round-3 payload into the complaint list and the
// chain-code reveal at its end.
func splitReveal(b []byte) (complaints, reveal []byte, err error) {
	if len(b) < contributionSize {
		return nil, nil, fmt.Errorf("%w: payload of %d bytes", ErrBadChainCode, len(b))
	}
	return b[:len(b)-contributionSize], b[len(b)-contributionSize:], nil
}

// acceptReveal checks party j's reveal against its round-1 commitment.
func (st *state) acceptReveal(j transport.PartyID, reveal []byte) error {
	want := st.chainCodeCommitment(j, reveal)
	if subtle.ConstantTimeCompare(want, st.cc.commits[j]) != 1 {
		return ErrBadChainCode
	}
	st.cc.reveals[j] = slices.Clone(reveal)
	return nil
}

// chainCode combines every party's checked contribution.
func (st *state) chainCode() []byte {
	t := transcript.New(Protocol + "/chain-code")
	t.AppendBytes("session", st.cfg.SessionID)
	t.AppendUint64("n", uint64(len(st.parties)))
	for _, j := range st.parties {
		t.AppendUint64("party", uint64(j))
		t.AppendBytes("contribution", st.cc.reveals[j])
	}
	return t.ChallengeBytes("chain code", ChainCodeSize)
}
