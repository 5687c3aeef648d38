// Package wgadd defines an Analyzer that reports sync.WaitGroup.Add
// called inside the goroutine it counts.
//
// # Analyzer wgadd
//
// wgadd: report WaitGroup.Add called as the first statement of the goroutine it counts
//
// The pattern
//
//	go func() {
//		wg.Add(1)
//		defer wg.Done()
//		...
//	}()
//	wg.Wait()
//
// races with Wait: if the parent reaches Wait before the goroutine runs,
// the counter is zero and Wait returns early. The analyzer reports the
// Add only when it is the goroutine's first statement, its WaitGroup is
// declared outside the goroutine, and the goroutine itself calls Done on
// it; a goroutine that adds work for goroutines it starts is left alone.
// When the Add and the go statement each stand on their own lines and
// the count is a constant, a suggested fix moves the Add before the go
// statement.
package wgadd
