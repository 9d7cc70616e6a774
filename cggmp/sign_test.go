package cggmp

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"testing"
	"time"

	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/mosaic-mpc/mosaic/transport/memnet"
	"github.com/stretchr/testify/require"
)

func runSign[Out any](t testing.TB, ids []transport.PartyID, ms map[transport.PartyID]transport.Machine[Out]) (map[transport.PartyID]Out, map[transport.PartyID]error) {
	net := memnet.New(ids)
	defer net.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	return memnet.RunAll(ctx, net, ms, transport.WithRoundTimeout(time.Minute))
}

func TestSignMachine(t *testing.T) {
	t.Parallel()
	keys := sharedKeys(t)
	signers := []transport.PartyID{1, 3}
	pres := presignAll(t, keys, signers, nil)
	digest := sha256.Sum256([]byte("sign machine"))
	ms := map[transport.PartyID]transport.Machine[*Signature]{}
	for _, id := range signers {
		m, err := NewSign(SignConfig{Presignature: pres[id], Digest: digest[:], SessionID: []byte("sign-1")})
		require.NoError(t, err)
		ms[id] = m
	}
	out, errs := runSign(t, signers, ms)
	require.Empty(t, errs)
	require.Equal(t, out[1].Bytes(), out[3].Bytes())
	require.NoError(t, VerifyLowS(keys[1].PublicKey(), digest[:], out[1]))
	// the presignatures are spent
	_, err := NewSign(SignConfig{Presignature: pres[1], Digest: digest[:], SessionID: []byte("sign-2")})
	require.ErrorIs(t, err, ErrPresignatureUsed)
}

func TestFullSignMachine(t *testing.T) {
	t.Parallel()
	keys := sharedKeys(t)
	signers := []transport.PartyID{2, 3}
	digest := sha256.Sum256([]byte("full sign"))
	sid := make([]byte, 32)
	_, err := rand.Read(sid)
	require.NoError(t, err)
	ms := map[transport.PartyID]transport.Machine[*Signature]{}
	for _, id := range signers {
		m, err := NewFullSign(FullSignConfig{PresignConfig: PresignConfig{Key: keys[id], Signers: signers, SessionID: sid}, Digest: digest[:]})
		require.NoError(t, err)
		ms[id] = m
	}
	out, errs := runSign(t, signers, ms)
	require.Empty(t, errs)
	require.NoError(t, VerifyLowS(keys[1].PublicKey(), digest[:], out[2]))
	q, err := RecoverPublicKey(digest[:], out[3])
	require.NoError(t, err)
	require.True(t, q.Equal(keys[1].PublicKey()))
}
