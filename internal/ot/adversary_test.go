package ot

import (
	"crypto/rand"
	"testing"

	"github.com/stretchr/testify/require"
)

// cheatingExtend is a malicious extension receiver: it builds column
// flipColumn of u with the choice bit of row flipRow flipped, so that its
// choices are inconsistent across columns (the selective-failure attack of
// KOS15 on IKNP), computes the check values honestly over what it sent, and
// then adds χ_row·(guess·e_column) to t̃, betting that Δ_column = guess.
// It passes the check exactly when the bet is right.
func cheatingExtend(t *testing.T, r *Receiver, count, flipColumn, flipRow int, guess byte) *ExtendMessage {
	t.Helper()
	x, err := randomBytes(rand.Reader, rowBytes(count))
	require.NoError(t, err)
	batch := r.batch
	msg := &ExtendMessage{batch: batch, count: count, columns: make([][]byte, Kappa)}
	tColumns := make([][]byte, Kappa)
	for i := range Kappa {
		tc := expandColumn(r.sess, &r.keys[i][0], batch, i, count)
		u := expandColumn(r.sess, &r.keys[i][1], batch, i, count)
		xorInto(u, tc)
		xorInto(u, x)
		if i == flipColumn {
			u[flipRow/8] ^= 1 << (flipRow % 8)
		}
		tColumns[i], msg.columns[i] = tc, u
	}
	chi := checkChallenges(r.sess, batch, count, msg.columns)
	msg.xCheck = compress(chi, x).bytes()
	msg.tCheck = make([][checkBytes]byte, Kappa)
	for i, tc := range tColumns {
		msg.tCheck[i] = compress(chi, tc).bytes()
	}
	// The flip adds Δ_column·ê to the sender's q̃ of that column, where ê
	// compresses the flipped bit; the cheater adds guess·ê to its t̃.
	e := make([]byte, rowBytes(count))
	e[flipRow/8] = 1 << (flipRow % 8)
	if guess == 1 {
		msg.tCheck[flipColumn] = gfFromBytes(msg.tCheck[flipColumn][:]).add(compress(chi, e)).bytes()
	}
	r.batch++
	return msg
}

// A receiver that uses inconsistent choice bits in one column to learn a
// bit of Δ is caught by the KOS15 consistency check whenever its bet on
// that bit is wrong, and the sender then refuses the setup for good. (When
// the bet is right the check passes: that is the one bit per batch of
// leakage KOS15's analysis accounts for, and a failed check ends the
// setup, so the receiver cannot go on probing.)
func TestSelectiveFailure_InconsistentChoiceColumnIsCaught(t *testing.T) {
	caught, passed := 0, 0
	for trial := range 16 {
		for _, guess := range []byte{0, 1} {
			s, r := runSetup(t, testSession("selective failure"))
			column, row := (trial*37)%Kappa, (trial*71)%extendedRows(256)
			msg := cheatingExtend(t, r, 256, column, row, guess)
			_, err := s.Extend(roundTripExtend(t, msg), 256)
			if guess == bit(s.delta[:], column) {
				require.NoError(t, err, "a right bet passes (the inherent one-bit leak)")
				passed++
				continue
			}
			require.ErrorIs(t, err, ErrConsistencyCheck)
			var pe *PeerError
			require.ErrorAs(t, err, &pe)
			require.Equal(t, r.sess.Receiver, pe.Party, "the receiver is named")
			caught++
			// The sender never runs again after a failed check.
			msg2, _, err := r.Extend(nil, 256, rand.Reader)
			require.NoError(t, err)
			_, err = s.Extend(msg2, 256)
			require.ErrorIs(t, err, ErrAborted)
		}
	}
	// Each run has a fresh Δ, so which bets fail is random; both kinds
	// must have occurred (all 32 on one side has probability 2^-31).
	require.Equal(t, 32, caught+passed)
	require.Positive(t, caught)
	require.Positive(t, passed)
}

// A receiver that sends check values of its own making, or flips any bit
// of the message after computing them, is caught.
func TestSelectiveFailure_TamperedCheckValuesAreCaught(t *testing.T) {
	for _, tc := range []struct {
		name   string
		tamper func(m *ExtendMessage)
	}{
		{"x check", func(m *ExtendMessage) { m.xCheck[3] ^= 0x10 }},
		{"t check", func(m *ExtendMessage) { m.tCheck[100][31] ^= 0x80 }},
		{"column bit", func(m *ExtendMessage) { m.columns[5][7] ^= 0x01 }},
		{"padding row", func(m *ExtendMessage) { m.columns[127][len(m.columns[127])-1] ^= 0x40 }},
		{"swapped t checks", func(m *ExtendMessage) { m.tCheck[0], m.tCheck[1] = m.tCheck[1], m.tCheck[0] }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, r := runSetup(t, testSession("tamper"))
			msg, _, err := r.Extend(nil, 64, rand.Reader)
			require.NoError(t, err)
			tc.tamper(msg)
			_, err = s.Extend(msg, 64)
			require.ErrorIs(t, err, ErrConsistencyCheck)
		})
	}
}

// Messages recorded in one session are useless in another: the setup
// response and extension message of session A, replayed to the sender of
// session B (same parties), fail the consistency check; so do session A's
// messages replayed with the roles of the pair swapped.
func TestReplay_SetupFromAnotherSessionFails(t *testing.T) {
	sessA := testSession("session A")
	sA, reqA, err := NewSender(sessA, rand.Reader)
	require.NoError(t, err)
	rA, err := NewReceiver(sessA)
	require.NoError(t, err)
	recordedResp, err := rA.Setup(reqA, rand.Reader)
	require.NoError(t, err)
	require.NoError(t, sA.FinishSetup(recordedResp))
	msgA, roA, err := rA.Extend(nil, 128, rand.Reader)
	require.NoError(t, err)
	soA, err := sA.Extend(msgA, 128)
	require.NoError(t, err)
	requireCorrelated(t, soA, roA)

	for _, sessB := range []Session{
		testSession("session B"),
		{ID: sessA.ID, Sender: sessA.Receiver, Receiver: sessA.Sender},
		{ID: sessA.ID, Sender: sessA.Sender, Receiver: 3},
	} {
		// The attacker replays session A's recorded response and
		// extension message to B's sender.
		sB, _, err := NewSender(sessB, rand.Reader)
		require.NoError(t, err)
		require.NoError(t, sB.FinishSetup(recordedResp))
		_, err = sB.Extend(msgA, 128)
		require.ErrorIs(t, err, ErrConsistencyCheck, "recorded: session %q, pair (%d, %d)", sessB.ID, sessB.Sender, sessB.Receiver)

		// An attacker that answers B's fresh request itself, but under
		// session A's binding, then sends A's recorded extension.
		sB, reqB, err := NewSender(sessB, rand.Reader)
		require.NoError(t, err)
		rA2, err := NewReceiver(sessA)
		require.NoError(t, err)
		respA, err := rA2.Setup(reqB, rand.Reader)
		require.NoError(t, err)
		require.NoError(t, sB.FinishSetup(respA))
		_, err = sB.Extend(msgA, 128)
		require.ErrorIs(t, err, ErrConsistencyCheck, "re-bound: session %q, pair (%d, %d)", sessB.ID, sessB.Sender, sessB.Receiver)
	}

	// Within one session, a replayed batch is refused by its number.
	_, err = sA.Extend(msgA, 128)
	require.ErrorIs(t, err, ErrState)
}
