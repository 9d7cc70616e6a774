package cggmp

import (
	"flag"
	"os"
	"runtime"
	"strconv"
	"testing"
)

// TestMain runs one more parallel test than there are cores unless
// -parallel is given. Several tests spend seconds waiting for a round
// timeout (a killed party), and a protocol run keeps both cores busy only
// part of the time (its rounds wait for each other), so with one test per
// core the package left a core idle for a fifth of its run.
func TestMain(m *testing.M) {
	flag.Parse()
	set := false
	flag.Visit(func(f *flag.Flag) { set = set || f.Name == "test.parallel" })
	if !set {
		if err := flag.Set("test.parallel", strconv.Itoa(runtime.GOMAXPROCS(0)+1)); err != nil {
			panic(err)
		}
	}
	os.Exit(m.Run())
}
