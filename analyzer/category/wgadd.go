package category

// wgaddDocs documents the category of the wgadd analyzer.
var wgaddDocs = []Doc{
	{
		ID:       "waitgroup-add",
		Analyzer: "wgadd",
		Title:    "sync.WaitGroup.Add called inside the goroutine it counts",
		Text: `WaitGroup.Add must happen before the goroutine it accounts for starts.
Called as the goroutine's first statement, it races with the parent's
Wait: when the parent reaches Wait before the new goroutine has been
scheduled, the counter is still zero, Wait returns at once and the
parent reads results the goroutine has not written yet. The race
detector reports it as a race on the WaitGroup only when the schedule
happens to expose it. Move the Add before the go statement, or use
WaitGroup.Go (Go 1.25), which does both.`,
		Bad: `for _, u := range urls {
	go func() {
		wg.Add(1)
		defer wg.Done()
		fetch(u)
	}()
}
wg.Wait()`,
		Good: `for _, u := range urls {
	wg.Add(1)
	go func() {
		defer wg.Done()
		fetch(u)
	}()
}
wg.Wait()`,
		Severity: "error",
	},
}
