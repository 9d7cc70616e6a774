package wsnet

import (
	"crypto/ecdh"
	"crypto/rand"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/transport"
)

// pair returns the key parties 1 and 2 derive, each on its side, and a
// third party's key with party 2.
func pair(t testing.TB) (k12, k21, k32 []byte) {
	t.Helper()
	var keys [4]*ecdh.PrivateKey
	for i := 1; i <= 3; i++ {
		k, err := ecdh.X25519().GenerateKey(rand.Reader)
		require.NoError(t, err)
		keys[i] = k
	}
	var err error
	k12, err = pairKey(keys[1], keys[2].PublicKey(), 1, 2)
	require.NoError(t, err)
	k21, err = pairKey(keys[2], keys[1].PublicKey(), 2, 1)
	require.NoError(t, err)
	k32, err = pairKey(keys[3], keys[2].PublicKey(), 3, 2)
	require.NoError(t, err)
	return k12, k21, k32
}

// A relay that changes, turns around or re-addresses a sealed direct
// message gets it refused; the two ends derive the same key.
func TestSealedDirectMessageResistsRelay(t *testing.T) {
	k12, k21, k32 := pair(t)
	require.Equal(t, k12, k21)
	secret := []byte("a DKG share for party 2")
	frame, err := sealFrame(k12, 2, 1, secret, rand.Reader)
	require.NoError(t, err)
	require.NotContains(t, string(frame), string(secret), "the relay must not see the plaintext")

	tests := []struct {
		name string
		edit func([]byte) []byte
		key  []byte
		ok   bool
	}{
		{"untouched", func(f []byte) []byte { return f }, k21, true},
		{"a body bit flipped", func(f []byte) []byte { f[len(f)-1] ^= 1; return f }, k21, false},
		{"a nonce bit flipped", func(f []byte) []byte { f[headerSize] ^= 1; return f }, k21, false},
		{"turned around (2→1)", func(f []byte) []byte { copy(f[:headerSize], header(1, 2)); return f }, k21, false},
		{"said to come from party 3", func(f []byte) []byte { copy(f[:headerSize], header(2, 3)); return f }, k32, false},
		{"truncated", func(f []byte) []byte { return f[:headerSize+10] }, k21, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := tt.edit(append([]byte(nil), frame...))
			got, err := openFrame(tt.key, f)
			if tt.ok {
				require.NoError(t, err)
				require.Equal(t, secret, got)
				return
			}
			require.Error(t, err)
		})
	}
}

// A frame whose message header disagrees with the frame's (a relay
// replaying party 1's broadcast as party 3's) is refused.
func TestDecodeRefusesMismatchedSender(t *testing.T) {
	k12, _, _ := pair(t)
	c := &Client{self: 2, keys: map[transport.PartyID][]byte{1: k12, 3: k12}}
	m := &transport.Message{Protocol: "p/v1", Round: 1, SessionID: []byte("s"), From: 1, Payload: []byte("x")}
	enc, err := m.MarshalBinary()
	require.NoError(t, err)
	got, err := c.decode(append(header(0, 1), enc...))
	require.NoError(t, err)
	require.Equal(t, transport.PartyID(1), got.From)
	_, err = c.decode(append(header(0, 3), enc...))
	require.ErrorIs(t, err, ErrFrame)
	_, err = c.decode(append(header(0, 9), enc...))
	require.ErrorIs(t, err, ErrFrame, "unknown sender")
	_, err = c.decode(append(header(5, 1), enc...))
	require.ErrorIs(t, err, ErrFrame, "for another party")
	_, err = c.decode([]byte{1, 2})
	require.ErrorIs(t, err, ErrFrame, "short")
}

// FuzzDecode: whatever a relay sends, decode returns a message or an
// error, never panics.
func FuzzDecode(f *testing.F) {
	k12, _, _ := pair(f)
	c := &Client{self: 2, keys: map[transport.PartyID][]byte{1: k12}}
	m := &transport.Message{Protocol: "p/v1", Round: 1, SessionID: []byte("s"), From: 1, Payload: []byte("x")}
	enc, err := m.MarshalBinary()
	require.NoError(f, err)
	f.Add(append(header(0, 1), enc...))
	m.To = 2
	enc, err = m.MarshalBinary()
	require.NoError(f, err)
	sealed, err := sealFrame(k12, 2, 1, enc, rand.Reader)
	require.NoError(f, err)
	f.Add(sealed)
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, frame []byte) {
		got, err := c.decode(frame)
		if err == nil {
			require.Equal(t, transport.PartyID(1), got.From)
		}
	})
}

// A peer or relay that floods a client makes it hold at most MaxPending
// messages, over all sessions, open or not; taking them frees room.
func TestFloodIsBounded(t *testing.T) {
	c := &Client{self: 2, sessions: map[string]*session{}}
	open := c.Session([]byte("open"))
	for i := 0; i < MaxPending+50; i++ {
		sid := "open"
		if i%2 == 0 {
			sid = "later"
		}
		c.deliver(&transport.Message{SessionID: []byte(sid), From: 1})
	}
	require.Equal(t, MaxPending, c.pending)
	require.Len(t, c.sessions["open"].queue, MaxPending/2)
	require.Len(t, c.sessions["later"].queue, MaxPending/2)

	_, err := open.Receive(t.Context())
	require.NoError(t, err)
	require.Equal(t, MaxPending-1, c.pending)
	require.NoError(t, open.Close())
	require.Equal(t, MaxPending/2, c.pending, "closing a session frees its queue")
	c.deliver(&transport.Message{SessionID: []byte("open"), From: 1})
	require.Equal(t, MaxPending/2, c.pending, "late messages of a closed session are dropped")
}
