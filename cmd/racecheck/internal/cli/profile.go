package cli

import (
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"

	"github.com/racecheck/racecheck/internal/noheapprof"
)

// profiles are the -cpuprofile and -memprofile flags of the static
// check, as in golang.org/x/tools' analysis drivers.
type profiles struct {
	cpu, mem string
	cpuFile  *os.File
}

// start begins CPU profiling and the sampling of allocations for the heap
// profile, if requested.
func (p *profiles) start() error {
	if p.mem != "" {
		noheapprof.Restore() // racecheck starts without sampling
	}
	if p.cpu == "" {
		return nil
	}
	f, err := os.Create(p.cpu)
	if err != nil {
		return fmt.Errorf("-cpuprofile: %v", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return fmt.Errorf("-cpuprofile: %v", err)
	}
	p.cpuFile = f
	return nil
}

// stop ends CPU profiling and writes the heap profile, if requested.
func (p *profiles) stop() error {
	if p.cpuFile != nil {
		pprof.StopCPUProfile()
		if err := p.cpuFile.Close(); err != nil {
			return fmt.Errorf("-cpuprofile: %v", err)
		}
	}
	if p.mem == "" {
		return nil
	}
	f, err := os.Create(p.mem)
	if err != nil {
		return fmt.Errorf("-memprofile: %v", err)
	}
	runtime.GC()
	if err := pprof.Lookup("allocs").WriteTo(f, 0); err != nil {
		f.Close()
		return fmt.Errorf("-memprofile: %v", err)
	}
	return f.Close()
}
