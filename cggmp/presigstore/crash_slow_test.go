//go:build slow

package presigstore

import (
	"context"
	"crypto/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestSlowFileCrashAtInjectedPoints is the injected-point crash test with
// a longer script and five rounds (about 450 kill points).
func TestSlowFileCrashAtInjectedPoints(t *testing.T) {
	crashTest(t, "PPPTPTTPPTTPTPT", 5)
}

// TestSlowFileCrashSIGKILL kills children with SIGKILL from outside at a
// random moment, 200 times, so that deaths fall between the injected
// points too (inside a write, a rename or an fsync system call). Any kill
// may fall inside a Take, so the bound on lost presignatures is one per
// kill.
func TestSlowFileCrashSIGKILL(t *testing.T) {
	dir, log := t.TempDir(), filepath.Join(t.TempDir(), "log")
	ops := strings.Repeat("PPT", 200)
	for range 200 {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), crashChildEnv+"="+dir, crashLogEnv+"="+log,
			crashAtEnv+"="+strconv.Itoa(0), crashOpsEnv+"="+ops)
		require.NoError(t, cmd.Start())
		var wait [1]byte
		_, err := rand.Read(wait[:])
		require.NoError(t, err)
		time.Sleep(time.Duration(5+int(wait[0])%40) * time.Millisecond)
		require.NoError(t, cmd.Process.Kill())
		_ = cmd.Wait()
	}
	require.Equal(t, crashRun{}, runCrashChild(t, dir, log, "D", 0))
	puts, takes := crashLedger(t, log, 200)
	require.Positive(t, puts)
	st, err := OpenFile(dir)
	require.NoError(t, err)
	defer st.Close()
	n, err := st.Len(context.Background())
	require.NoError(t, err)
	require.Zero(t, n)
	t.Logf("%d puts, %d takes", puts, takes)
}
