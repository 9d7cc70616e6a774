package party_test

import (
	"context"
	"crypto/sha256"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/examples/web/party"
)

func TestPlanCheck(t *testing.T) {
	n, err := newNetwork()
	require.NoError(t, err)
	defer n.srv.Close()
	tests := []struct {
		name string
		edit func(*party.Plan)
		ok   bool
	}{
		{"valid", func(*party.Plan) {}, true},
		{"level 3072", func(p *party.Plan) { p.Level = 3072 }, true},
		{"unknown level", func(p *party.Plan) { p.Level = 1024 }, false},
		{"a peer missing", func(p *party.Plan) { p.Peers = p.Peers[:2] }, false},
		{"a peer twice", func(p *party.Plan) { p.Peers[1] = p.Peers[0] }, false},
		{"a peer outside the parties", func(p *party.Plan) { p.Peers[0].ID = 9 }, false},
		{"short identity key", func(p *party.Plan) { p.Peers[0].Identity = p.Peers[0].Identity[:31] }, false},
		{"bad box key", func(p *party.Plan) { p.Peers[0].Box = []byte{1} }, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			plan := n.plan
			plan.Peers = append([]party.Peer(nil), n.plan.Peers...)
			tt.edit(&plan)
			err := plan.Check()
			if tt.ok {
				require.NoError(t, err)
				return
			}
			require.Error(t, err)
		})
	}
}

func TestNewRefusesAnotherPartysKeys(t *testing.T) {
	n, err := newNetwork()
	require.NoError(t, err)
	defer n.srv.Close()
	_, err = party.New(1, n.plan, n.keys[2])
	require.Error(t, err)
	_, err = party.New(7, n.plan, n.keys[1])
	require.Error(t, err)
	_, err = party.New(1, n.plan, nil)
	require.Error(t, err)
}

func TestStepsOutOfOrder(t *testing.T) {
	n, err := newNetwork()
	require.NoError(t, err)
	defer n.srv.Close()
	p, err := party.New(1, n.plan, n.keys[1])
	require.NoError(t, err)
	ctx := context.Background()
	_, _, err = p.DKG(ctx)
	require.ErrorIs(t, err, party.ErrNotReady, "not connected")
	require.ErrorIs(t, p.Aux(ctx), party.ErrNotReady)
	_, err = p.Frost(ctx, "ed25519", []byte("m"))
	require.ErrorIs(t, err, party.ErrNotReady)
	_, err = p.ECDSA(ctx, make([]byte, 32))
	require.ErrorIs(t, err, party.ErrNotReady)
	_, err = p.Seal([]byte("pass"))
	require.ErrorIs(t, err, party.ErrNotReady)
	_, err = p.Frost(ctx, "rsa", []byte("m"))
	require.Error(t, err)
}

// The whole flow of the page among three Go parties: DKG, both FROST
// suites, aux-info at Level112, ECDSA, and a sealed backup that opens
// again with the same keys.
func TestWholeFlow(t *testing.T) {
	if testing.Short() {
		t.Skip("aux-info generates three 2048-bit Paillier keys")
	}
	n, err := newNetwork()
	require.NoError(t, err)
	defer n.srv.Close()
	digest := sha256.Sum256([]byte("m"))
	var events []party.Event
	err = n.each(func(p *party.Party) error {
		if p.Self == 1 {
			p.Progress = func(e party.Event) { events = append(events, e) }
		}
		ctx := context.Background()
		if _, _, err := p.DKG(ctx); err != nil {
			return err
		}
		if err := p.Aux(ctx); err != nil {
			return err
		}
		if p.IsSigner() {
			for _, suite := range []string{"ed25519", "taproot"} {
				if _, err := p.Frost(ctx, suite, digest[:]); err != nil {
					return err
				}
			}
			if _, err := p.ECDSA(ctx, digest[:]); err != nil {
				return err
			}
		}
		sealed, err := p.Seal([]byte("pass"))
		if err != nil {
			return err
		}
		return p.Open(sealed, []byte("pass"))
	})
	require.NoError(t, err)
	var done []string
	for _, e := range events {
		if e.Done {
			done = append(done, e.Step)
		}
	}
	require.Equal(t, []string{"dkg secp256k1", "dkg edwards25519", "safe primes", "aux-info", "frost ed25519", "frost taproot", "presign", "ecdsa sign"}, done)
}
