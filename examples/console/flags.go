package console

import (
	"errors"
	"flag"
	"fmt"
)

// ParseFlags parses a program's command line the way every example does:
// fs must have been built with flag.ContinueOnError and its output set to
// where usage goes (stderr). It returns ok when the program should run;
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
