package presigstore

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"testing"

	"github.com/stretchr/testify/require"
)

// lockChildEnv makes the test binary a lock child: it opens the File in
// the named directory, prints "locked", and holds it until its standard
// input closes.
const lockChildEnv = "PRESIGSTORE_LOCK_CHILD"

// lockChild is the lock child's main; it returns the exit code.
func lockChild(dir string) int {
	st, err := OpenFile(dir)
	if err != nil {
		fmt.Println("open:", err)
		return 2
	}
	fmt.Println("locked")
	_, _ = io.Copy(io.Discard, os.Stdin)
	if err := st.Close(); err != nil {
		return 3
	}
	return 0
}

// startLockChild starts a lock child on dir and waits until it holds the
// lock; closing the returned writer lets it close the store and exit.
func startLockChild(t *testing.T, dir string) (*exec.Cmd, io.WriteCloser) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), lockChildEnv+"="+dir)
	stdin, err := cmd.StdinPipe()
	require.NoError(t, err)
	stdout, err := cmd.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	t.Cleanup(func() {
		_ = stdin.Close()
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	})
	line, err := bufio.NewReader(stdout).ReadString('\n')
	require.NoError(t, err)
	require.Equal(t, "locked\n", line)
	return cmd, stdin
}

// TestFileLockedByAnotherProcess: while another process holds a store's
// directory, OpenFile refuses it with ErrLocked; once that process closes
// the store, or dies without closing it, the directory opens.
func TestFileLockedByAnotherProcess(t *testing.T) {
	if !lockSupported {
		t.Skip("no flock on this platform: OpenFile does not lock")
	}
	for _, tc := range []struct {
		name string
		end  func(cmd *exec.Cmd, stdin io.WriteCloser) error
	}{
		{"closed", func(cmd *exec.Cmd, stdin io.WriteCloser) error {
			if err := stdin.Close(); err != nil {
				return err
			}
			return cmd.Wait()
		}},
		{"killed", func(cmd *exec.Cmd, _ io.WriteCloser) error {
			if err := cmd.Process.Kill(); err != nil {
				return err
			}
			var exit *exec.ExitError
			if err := cmd.Wait(); !errors.As(err, &exit) {
				return fmt.Errorf("want a killed child, got %v", err)
			}
			return nil
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			cmd, stdin := startLockChild(t, dir)
			st, err := OpenFile(dir)
			require.ErrorIs(t, err, ErrLocked)
			require.Nil(t, st)
			require.NoError(t, tc.end(cmd, stdin))
			st, err = OpenFile(dir)
			require.NoError(t, err)
			require.NoError(t, st.Close())
		})
	}
}

// TestMisuse_SecondFileOnDirectory: a second File on one directory is
// refused in the same process too, until the first is closed; a closed
// File refuses every call (ErrClosed).
func TestMisuse_SecondFileOnDirectory(t *testing.T) {
	if !lockSupported {
		t.Skip("no flock on this platform: OpenFile does not lock")
	}
	dir := t.TempDir()
	first, err := OpenFile(dir)
	require.NoError(t, err)
	second, err := OpenFile(dir)
	require.ErrorIs(t, err, ErrLocked)
	require.Nil(t, second)
	require.NoError(t, first.Close())
	_, err = first.Len(context.Background())
	require.ErrorIs(t, err, ErrClosed)
	second, err = OpenFile(dir)
	require.NoError(t, err)
	require.NoError(t, second.Close())
}
