package transport_test

import (
	"bytes"
	"encoding/binary"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/transport"
)

func sampleMessage() *transport.Message {
	return &transport.Message{
		Protocol:  "frost-sign/v1",
		Round:     2,
		SessionID: []byte("session"),
		From:      3,
		To:        1,
		Echo:      bytes.Repeat([]byte{0xee}, 2*transport.EchoSize),
		Payload:   []byte("payload"),
	}
}

func TestMessageRoundTrip(t *testing.T) {
	tests := []struct {
		name string
		m    *transport.Message
	}{
		{"full", sampleMessage()},
		{"broadcast without echo or payload", &transport.Message{Protocol: "p", Round: 1, SessionID: []byte{1}, From: 1}},
		{"empty session", &transport.Message{Protocol: "p", Round: transport.MaxRound, From: 0xffffffff, To: 0xfffffffe}},
		{"signed notice with context", &transport.Message{Protocol: "p", Round: 3, SessionID: []byte{1}, From: 2, Kind: transport.KindNotice,
			Context: bytes.Repeat([]byte{7}, 32), Signature: bytes.Repeat([]byte{9}, transport.SignatureSize), Payload: []byte("x")}},
		{"largest payload", &transport.Message{Protocol: "p", Round: 1, From: 1, Payload: make([]byte, transport.MaxPayload)}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			enc, err := tc.m.MarshalBinary()
			require.NoError(t, err)
			var got transport.Message
			require.NoError(t, got.UnmarshalBinary(enc))
			require.Equal(t, tc.m.Protocol, got.Protocol)
			require.Equal(t, tc.m.Round, got.Round)
			require.Equal(t, tc.m.From, got.From)
			require.Equal(t, tc.m.To, got.To)
			require.True(t, bytes.Equal(tc.m.SessionID, got.SessionID))
			require.True(t, bytes.Equal(tc.m.Echo, got.Echo))
			require.True(t, bytes.Equal(tc.m.Payload, got.Payload))
			enc2, err := got.MarshalBinary()
			require.NoError(t, err)
			require.Equal(t, enc, enc2)
			// No aliasing of the input.
			if len(got.Payload) > 0 {
				enc[len(enc)-1] ^= 1
				require.Equal(t, tc.m.Payload[len(tc.m.Payload)-1], got.Payload[len(got.Payload)-1])
			}
		})
	}
}

func TestMessageMarshalRejectsInvalid(t *testing.T) {
	tests := []struct {
		name string
		mod  func(m *transport.Message)
	}{
		{"empty protocol", func(m *transport.Message) { m.Protocol = "" }},
		{"long protocol", func(m *transport.Message) { m.Protocol = string(make([]byte, transport.MaxProtocol+1)) }},
		{"round 0", func(m *transport.Message) { m.Round = 0 }},
		{"negative round", func(m *transport.Message) { m.Round = -1 }},
		{"round too high", func(m *transport.Message) { m.Round = transport.MaxRound + 1 }},
		{"long session", func(m *transport.Message) { m.SessionID = make([]byte, transport.MaxSessionID+1) }},
		{"sender 0", func(m *transport.Message) { m.From = 0 }},
		{"partial echo word", func(m *transport.Message) { m.Echo = m.Echo[:42] }},
		{"unknown kind", func(m *transport.Message) { m.Kind = 99 }},
		{"long context", func(m *transport.Message) { m.Context = make([]byte, transport.MaxContext+1) }},
		{"short signature", func(m *transport.Message) { m.Signature = make([]byte, transport.SignatureSize-1) }},
		{"long echo", func(m *transport.Message) { m.Echo = make([]byte, transport.MaxEcho+transport.EchoSize) }},
		{"long payload", func(m *transport.Message) { m.Payload = make([]byte, transport.MaxPayload+1) }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := sampleMessage()
			tc.mod(m)
			_, err := m.MarshalBinary()
			require.ErrorIs(t, err, transport.ErrMalformed)
		})
	}
	var nilMsg *transport.Message
	require.ErrorIs(t, nilMsg.Validate(), transport.ErrMalformed)
}

func TestMessageUnmarshalRejectsMalformed(t *testing.T) {
	good, err := sampleMessage().MarshalBinary()
	require.NoError(t, err)
	edit := func(f func(b []byte) []byte) []byte {
		return f(bytes.Clone(good))
	}
	tests := []struct {
		name string
		data []byte
	}{
		{"empty", nil},
		{"short header", good[:10]},
		{"truncated body", good[:len(good)-1]},
		{"trailing byte", append(bytes.Clone(good), 0)},
		{"unknown version", edit(func(b []byte) []byte { b[0] = transport.WireVersion + 1; return b })},
		{"unknown kind", edit(func(b []byte) []byte { b[1] = 0xff; return b })},
		{"protocol length 0", edit(func(b []byte) []byte { b[2] = 0; return b })},
		{"session length over limit", edit(func(b []byte) []byte {
			binary.BigEndian.PutUint16(b[3:], transport.MaxSessionID+1)
			return b
		})},
		{"round 0", edit(func(b []byte) []byte { binary.BigEndian.PutUint16(b[5:], 0); return b })},
		{"round over limit", edit(func(b []byte) []byte { binary.BigEndian.PutUint16(b[5:], transport.MaxRound+1); return b })},
		{"sender 0", edit(func(b []byte) []byte { binary.BigEndian.PutUint32(b[7:], 0); return b })},
		{"context length over limit", edit(func(b []byte) []byte { b[15] = transport.MaxContext + 1; return b })},
		{"signature length lies", edit(func(b []byte) []byte { b[16] = 3; return b })},
		{"echo length over limit", edit(func(b []byte) []byte { binary.BigEndian.PutUint32(b[17:], 1<<31); return b })},
		{"payload length over limit", edit(func(b []byte) []byte { binary.BigEndian.PutUint32(b[21:], transport.MaxPayload+1); return b })},
		{"payload length lies", edit(func(b []byte) []byte { binary.BigEndian.PutUint32(b[21:], 100); return b })},
		{"too large", make([]byte, transport.MaxMessageSize+1)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := sampleMessage()
			before := m.Clone()
			require.ErrorIs(t, m.UnmarshalBinary(tc.data), transport.ErrMalformed)
			require.Equal(t, before, m, "m is unchanged on error")
		})
	}
}

func FuzzMessageUnmarshal(f *testing.F) {
	good, err := sampleMessage().MarshalBinary()
	require.NoError(f, err)
	f.Add(good)
	f.Add([]byte{})
	f.Add([]byte{transport.WireVersion})
	f.Add(good[:len(good)-1])
	min, err := (&transport.Message{Protocol: "p", Round: 1, From: 1}).MarshalBinary()
	require.NoError(f, err)
	f.Add(min)
	f.Fuzz(func(t *testing.T, data []byte) {
		var m transport.Message
		if err := m.UnmarshalBinary(data); err != nil {
			require.ErrorIs(t, err, transport.ErrMalformed)
			return
		}
		require.NoError(t, m.Validate())
		enc, err := m.MarshalBinary()
		require.NoError(t, err)
		require.Equal(t, data, enc, "decode then encode must give the input back")
	})
}

func BenchmarkMessageMarshal(b *testing.B) {
	m := sampleMessage()
	m.Payload = make([]byte, 4096)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := m.MarshalBinary(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkMessageUnmarshal(b *testing.B) {
	m := sampleMessage()
	m.Payload = make([]byte, 4096)
	enc, err := m.MarshalBinary()
	require.NoError(b, err)
	b.ReportAllocs()
	for b.Loop() {
		var got transport.Message
		if err := got.UnmarshalBinary(enc); err != nil {
			b.Fatal(err)
		}
	}
}
