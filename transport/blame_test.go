package transport_test

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/transport"
)

func TestBlame(t *testing.T) {
	errA, errB, errC := errors.New("a"), errors.New("b"), errors.New("c")
	tests := []struct {
		name     string
		add      func(b *transport.Blame)
		culprits []transport.PartyID
		errs     []error
		text     string
	}{
		{"nobody", func(b *transport.Blame) {}, nil, nil, ""},
		{"nil errors record nothing", func(b *transport.Blame) {
			require.False(t, b.Add(2, nil))
		}, nil, nil, ""},
		{"every culprit, in party order", func(b *transport.Blame) {
			require.True(t, b.Add(3, errA))
			require.True(t, b.Add(1, errB))
		}, []transport.PartyID{1, 3}, []error{errA, errB}, "culprits 1, 3: bad round: party 1: b\nparty 3: a"},
		{"several errors of one party", func(b *transport.Blame) {
			b.Add(2, errA)
			b.Add(2, errC)
		}, []transport.PartyID{2}, []error{errA, errC}, "party 2: a\nparty 2: c"},
		{"AddAll", func(b *transport.Blame) {
			b.AddAll(map[transport.PartyID]error{4: errA, 5: nil, 6: errB})
		}, []transport.PartyID{4, 6}, []error{errA, errB}, "party 4: a\nparty 6: b"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var b transport.Blame
			tc.add(&b)
			require.Equal(t, tc.culprits, b.Culprits())
			err := b.Err("bad round")
			if tc.culprits == nil {
				require.NoError(t, err, "a nil error, not a typed nil")
				return
			}
			var ae *transport.AbortError
			require.ErrorAs(t, err, &ae)
			require.Equal(t, tc.culprits, ae.Culprits)
			require.Equal(t, "bad round", ae.Reason)
			for _, want := range tc.errs {
				require.ErrorIs(t, err, want)
			}
			for _, p := range tc.culprits {
				require.True(t, b.Blamed(p))
			}
			require.False(t, b.Blamed(99))
			require.Contains(t, err.Error(), tc.text)
		})
	}
}
