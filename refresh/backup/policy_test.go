package backup

import (
	"bytes"
	"runtime"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/curve"
)

func TestLimitsCheck(t *testing.T) {
	d := DefaultLimits()
	require.Equal(t, Limits{MemoryKiB: 256 << 10, Work: 4 * 3 * (64 << 10), Threads: 16}, d)
	tests := []struct {
		name   string
		limits Limits
		params Params
		ok     bool
	}{
		{"the default parameters", d, DefaultParams(), true},
		{"at the memory bound", d, Params{Time: 3, MemoryKiB: d.MemoryKiB, Threads: 4}, true},
		{"over the memory bound", d, Params{Time: 1, MemoryKiB: d.MemoryKiB + 1, Threads: 4}, false},
		{"12 passes over 64 MiB", d, Params{Time: 12, MemoryKiB: 64 << 10, Threads: 4}, true},
		{"13 passes over 64 MiB", d, Params{Time: 13, MemoryKiB: 64 << 10, Threads: 4}, false},
		{"4 passes over 256 MiB", d, Params{Time: 4, MemoryKiB: 256 << 10, Threads: 4}, false},
		{"16 threads", d, Params{Time: 1, MemoryKiB: 1024, Threads: 16}, true},
		{"17 threads", d, Params{Time: 1, MemoryKiB: 1024, Threads: 17}, false},
		{"the format's maxima, default policy", d, Params{Time: MaxTime, MemoryKiB: MaxMemoryKiB, Threads: MaxThreads}, false},
		{"the format's maxima, no policy", formatLimits(), Params{Time: MaxTime, MemoryKiB: MaxMemoryKiB, Threads: MaxThreads}, true},
		{"a zero policy", Limits{}, Params{Time: 1, MemoryKiB: 8, Threads: 1}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.limits.check(tc.params)
			if tc.ok {
				require.NoError(t, err)
			} else {
				require.ErrorIs(t, err, ErrParams)
			}
		})
	}
}

// kibPassTime measures how long Argon2id takes per KiB and pass on this
// machine, to tell how long a derivation the policy refuses would take.
func kibPassTime(t *testing.T) time.Duration {
	p := Params{Time: 1, MemoryKiB: 16 << 10, Threads: 1}
	h := &Header{Params: p, salt: make([]byte, saltSize)}
	start := time.Now()
	key, _ := derive(pass, h)
	took := time.Since(start)
	require.Len(t, key, 32)
	return took / time.Duration(uint64(p.Time)*uint64(p.MemoryKiB))
}

// A file that asks for more than the policy is refused before any key
// derivation: at once, and without the derivation's memory.
func TestOpenRefusesParamsBeyondPolicyFast(t *testing.T) {
	data := sealed(t, testShare(t, curve.Secp256k1(), false), "s")
	perKiBPass := kibPassTime(t)
	tests := []struct {
		name   string
		params Params
	}{
		{"the format's maxima: 1 GiB, 64 passes", Params{Time: MaxTime, MemoryKiB: MaxMemoryKiB, Threads: MaxThreads}},
		{"1 GiB, one pass", Params{Time: 1, MemoryKiB: MaxMemoryKiB, Threads: 4}},
		{"just over the memory bound", Params{Time: 1, MemoryKiB: DefaultLimitMemoryKiB + 1, Threads: 4}},
		{"just over the work bound", Params{Time: 13, MemoryKiB: DefaultMemoryKiB, Threads: 4}},
		{"over the thread bound", Params{Time: 3, MemoryKiB: DefaultMemoryKiB, Threads: DefaultLimitThreads + 1}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			hostile := bytes.Clone(data)
			putParams(hostile, tc.params)
			hostile = recomputeSum(hostile)

			// Inspect still shows what the file asks for.
			h, err := Inspect(hostile)
			require.NoError(t, err)
			require.Equal(t, tc.params, h.Params)

			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			start := time.Now()
			_, _, err = Open(hostile, pass)
			took := time.Since(start)
			runtime.ReadMemStats(&after)

			var fe *FormatError
			require.ErrorAs(t, err, &fe)
			require.Equal(t, "params", fe.Field)
			require.ErrorIs(t, err, ErrParams)
			derivation := perKiBPass * time.Duration(uint64(tc.params.Time)*uint64(tc.params.MemoryKiB))
			t.Logf("refused in %v; the derivation would take about %v", took, derivation)
			require.Less(t, took, derivation/20, "refused in well under the derivation's time")
			require.Less(t, after.TotalAlloc-before.TotalAlloc, uint64(1<<20), "refused without the derivation's memory")
		})
	}
}

// WithLimits moves the policy both ways, for Seal and for Open.
func TestWithLimits(t *testing.T) {
	ks := testShare(t, curve.Secp256k1(), false)
	two := WithParams(Params{Time: 2, MemoryKiB: 8, Threads: 1})
	tight := WithLimits(Limits{MemoryKiB: 8, Work: 8, Threads: 1})
	roomy := WithLimits(Limits{MemoryKiB: 8, Work: 16, Threads: 1})

	_, err := Seal(ks, "s", pass, nil, two, tight)
	require.ErrorIs(t, err, ErrParams, "Seal refuses parameters beyond its policy")
	data, err := Seal(ks, "s", pass, nil, two, roomy)
	require.NoError(t, err)

	_, _, err = Open(data, pass, tight)
	require.ErrorIs(t, err, ErrParams, "Open refuses a file beyond its policy")
	for name, opts := range map[string][]Option{"roomy": {roomy}, "default": nil, "WithParams is ignored": {tight, roomy, WithParams(Params{})}} {
		got, scheme, err := Open(data, pass, opts...)
		require.NoError(t, err, name)
		require.Equal(t, "s", scheme)
		requireSameShare(t, ks, got)
	}

	// Beyond the default policy Seal refuses at once, without deriving.
	start := time.Now()
	_, err = Seal(ks, "s", pass, nil, WithParams(Params{Time: MaxTime, MemoryKiB: MaxMemoryKiB, Threads: 4}))
	require.ErrorIs(t, err, ErrParams)
	require.Less(t, time.Since(start), time.Second)
	// And a policy above the format's bounds does not lift them.
	_, err = Seal(ks, "s", pass, nil, WithParams(Params{Time: MaxTime + 1, MemoryKiB: 8, Threads: 1}),
		WithLimits(Limits{MemoryKiB: ^uint32(0), Work: ^uint64(0), Threads: ^uint8(0)}))
	require.ErrorIs(t, err, ErrParams)
}
