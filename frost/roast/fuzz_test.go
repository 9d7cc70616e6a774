package roast_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/frost"
	"github.com/mosaic-mpc/mosaic/frost/roast"
)

// Fuzz targets for every decoder and for both machines' Receive
// (SECURITY.md rules 1 and 9): nothing panics, and whatever decodes
// re-encodes to the same bytes, so every message has one encoding.

func fuzzSuite(s uint8) suiteCase { return suiteCases[int(s)%len(suiteCases)] }

func addSeeds(f *testing.F) {
	for i, sc := range suiteCases {
		req, first, answer := sampleMessages(f, sc)
		for _, b := range [][]byte{req, first, answer} {
			f.Add(b, uint8(i))
		}
	}
	f.Add([]byte{}, uint8(0))
	f.Add([]byte{roast.FormatVersion, 2, 1, 'r', 0, 0, 0, 1}, uint8(1))
}

func FuzzDecodeRequest(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, b []byte, s uint8) {
		sc := fuzzSuite(s)
		r, err := roast.DecodeRequest(sc.suite, b)
		if err != nil {
			require.ErrorIs(t, err, roast.ErrInvalidMessage)
			return
		}
		require.NotZero(t, r.Session)
		require.Equal(t, b, marshal(t, r))
	})
}

func FuzzDecodeResponse(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, b []byte, s uint8) {
		sc := fuzzSuite(s)
		r, err := roast.DecodeResponse(sc.suite, b)
		if err != nil {
			require.ErrorIs(t, err, roast.ErrInvalidMessage)
			return
		}
		require.Equal(t, r.Session == 0, r.Share == nil)
		require.Equal(t, b, marshal(t, r))
	})
}

// FuzzCoordinatorReceive feeds a coordinator a sequence of messages cut
// from the fuzz input, each from a signer the input picks, after the
// honest first messages of signers 1 and 2 (which start a session). The
// coordinator must never panic, name a signer only for a message that
// signer sent, and keep within n − t + 1 sessions.
func FuzzCoordinatorReceive(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, b []byte, s uint8) {
		sc := fuzzSuite(s)
		fx := newFixture(t, sc, 2, 3, nil)
		outs := fx.start(t, 1, 2)
		require.Len(t, outs, 2)
		sent := map[frost.Identifier][][]byte{}
		for len(b) > 0 && !fx.coord.Done() {
			from := mustID(t, uint64(b[0]%4)+1) // 4 is not a signer
			n := 1
			if len(b) > 1 {
				n = int(b[1]) + 1
			}
			b = b[min(2, len(b)):]
			msg := b[:min(n, len(b))]
			b = b[len(msg):]
			sent[from] = append(sent[from], msg)
			_, _ = fx.coord.Receive(from, msg)
		}
		require.LessOrEqual(t, fx.coord.Sessions(), 2)
		for _, fault := range fx.coord.Faults() {
			require.Contains(t, sent[fault.Party], fault.Message, "signer %s named for a message it did not send", fault.Party)
			require.Error(t, fault.Err)
		}
	})
}

// FuzzSignerReceive feeds a signer arbitrary requests: it never panics,
// and whatever it answers is a well-formed response for the run.
func FuzzSignerReceive(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, b []byte, s uint8) {
		sc := fuzzSuite(s)
		fx := newFixture(t, sc, 2, 3, nil)
		for _, id := range fx.keys.pub.Identifiers() {
			resp, err := fx.signers[id].Receive(b)
			if err != nil {
				continue
			}
			enc := marshal(t, resp)
			back, err := roast.DecodeResponse(sc.suite, enc)
			require.NoError(t, err)
			require.Equal(t, fx.runID, back.RunID)
			require.Equal(t, id, back.Next.Identifier())
		}
	})
}
