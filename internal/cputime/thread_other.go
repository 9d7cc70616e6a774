//go:build !linux

package cputime

import "time"

// Thread returns zero: off Linux there is no per-thread CPU clock here.
func Thread() time.Duration { return 0 }
