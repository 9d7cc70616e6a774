package dkg_test

import (
	"context"
	"crypto/rand"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/dkg"
	"github.com/mosaic-mpc/mosaic/internal/testfixtures"
	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/mosaic-mpc/mosaic/transport/memnet"
)

// A party whose messages carry the next version of the key generation
// protocol is named, with both versions, by both other parties as soon as
// its first message arrives, not after their round timeout.
func TestVersionMismatchNamesPeerAndBothVersions(t *testing.T) {
	ids := []transport.PartyID{1, 2, 3}
	const th = 2
	c := curve.Secp256k1()
	family, version, ok := transport.ParseProtocol(dkg.Protocol)
	require.True(t, ok, "dkg.Protocol %q is not versioned", dkg.Protocol)
	next := fmt.Sprintf("%s/v%d", family, version+1)

	nonce := make([]byte, dkg.NonceSize)
	_, err := rand.Read(nonce)
	require.NoError(t, err)
	sid, err := dkg.SessionID(dkg.Protocol, c, ids, th, nonce)
	require.NoError(t, err)
	net := memnet.New(ids)
	defer net.Close()
	// Party 3 runs the next version: every message it sends says so.
	net.Intercept(3, func(_ transport.PartyID, m *transport.Message) []*transport.Message {
		m.Protocol = next
		return []*transport.Message{m}
	})

	const roundTimeout = time.Minute
	ctx, cancel := context.WithTimeout(context.Background(), 2*roundTimeout)
	defer cancel()
	errs := make(chan error, len(ids))
	start := time.Now()
	for _, id := range ids {
		m, err := dkg.New(dkg.Config{Curve: c, Threshold: th, Parties: ids, Self: id, SessionID: sid})
		require.NoError(t, err)
		go func() {
			_, err := transport.Run(ctx, m, net.Conn(id), transport.WithRoundTimeout(roundTimeout))
			errs <- fmt.Errorf("party %d: %w", id, err)
		}()
	}
	// Parties 1 and 2 end first; party 3's own machine speaks this version
	// and then waits for them, so it is cancelled.
	for range 2 {
		err := <-errs
		var ae *transport.AbortError
		require.ErrorAs(t, err, &ae)
		require.Equal(t, []transport.PartyID{3}, ae.Culprits, "%v", err)
		require.ErrorIs(t, err, transport.ErrVersionMismatch)
		require.ErrorIs(t, err, transport.ErrWrongProtocol)
		var ve *transport.VersionError
		require.ErrorAs(t, err, &ve)
		require.Equal(t, transport.VersionError{Peer: 3, Family: family, Local: dkg.Protocol, Remote: next}, *ve)
		require.Contains(t, err.Error(), dkg.Protocol)
		require.Contains(t, err.Error(), next)
	}
	require.Less(t, time.Since(start), roundTimeout/2, "the honest parties waited for their round timeout")
	cancel()
	require.ErrorIs(t, <-errs, context.Canceled)
}

// A key share encoding of another format version is refused with an error
// that states the version found and the one this release reads, before
// its length is judged (another version may have another layout).
func TestKeyShareRefusesOtherFormatVersions(t *testing.T) {
	good, err := testfixtures.SoloShare(t, curve.Secp256k1()).MarshalBinary()
	require.NoError(t, err)
	require.NoError(t, new(dkg.KeyShare).UnmarshalBinary(good), "this release reads its own version")
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"next version", append([]byte{3}, good[1:]...), "format version 3, this release reads versions 1 and 2"},
		{"version 0", append([]byte{0}, good[1:]...), "format version 0, this release reads versions 1 and 2"},
		{"version 255", append([]byte{255}, good[1:]...), "format version 255, this release reads versions 1 and 2"},
		{"next version, other length", []byte{3}, "format version 3, this release reads versions 1 and 2"},
		{"empty", nil, "empty"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := new(dkg.KeyShare).UnmarshalBinary(tc.data)
			require.ErrorIs(t, err, dkg.ErrKeyShareFormat)
			require.Contains(t, err.Error(), tc.want)
		})
	}
}
