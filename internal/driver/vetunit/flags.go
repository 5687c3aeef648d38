package vetunit

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strconv"

	"golang.org/x/tools/go/analysis"
)

// toolFlags are the command-line flags of a vet unit run, as unitchecker
// declares them: one -NAME flag per analyzer that selects it, -NAME.FLAG
// for each analyzer flag, and the output flags.
type toolFlags struct {
	fs      *flag.FlagSet
	enabled map[*analysis.Analyzer]*triState
	json    bool   // -json: diagnostics as JSON on stdout
	context int    // -c=N: print N lines of context around a diagnostic
	fix     bool   // -fix: apply fixes (not supported here)
	flags   bool   // -flags: describe the flags in JSON for go vet
	version string // -V=full: describe the executable for go vet's cache
	shared  []*sharedFlag
}

// newToolFlags declares the flags for analyzers on a new flag set, after
// the program's own (extra, may be nil). With shared, the analyzers'
// flags are declared with stand-ins that record their values, for
// sharedHold, instead of setting them.
func newToolFlags(name string, analyzers []*analysis.Analyzer, extra func(*flag.FlagSet), shared bool) *toolFlags {
	tf := &toolFlags{fs: flag.NewFlagSet(name, flag.ContinueOnError), enabled: make(map[*analysis.Analyzer]*triState)}
	fs := tf.fs
	fs.SetOutput(io.Discard) // errors are reported by Main
	if extra != nil {
		extra(fs)
	}
	for _, a := range analyzers {
		en := new(triState)
		fs.Var(en, a.Name, fmt.Sprintf("enable %q analysis", a.Name))
		tf.enabled[a] = en
		a.Flags.VisitAll(func(f *flag.Flag) {
			if !shared {
				fs.Var(f.Value, a.Name+"."+f.Name, f.Usage)
				return
			}
			sf := &sharedFlag{flag: f}
			tf.shared = append(tf.shared, sf)
			fs.Var(sf, a.Name+"."+f.Name, f.Usage)
		})
	}
	fs.BoolVar(&tf.flags, "flags", false, "print analyzer flags in JSON")
	fs.Var((*versionFlag)(&tf.version), "V", "print version and exit")
	fs.BoolVar(&tf.json, "json", false, "emit JSON output")
	fs.IntVar(&tf.context, "c", -1, "display offending line with this many lines of context")
	fs.BoolVar(&tf.fix, "fix", false, "apply all suggested fixes")
	fs.Bool("diff", false, "with -fix, don't update the files, but print a unified diff")
	for _, name := range []string{"source", "v", "all"} {
		fs.Bool(name, false, "no effect (deprecated)")
	}
	fs.String("tags", "", "no effect (deprecated)")
	return tf
}

// selected returns the analyzers to run: those enabled with -NAME (or
// -NAME=true) if any is, else all but those disabled with -NAME=false.
func (tf *toolFlags) selected(analyzers []*analysis.Analyzer) []*analysis.Analyzer {
	want := unset
	for _, ts := range tf.enabled {
		if *ts == setTrue {
			want = setTrue
			break
		}
		if *ts == setFalse {
			want = setFalse
		}
	}
	var out []*analysis.Analyzer
	for _, a := range analyzers {
		switch st := *tf.enabled[a]; {
		case want == setTrue && st != setTrue, want == setFalse && st == setFalse:
			continue
		}
		out = append(out, a)
	}
	return out
}

// printFlags writes the JSON description of the flags that go vet reads
// to learn which of its command-line flags belong to the tool.
func (tf *toolFlags) printFlags(w io.Writer) error {
	type jsonFlag struct {
		Name  string
		Bool  bool
		Usage string
	}
	var flags []jsonFlag
	tf.fs.VisitAll(func(f *flag.Flag) {
		switch f.Name {
		case "debug", "cpuprofile", "memprofile", "trace", "fix":
			return // not for go vet to pass on
		}
		b, ok := f.Value.(interface{ IsBoolFlag() bool })
		flags = append(flags, jsonFlag{f.Name, ok && b.IsBoolFlag(), f.Usage})
	})
	data, err := json.MarshalIndent(flags, "", "\t")
	if err != nil {
		return err
	}
	_, err = w.Write(data)
	return err
}

// A triState is an analyzer's enable flag: unset, or set true or false.
type triState int

const (
	unset triState = iota
	setTrue
	setFalse
)

func (ts *triState) Get() any { return *ts == setTrue }

func (ts *triState) Set(value string) error {
	b, err := strconv.ParseBool(value)
	if err != nil {
		return fmt.Errorf("want true or false")
	}
	*ts = setFalse
	if b {
		*ts = setTrue
	}
	return nil
}

func (ts *triState) String() string {
	if ts != nil && *ts == setFalse {
		return "false"
	}
	return "true"
}

func (ts *triState) IsBoolFlag() bool { return true }

// A versionFlag records the value of -V (go vet passes -V=full).
type versionFlag string

func (v *versionFlag) IsBoolFlag() bool { return true }
func (v *versionFlag) Get() any         { return string(*v) }
func (v *versionFlag) String() string {
	if v == nil {
		return ""
	}
	return string(*v)
}
func (v *versionFlag) Set(s string) error { *v = versionFlag(s); return nil }

// A sharedFlag stands in for an analyzer flag that the process shares
// between units: it records the value the command line gives it.
type sharedFlag struct {
	flag *flag.Flag
	val  string
	set  bool
}

func (sf *sharedFlag) String() string {
	if sf == nil || sf.flag == nil {
		return ""
	}
	if sf.set {
		return sf.val
	}
	return sf.flag.DefValue
}

func (sf *sharedFlag) Set(s string) error { sf.val, sf.set = s, true; return nil }

func (sf *sharedFlag) IsBoolFlag() bool {
	b, ok := sf.flag.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}

// sharedHold reports whether every analyzer flag holds the value the
// command line gives it (its default if not given). Values are compared
// as the flags print them.
func (tf *toolFlags) sharedHold() bool {
	for _, sf := range tf.shared {
		if sf.flag.Value.String() != sf.String() {
			return false
		}
	}
	return true
}
