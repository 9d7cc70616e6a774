package presigstore

// The crash test of the file store: a child process (this test binary,
// re-executed with crashChildEnv set) puts and takes presignatures and is
// killed at an injected point of Put or Take, then the next child opens
// the same directory. Every child appends "put <id>" to a log after Put
// returned and "take <id>" after Take returned. At the end no id was
// taken twice, and every id put but never taken is accounted for by a
// crash inside a Take (at most one per crash).

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// Environment of a crash child.
const (
	crashChildEnv = "PRESIGSTORE_CRASH_CHILD" // the store's directory
	crashLogEnv   = "PRESIGSTORE_CRASH_LOG"   // the log of completed operations
	crashAtEnv    = "PRESIGSTORE_CRASH_AT"    // the injected point to die at, 0 for none
	crashOpsEnv   = "PRESIGSTORE_CRASH_OPS"   // the operations: P put, T take, I take by id, D drain
)

// Exit codes of a crash child killed at an injected point.
const (
	exitCrashPut  = 3
	exitCrashTake = 4
)

func TestMain(m *testing.M) {
	if dir := os.Getenv(lockChildEnv); dir != "" {
		os.Exit(lockChild(dir))
	}
	if dir := os.Getenv(crashChildEnv); dir != "" {
		if err := crashChild(dir); err != nil {
			fmt.Fprintln(os.Stderr, "crash child:", err)
			os.Exit(2)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// crashChild runs the operations of crashOpsEnv on the store in dir and
// dies (os.Exit, no deferred work, no flush) at the crashAtEnv-th point.
func crashChild(dir string) error {
	at, err := strconv.Atoi(os.Getenv(crashAtEnv))
	if err != nil {
		return err
	}
	log, err := os.OpenFile(os.Getenv(crashLogEnv), os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return err
	}
	record := func(op string, id []byte) error {
		if _, err := fmt.Fprintf(log, "%s %x\n", op, id); err != nil {
			return err
		}
		return log.Sync()
	}
	st, err := OpenFile(dir)
	if err != nil {
		return err
	}
	n := 0
	st.crash = func(point string) {
		n++
		if n != at {
			return
		}
		if strings.HasPrefix(point, "take") {
			os.Exit(exitCrashTake)
		}
		os.Exit(exitCrashPut)
	}
	ctx := context.Background()
	for _, op := range os.Getenv(crashOpsEnv) {
		switch op {
		case 'P':
			id := make([]byte, IDSize)
			if _, err := rand.Read(id); err != nil {
				return err
			}
			if err := st.Put(ctx, id, append([]byte("sealed "), id...)); err != nil {
				return err
			}
			if err := record("put", id); err != nil {
				return err
			}
		case 'I':
			// The oldest listed id, as a pool's Take would choose it.
			list, err := st.List(ctx)
			if err != nil {
				return err
			}
			if len(list) == 0 {
				break
			}
			id := list[0].ID
			sealed, err := st.TakeID(ctx, id)
			if err != nil {
				return err
			}
			if string(sealed) != "sealed "+string(id) {
				return fmt.Errorf("id %x: sealed bytes %q", id, sealed)
			}
			if err := record("take", id); err != nil {
				return err
			}
		case 'T', 'D':
			for {
				id, sealed, err := st.Take(ctx)
				if errors.Is(err, ErrEmpty) {
					break
				}
				if err != nil {
					return err
				}
				if string(sealed) != "sealed "+string(id) {
					return fmt.Errorf("id %x: sealed bytes %q", id, sealed)
				}
				if err := record("take", id); err != nil {
					return err
				}
				if op == 'T' {
					break
				}
			}
		}
	}
	return nil
}

// crashRun is one child run's outcome.
type crashRun struct {
	killedIn string // "", "put" or "take"
}

// runCrashChild runs one child and reports where it died.
func runCrashChild(t testing.TB, dir, log, ops string, at int) crashRun {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), crashChildEnv+"="+dir, crashLogEnv+"="+log,
		crashAtEnv+"="+strconv.Itoa(at), crashOpsEnv+"="+ops)
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return crashRun{}
	case errors.As(err, &exit) && exit.ExitCode() == exitCrashPut:
		return crashRun{killedIn: "put"}
	case errors.As(err, &exit) && exit.ExitCode() == exitCrashTake:
		return crashRun{killedIn: "take"}
	}
	require.NoError(t, err, "child failed: %s", out)
	return crashRun{}
}

// crashLedger reads the log and checks it: no id taken twice, every id put
// and not taken lost to a crash inside a Take, at most one per such crash.
func crashLedger(t testing.TB, log string, takeCrashes int) (puts, takes int) {
	t.Helper()
	f, err := os.Open(log)
	require.NoError(t, err)
	defer f.Close()
	put, taken := map[string]bool{}, map[string]bool{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		op, id, ok := strings.Cut(sc.Text(), " ")
		require.True(t, ok, "log line %q", sc.Text())
		switch op {
		case "put":
			require.False(t, put[id], "id %s put twice", id)
			put[id] = true
		case "take":
			require.False(t, taken[id], "SINGLE USE BROKEN: id %s taken twice", id)
			taken[id] = true
		default:
			t.Fatalf("log line %q", sc.Text())
		}
	}
	require.NoError(t, sc.Err())
	lost := 0
	for id := range put {
		if !taken[id] {
			lost++
		}
	}
	require.LessOrEqual(t, lost, takeCrashes, "presignatures lost beyond one per crash inside Take")
	return len(put), len(taken)
}

// TestFileCrashAtInjectedPoints kills a child at every injected point of
// a script of puts and takes (54 points), in two rounds on the same
// directory, then drains the store with a child that is not killed.
// TestSlowFileCrash (build tag slow) runs more rounds and SIGKILLs.
func TestFileCrashAtInjectedPoints(t *testing.T) {
	t.Parallel() // most of its time is fsync, which the other crash test overlaps
	crashTest(t, "PPTPTTPPT", 2)
}

// TestFileCrashTakeIDAtInjectedPoints is the same with takes by id
// (TakeID of the first listed id), in two rounds.
func TestFileCrashTakeIDAtInjectedPoints(t *testing.T) {
	t.Parallel()
	crashTest(t, "PPIPIIPPI", 2)
}

// crashTest runs rounds × (every injected point of script) killed children
// and a final drain, and checks the ledger and the directory.
func crashTest(t *testing.T, script string, rounds int) {
	dir, log := t.TempDir(), filepath.Join(t.TempDir(), "log")
	kills, takeKills := 0, 0
	for range rounds {
		for at := 1; ; at++ {
			run := runCrashChild(t, dir, log, script, at)
			if run.killedIn == "" {
				break // the script ran to its end before point at
			}
			kills++
			if run.killedIn == "take" {
				takeKills++
			}
		}
	}
	require.GreaterOrEqual(t, kills, 100, "kill points")
	require.Equal(t, crashRun{}, runCrashChild(t, dir, log, "D", 0))
	puts, takes := crashLedger(t, log, takeKills)
	require.Positive(t, takes)
	t.Logf("%d kills (%d inside Take), %d puts, %d takes", kills, takeKills, puts, takes)

	st, err := OpenFile(dir)
	require.NoError(t, err)
	defer st.Close()
	n, err := st.Len(context.Background())
	require.NoError(t, err)
	require.Zero(t, n, "the drain left presignatures")
	for _, sub := range []string{tmpDir, takenDir} {
		entries, err := os.ReadDir(filepath.Join(dir, sub))
		require.NoError(t, err)
		for _, e := range entries {
			info, err := e.Info()
			require.NoError(t, err)
			require.Zero(t, info.Size(), "%s/%s keeps sealed bytes", sub, e.Name())
			_, err = hex.DecodeString(e.Name())
			require.NoError(t, err)
		}
		if sub == tmpDir {
			require.Empty(t, entries, "tmp files survive OpenFile")
		}
	}
}
