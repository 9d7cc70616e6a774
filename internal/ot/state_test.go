package ot

import (
	"bytes"
	"crypto/rand"
	"encoding"
	"encoding/binary"
	"testing"

	"github.com/stretchr/testify/require"
)

// forkCount is the batch size of the fork tests: one DKLs23 multiplication.
const forkCount = 512

// fixedRand returns a reader of the same bytes every time, so that two
// receivers given it pad their extensions alike.
func fixedRand() *bytes.Reader {
	return bytes.NewReader(bytes.Repeat([]byte{0x5a, 0xc3, 0x17}, 4096))
}

// encodeStates marshals both sides of a setup.
func encodeStates(t testing.TB, s *Sender, r *Receiver) (sb, rb []byte) {
	t.Helper()
	sb, err := s.MarshalBinary()
	require.NoError(t, err)
	rb, err = r.MarshalBinary()
	require.NoError(t, err)
	return sb, rb
}

// forkExtend forks both sides for label and runs one batch with the
// given choices and the fixed padding.
func forkExtend(t testing.TB, s *Sender, r *Receiver, label, choices []byte) ([]byte, *SenderOutput, *ReceiverOutput) {
	t.Helper()
	fr, err := r.Fork(label)
	require.NoError(t, err)
	fs, err := s.Fork(label)
	require.NoError(t, err)
	require.Equal(t, fr.Session(), fs.Session())
	msg, ro, err := fr.Extend(choices, forkCount, fixedRand())
	require.NoError(t, err)
	enc, err := msg.MarshalBinary()
	require.NoError(t, err)
	so, err := fs.Extend(roundTripExtend(t, msg), forkCount)
	require.NoError(t, err)
	requireCorrelated(t, so, ro)
	return enc, so, ro
}

// A setup encoded and parsed forks exactly as the original: the same
// label gives the same extension message and the same outputs.
func TestStateRoundTrip(t *testing.T) {
	s, r := runSetup(t, testSession("state round trip"))
	sb, rb := encodeStates(t, s, r)
	s2, err := ParseSenderState(sb)
	require.NoError(t, err)
	r2, err := ParseReceiverState(rb)
	require.NoError(t, err)
	sb2, rb2 := encodeStates(t, s2, r2)
	require.Equal(t, sb, sb2, "sender encoding not stable")
	require.Equal(t, rb, rb2, "receiver encoding not stable")
	require.Equal(t, s.Session(), s2.Session())
	require.Equal(t, r.Session(), r2.Session())

	choices := bytes.Repeat([]byte{0x96}, forkCount/8)
	for _, label := range [][]byte{[]byte("signing session 1"), bytes.Repeat([]byte{7}, 256), {0}} {
		msgA, soA, roA := forkExtend(t, s, r, label, choices)
		msgB, soB, roB := forkExtend(t, s2, r2, label, choices)
		require.Equal(t, msgA, msgB, "label %x", label)
		require.Equal(t, roA, roB, "label %x", label)
		require.Equal(t, soA, soB, "label %x", label)
		// Mixed: the parsed sender with the original receiver.
		_, soC, roC := forkExtend(t, s2, r, label, choices)
		require.Equal(t, soA, soC)
		require.Equal(t, roA, roC)
	}
}

// Forks of two labels share nothing: no OT message in common, another
// session id, and a message of one fork fails the other's KOS15 check.
// The failure aborts that fork only, not the setup it came from.
func TestForksAreUnrelated(t *testing.T) {
	s, r := runSetup(t, testSession("forks"))
	choices := bytes.Repeat([]byte{0x3c}, forkCount/8)
	msgA, soA, roA := forkExtend(t, s, r, []byte("label A"), choices)
	msgB, soB, roB := forkExtend(t, s, r, []byte("label B"), choices)
	require.NotEqual(t, msgA, msgB)
	seen := map[[MessageSize]byte]bool{}
	for _, so := range []*SenderOutput{soA, soB} {
		for _, pair := range so.Messages {
			for _, m := range pair {
				require.False(t, seen[m], "a message repeats across forks")
				seen[m] = true
			}
		}
	}
	require.NotEqual(t, roA.Messages, roB.Messages)

	fa, err := s.Fork([]byte("label A"))
	require.NoError(t, err)
	fb, err := s.Fork([]byte("label B"))
	require.NoError(t, err)
	require.NotEqual(t, fa.Session().ID, fb.Session().ID)
	require.NotEqual(t, s.Session().ID, fa.Session().ID, "a fork keeps the setup's session id")

	m, err := ParseExtendMessage(msgA)
	require.NoError(t, err)
	_, err = fb.Extend(m, forkCount)
	require.ErrorIs(t, err, ErrConsistencyCheck, "fork B accepted fork A's message")
	var pe *PeerError
	require.ErrorAs(t, err, &pe)
	require.Equal(t, s.Session().Receiver, pe.Party)
	_, err = fb.Extend(m, forkCount)
	require.ErrorIs(t, err, ErrAborted, "the failed fork goes on")

	// The setup itself is untouched: it still forks and encodes.
	_, err = s.MarshalBinary()
	require.NoError(t, err)
	_, _, _ = forkExtend(t, s, r, []byte("label C"), choices)

	// The message of fork A, given to the setup itself (another session
	// id), fails too: forks do not line up with their parent.
	_, err = s.Extend(m, forkCount)
	require.ErrorIs(t, err, ErrConsistencyCheck)
}

// A fork starts at batch 0 whatever batches its parent ran.
func TestForkStartsAtBatchZero(t *testing.T) {
	s, r := runSetup(t, testSession("fork batches"))
	msg, _, err := r.Extend(nil, 64, rand.Reader)
	require.NoError(t, err)
	_, err = s.Extend(msg, 64)
	require.NoError(t, err)
	fr, err := r.Fork([]byte("after a batch"))
	require.NoError(t, err)
	fs, err := s.Fork([]byte("after a batch"))
	require.NoError(t, err)
	for range 2 {
		msg, ro, err := fr.Extend(nil, 64, rand.Reader)
		require.NoError(t, err)
		so, err := fs.Extend(msg, 64)
		require.NoError(t, err)
		requireCorrelated(t, so, ro)
	}
}

func TestForkRefused(t *testing.T) {
	s, r := runSetup(t, testSession("fork refusals"))
	unfinished, _, err := NewSender(testSession("unfinished"), rand.Reader)
	require.NoError(t, err)
	unset, err := NewReceiver(testSession("unset"))
	require.NoError(t, err)

	// An aborted setup: its own extension failed the check.
	aborted, ar := runSetup(t, testSession("aborted"))
	fr, err := ar.Fork([]byte("elsewhere"))
	require.NoError(t, err)
	msg, _, err := fr.Extend(nil, 64, rand.Reader)
	require.NoError(t, err)
	_, err = aborted.Extend(msg, 64)
	require.ErrorIs(t, err, ErrConsistencyCheck)

	long := bytes.Repeat([]byte{1}, maxSessionID+1)
	senders := []struct {
		name  string
		s     *Sender
		label []byte
		want  error
	}{
		{"nil sender", nil, []byte("x"), ErrState},
		{"zero sender", &Sender{}, []byte("x"), ErrState},
		{"sender before setup", unfinished, []byte("x"), ErrState},
		{"aborted sender", aborted, []byte("x"), ErrAborted},
		{"empty label", s, nil, ErrSession},
		{"long label", s, long, ErrSession},
	}
	for _, tc := range senders {
		t.Run(tc.name, func(t *testing.T) {
			f, err := tc.s.Fork(tc.label)
			require.ErrorIs(t, err, tc.want)
			require.Nil(t, f)
		})
	}
	receivers := []struct {
		name  string
		r     *Receiver
		label []byte
		want  error
	}{
		{"nil receiver", nil, []byte("x"), ErrState},
		{"zero receiver", &Receiver{}, []byte("x"), ErrState},
		{"receiver before setup", unset, []byte("x"), ErrState},
		{"empty label", r, []byte{}, ErrSession},
		{"long label", r, long, ErrSession},
	}
	for _, tc := range receivers {
		t.Run(tc.name, func(t *testing.T) {
			f, err := tc.r.Fork(tc.label)
			require.ErrorIs(t, err, tc.want)
			require.Nil(t, f)
		})
	}

	t.Run("encoding", func(t *testing.T) {
		for _, tc := range []struct {
			name string
			s    *Sender
			want error
		}{
			{"nil", nil, ErrState},
			{"zero", &Sender{}, ErrState},
			{"before setup", unfinished, ErrState},
			{"aborted", aborted, ErrAborted},
		} {
			b, err := tc.s.MarshalBinary()
			require.ErrorIs(t, err, tc.want, "sender %s", tc.name)
			require.Nil(t, b)
		}
		for _, rx := range []*Receiver{nil, {}, unset} {
			b, err := rx.MarshalBinary()
			require.ErrorIs(t, err, ErrState)
			require.Nil(t, b)
		}
		require.Equal(t, Session{}, (*Sender)(nil).Session())
		require.Equal(t, Session{}, (*Receiver)(nil).Session())
	})
}

// honestStates returns the encodings of a finished setup's two sides.
func honestStates(t testing.TB) (sb, rb []byte) {
	s, r := runSetup(t, testSession("honest states"))
	return encodeStates(t, s, r)
}

func TestParseStateRefuses(t *testing.T) {
	sb, rb := honestStates(t)
	idLen := int(sb[1]) + 1
	sessEnd := 2 + idLen + 8 // tag, id length, id, two party ids
	setU32 := func(b []byte, off int, v uint32) []byte {
		binary.BigEndian.PutUint32(b[off:], v)
		return b
	}
	cases := []struct {
		name   string
		sender bool
		b      []byte
	}{
		{"sender: nil", true, nil},
		{"sender: tag only", true, sb[:1]},
		{"sender: receiver's tag", true, edit(sb, func(c []byte) []byte { c[0] = tagReceiverState; return c })},
		{"sender: a message's tag", true, edit(sb, func(c []byte) []byte { c[0] = 0x01; return c })},
		{"sender: truncated session", true, sb[:sessEnd-1]},
		{"sender: session only", true, sb[:sessEnd]},
		{"sender: one byte short", true, sb[:len(sb)-1]},
		{"sender: one trailing byte", true, append(bytes.Clone(sb), 0)},
		{"sender: id length too long", true, edit(sb, func(c []byte) []byte { c[1]++; return c })},
		{"sender: id length too short", true, edit(sb, func(c []byte) []byte { c[1]--; return c })},
		{"sender: party 0", true, edit(sb, func(c []byte) []byte { return setU32(c, 2+idLen, 0) })},
		{"sender: one party twice", true, edit(sb, func(c []byte) []byte { return setU32(c, 2+idLen, 2) })},
		{"receiver: nil", false, nil},
		{"receiver: tag only", false, rb[:1]},
		{"receiver: sender's tag", false, sb},
		{"receiver: truncated session", false, rb[:sessEnd-1]},
		{"receiver: one byte short", false, rb[:len(rb)-1]},
		{"receiver: one trailing byte", false, append(bytes.Clone(rb), 0)},
		{"receiver: receiver 0", false, edit(rb, func(c []byte) []byte { return setU32(c, 6+idLen, 0) })},
		{"receiver: one party twice", false, edit(rb, func(c []byte) []byte { return setU32(c, 6+idLen, 1) })},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var err error
			if tc.sender {
				var s *Sender
				s, err = ParseSenderState(tc.b)
				require.Nil(t, s)
			} else {
				var r *Receiver
				r, err = ParseReceiverState(tc.b)
				require.Nil(t, r)
			}
			require.ErrorIs(t, err, ErrMalformed)
		})
	}
}

// fuzzState checks one decoded state: a refusal is ErrMalformed, and a
// state that decodes encodes back to the same bytes and forks.
func fuzzState(t *testing.T, b []byte, parse func([]byte) (encoding.BinaryMarshaler, error), fork func(any) error) {
	v, err := parse(b)
	if err != nil {
		require.ErrorIs(t, err, ErrMalformed)
		return
	}
	again, err := v.MarshalBinary()
	require.NoError(t, err)
	require.Equal(t, b, again, "the encoding is not canonical")
	require.NoError(t, fork(v))
}

func FuzzParseSenderState(f *testing.F) {
	sb, rb := honestStates(f)
	f.Add(sb)
	f.Add(rb)
	f.Add([]byte{tagSenderState})
	f.Add(sb[:40])
	f.Fuzz(func(t *testing.T, b []byte) {
		fuzzState(t, b, func(b []byte) (encoding.BinaryMarshaler, error) {
			s, err := ParseSenderState(b)
			if err != nil {
				require.Nil(t, s)
				return nil, err
			}
			return s, nil
		}, func(v any) error {
			_, err := v.(*Sender).Fork([]byte("fuzz"))
			return err
		})
	})
}

func FuzzParseReceiverState(f *testing.F) {
	sb, rb := honestStates(f)
	f.Add(rb)
	f.Add(sb)
	f.Add([]byte{tagReceiverState})
	f.Add(rb[:40])
	f.Fuzz(func(t *testing.T, b []byte) {
		fuzzState(t, b, func(b []byte) (encoding.BinaryMarshaler, error) {
			r, err := ParseReceiverState(b)
			if err != nil {
				require.Nil(t, r)
				return nil, err
			}
			return r, nil
		}, func(v any) error {
			_, err := v.(*Receiver).Fork([]byte("fuzz"))
			return err
		})
	})
}
