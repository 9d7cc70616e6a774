package transport_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/mosaic-mpc/mosaic/transport/memnet"
)

// TestMisuse_RunNilArguments is the transport row of docs/misuse.md: Run
// with a nil Machine or a nil Conn is an error wrapping ErrLocal, returned
// before anything is sent, never a panic; a nil ctx means
// context.Background.
func TestMisuse_RunNilArguments(t *testing.T) {
	parties := []transport.PartyID{1, 2}
	net := memnet.New(parties)
	defer net.Close()
	tests := []struct {
		name string
		m    transport.Machine[uint64]
		conn transport.Conn
	}{
		{"nil machine", nil, net.Conn(1)},
		{"nil conn", newToy(t, 1, parties, false), nil},
		{"nil machine and conn", nil, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			require.NotPanics(t, func() {
				out, err := transport.Run(context.Background(), tc.m, tc.conn)
				require.ErrorIs(t, err, transport.ErrLocal)
				require.Zero(t, out)
			})
		})
	}
	t.Run("nil ctx", func(t *testing.T) {
		var ctx context.Context // a caller's unset ctx
		ms := map[transport.PartyID]transport.Machine[uint64]{}
		for _, id := range parties {
			ms[id] = newToy(t, id, parties, false)
		}
		errs := make(chan error, len(parties))
		for _, id := range parties {
			go func() {
				_, err := transport.Run(ctx, ms[id], net.Conn(id))
				errs <- err
			}()
		}
		for range parties {
			require.NoError(t, <-errs)
		}
	})
}
