package transport

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// waitingMachine waits for party 2, who never speaks: Start sends one
// message, and the machine is never done.
type waitingMachine struct{ started bool }

func (m *waitingMachine) Start() ([]*Message, error) {
	m.started = true
	return []*Message{{Protocol: "wait/v1", Round: 1, SessionID: []byte("s"), From: 1}}, nil
}

func (m *waitingMachine) Deliver(*Message) ([]*Message, error) { return nil, nil }

func (m *waitingMachine) Done() bool { return false }

func (m *waitingMachine) Result() (int, error) { return 0, ErrNotDone }

func (m *waitingMachine) Waiting() []PartyID { return []PartyID{2} }

// silentConn counts what is sent and never receives anything.
type silentConn struct{ sent int }

func (c *silentConn) Send(context.Context, *Message) error {
	c.sent++
	return nil
}

func (c *silentConn) Receive(ctx context.Context) (*Message, error) {
	<-ctx.Done()
	return nil, ctx.Err()
}

func TestRunDefaultRoundTimeout(t *testing.T) {
	require.Equal(t, 2*time.Minute, DefaultRoundTimeout)
	require.Equal(t, DefaultRoundTimeout, defaultRunOptions().roundTimeout, "Run starts from DefaultRoundTimeout")

	// The tests start from a short default instead of waiting minutes.
	const short = 50 * time.Millisecond
	tests := []struct {
		name    string
		opts    []Option
		ctx     time.Duration // the caller's deadline
		timeout bool          // an *AbortError for the silent party 2
		cancel  bool          // the caller's deadline ends the run
		local   bool          // refused before Start
		min     time.Duration // the run lasts at least this long
	}{
		{name: "no option: the default", timeout: true, min: short},
		{name: "a nil option changes nothing", opts: []Option{nil}, timeout: true, min: short},
		{name: "WithRoundTimeout replaces the default", opts: []Option{WithRoundTimeout(4 * short)}, timeout: true, min: 4 * short},
		{name: "the last option wins", opts: []Option{WithRoundTimeout(time.Hour), WithRoundTimeout(short)}, timeout: true, min: short},
		{name: "zero turns it off", opts: []Option{WithRoundTimeout(0)}, ctx: 6 * short, cancel: true, min: 6 * short},
		{name: "a negative timeout is refused", opts: []Option{WithRoundTimeout(-time.Second)}, local: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			if tc.ctx > 0 {
				var cancel context.CancelFunc
				ctx, cancel = context.WithTimeout(ctx, tc.ctx)
				defer cancel()
			}
			o := defaultRunOptions()
			o.roundTimeout = short
			m, conn := &waitingMachine{}, &silentConn{}
			start := time.Now()
			_, err := runWith[int](ctx, m, conn, o, tc.opts)
			took := time.Since(start)
			require.Error(t, err)
			require.GreaterOrEqual(t, took, tc.min)
			require.Less(t, took, tc.min+5*time.Second)
			switch {
			case tc.timeout:
				var ae *AbortError
				require.ErrorAs(t, err, &ae)
				require.ErrorIs(t, err, ErrTimeout)
				require.Equal(t, []PartyID{2}, ae.Culprits)
				require.Equal(t, 1, conn.sent)
			case tc.cancel:
				require.ErrorIs(t, err, context.DeadlineExceeded)
				require.False(t, errors.Is(err, ErrTimeout))
			case tc.local:
				require.ErrorIs(t, err, ErrLocal)
				require.False(t, m.started, "refused before Start")
				require.Zero(t, conn.sent)
			}
		})
	}
}
