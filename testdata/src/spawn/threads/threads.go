// Package threads shows thread-level oversizing: hard-coded GOMAXPROCS,
// runtime.LockOSThread in goroutines started per element of input, and a
// raised thread limit; and the thread-level code that is fine.
package threads

import (
	"runtime"
	"runtime/debug"
)

// Tune hard-codes the parallelism of a service for its build machine.
func Tune() {
	runtime.GOMAXPROCS(64) // want `runtime.GOMAXPROCS\(64\) hard-codes the number of threads running Go code: it oversubscribes machines and containers with fewer than 64 cores and idles larger ones; keep the default \(runtime.NumCPU\(\), container-aware\) or derive it from runtime.NumCPU\(\) or configuration`
}

const procs = 16

// TuneNamed hides the constant behind a name.
func TuneNamed() {
	runtime.GOMAXPROCS(procs) // want `runtime.GOMAXPROCS\(16\)`
}

// RaiseLimit hides a thread leak by raising the runtime's limit.
func RaiseLimit() {
	debug.SetMaxThreads(100000) // want `debug.SetMaxThreads\(100000\) raises the runtime's limit of 10000 OS threads`
}

// Frame is a video frame rendered by a C library that needs its thread.
type Frame struct{ ID int }

// RenderAll locks an OS thread per frame: a long video creates thousands
// of threads and crashes at the runtime's limit.
func RenderAll(frames []Frame) {
	done := make(chan struct{})
	for _, f := range frames {
		go func() { // want `one goroutine per element of frames locks its OS thread \(unbounded: len\(frames\) goroutines at once, each holding an OS thread, up to the runtime's limit of 10000 threads\)`
			runtime.LockOSThread()
			defer runtime.UnlockOSThread()
			render(f)
			done <- struct{}{}
		}()
	}
	for range frames {
		<-done
	}
}

// RenderEach locks the thread in a function of the package it calls.
func RenderEach(frames []Frame) {
	for _, f := range frames {
		go renderLocked(f) // want `one goroutine per element of frames locks its OS thread`
	}
}

func renderLocked(f Frame) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	render(f)
}

func render(Frame) {}

// The thread-level code below is fine: not reported.

// Defaults derives parallelism from the machine, queries it, or
// serialises the program on purpose.
func Defaults(cfgProcs int) {
	runtime.GOMAXPROCS(runtime.NumCPU())
	runtime.GOMAXPROCS(cfgProcs)
	_ = runtime.GOMAXPROCS(0)
	runtime.GOMAXPROCS(1)
	debug.SetMaxThreads(5000) // lowering the limit is a safety measure
}

// RenderPool locks threads in a pool of one worker per CPU.
func RenderPool(frames <-chan Frame) {
	for i := 0; i < runtime.NumCPU(); i++ {
		go func() {
			runtime.LockOSThread()
			for f := range frames {
				render(f)
			}
		}()
	}
}

// MainThread locks one thread, once, for a GUI event loop.
func MainThread(events <-chan Frame) {
	go func() {
		runtime.LockOSThread()
		for f := range events {
			render(f)
		}
	}()
}
