package console

import (
	"io"
	"os"
)

// IsTerminal reports whether w is an *os.File open on a character device,
// which is what a terminal is, without a dependency beyond the standard
// library. Other character devices (/dev/null) also count; redrawing a
// line there is harmless. Anything that is not an *os.File, a nil file
// and a file that cannot be stat'ed are not terminals.
func IsTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok || f == nil {
		return false
	}
	st, err := f.Stat()
	if err != nil {
		return false
	}
	return st.Mode()&os.ModeCharDevice != 0
}
