package robust_test

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/cggmp/robust"
	"github.com/mosaic-mpc/mosaic/transport"
)

// FuzzPlan feeds the plan outcomes read from the fuzzer's bytes, culprits
// and blames about anyone (parties of the set, outsiders, zero), and checks
// that it never panics, that every set it returns is threshold parties
// free of culprits and conflicts, and that its culprits only grow.
func FuzzPlan(f *testing.F) {
	f.Add(byte(3), byte(5), []byte{0x01, 0x12, 0x23, 0x90})
	f.Add(byte(5), byte(9), []byte{0xff, 0x00, 0x31, 0x13, 0x44, 0x52})
	f.Add(byte(1), byte(1), []byte{})
	f.Fuzz(func(t *testing.T, th, n byte, script []byte) {
		parties := partyIDs(int(n%12) + 1)
		plan, err := robust.NewPlan(parties, int(th%13))
		if err != nil {
			require.ErrorIs(t, err, robust.ErrConfig)
			return
		}
		culprits := 0
		for len(script) > 0 {
			signers, err := plan.Next()
			if err != nil {
				require.ErrorIs(t, err, robust.ErrExhausted)
				return
			}
			require.Len(t, signers, int(th%13))
			require.True(t, slices.IsSorted(signers))
			for _, c := range plan.Culprits() {
				require.NotContains(t, signers, c.Party)
			}
			for _, c := range plan.Conflicts() {
				require.False(t, slices.Contains(signers, c.A) && slices.Contains(signers, c.B), "conflict %d-%d in one set", c.A, c.B)
			}
			// Each byte: the high nibble picks an author, the low one a
			// target (zero: a culprit instead), by index into the parties
			// and beyond.
			o := robust.Outcome{Blames: map[transport.PartyID][]transport.PartyID{}}
			k := int(script[0]%4) + 1
			for i := 0; i < k && i+1 < len(script); i++ {
				b := script[i+1]
				a, c := transport.PartyID(b>>4), transport.PartyID(b&15)
				if c == 0 {
					o.Culprits = append(o.Culprits, a)
					continue
				}
				o.Blames[a] = append(o.Blames[a], c)
			}
			script = script[min(k+1, len(script)):]
			_, err = plan.Record(signers, o)
			require.NoError(t, err)
			require.GreaterOrEqual(t, len(plan.Culprits()), culprits)
			culprits = len(plan.Culprits())
		}
	})
}
