package console

import (
	"errors"
	"flag"
	"fmt"
)

// NewFlagSet returns an empty flag set for the program name that reports
// errors rather than exiting (flag.ContinueOnError, so that ParseFlags
// chooses the exit status) and whose usage, printed for -h and after a bad
// flag, is usage followed by the flags and their defaults.
func NewFlagSet(name, usage string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), usage)
		fs.PrintDefaults()
	}
	return fs
}

// ParseFlags parses a program's command line the way every example does:
// fs must have been built with flag.ContinueOnError (NewFlagSet does) and
// its output set to where usage goes (stderr). It returns ok when the program should run;
// otherwise status is the exit status to end with: 0 after -h (the usage
// was printed), 2 for an unknown or malformed flag (the error and the usage
// were printed) and for a stray argument, which it reports itself, since
// the examples take flags only.
func ParseFlags(fs *flag.FlagSet, args []string) (status int, ok bool) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0, false
		}
		return 2, false
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(fs.Output(), "%s: unexpected argument %q (it takes only flags; -h lists them)\n", fs.Name(), fs.Arg(0))
		return 2, false
	}
	return 0, true
}
