//go:build !unix

package prm

import "time"

// processCPU is unavailable here; the benchmarks then report zero CPU time.
func processCPU() time.Duration { return 0 }
