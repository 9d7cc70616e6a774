//go:build !unix

package cputime

import "time"

// Process returns zero: this platform has no process CPU clock here.
func Process() time.Duration { return 0 }
