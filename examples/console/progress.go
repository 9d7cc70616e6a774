package console

import (
	"fmt"
	"io"
	"strings"
	"sync"
)

// barWidth is the number of cells of a redrawn progress bar.
const barWidth = 30

// Progress shows how far a counted task has come. Its methods may be
// called from several goroutines; the zero value and a nil *Progress
// print nothing.
type Progress struct {
	mu     sync.Mutex
	w      io.Writer
	label  string
	redraw bool // w is a terminal: redraw one line with \r
	drawn  bool // a redrawn line is open and End must finish it
	shown  int  // quarters already printed as plain lines
}

// NewProgress returns a Progress that writes to w, labelled label. It
// redraws its line in place when w is a terminal (IsTerminal) and prints
// plain lines otherwise.
func NewProgress(w io.Writer, label string) *Progress {
	return &Progress{w: w, label: label, redraw: IsTerminal(w)}
}

// Update records that done of total units are finished. On a terminal it
// redraws the line as a bar; elsewhere it prints a line only when done
// reaches another quarter of total, the last one being done == total.
// Values outside 0 <= done <= total, and total <= 0, are ignored.
func (p *Progress) Update(done, total int) {
	if p == nil || p.w == nil || total <= 0 || done < 0 || done > total {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.redraw {
		fill := done * barWidth / total
		fmt.Fprintf(p.w, "\r  %s [%s%s] %d/%d", p.label, strings.Repeat("#", fill), strings.Repeat(".", barWidth-fill), done, total)
		p.drawn = true
		return
	}
	if q := done * 4 / total; q > p.shown {
		p.shown = q
		fmt.Fprintf(p.w, "  %s %d/%d\n", p.label, done, total)
	}
}

// End finishes the redrawn line, if there is one, so that the next output
// starts on a line of its own. Call it once the task is over, whether or
// not it succeeded.
func (p *Progress) End() {
	if p == nil || p.w == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.drawn {
		fmt.Fprintln(p.w)
		p.drawn = false
	}
}
