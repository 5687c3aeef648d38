package report

// directed writes the verdicts of directed schedules: a summary line,
// then the precision backlog (findings whose site ran under directed
// schedules without a race), then the findings no directed run reached.
func (t *runText) directed() {
	d := t.r.Directed
	if d == nil {
		return
	}
	confirmed := 0
	for _, f := range d.Findings {
		if f.Verdict == DirectedConfirmed {
			confirmed++
		}
	}
	t.printf("%s: %d runs per test binary, seeds %d..%d (replay one with -directed 1 -seed S -cpu P, from -json runs); %d sites delayed (%d at findings, %d in goroutines, %d after go statements); %d of %d findings confirmed\n",
		t.head.Sprint("directed schedules"), d.Runs, d.Seed, d.Seed+uint64(max(d.Runs-1, 0)),
		d.Sites.Finding+d.Sites.Goroutine+d.Sites.AfterGo, d.Sites.Finding, d.Sites.Goroutine, d.Sites.AfterGo, confirmed, len(d.Findings))
	for _, r := range d.Races {
		t.printf("  %s seen in %d/%d directed runs\n", r.ID, r.Runs, r.Total)
	}
	t.directedList(DirectedNeverObserved, "precision backlog: executed under directed schedules, never observed (a false alarm, or synchronization the analysis missed)")
	t.directedList(DirectedNotExecuted, "not reached by directed runs")
	t.printf("\n")
}

func (t *runText) directedList(verdict, title string) {
	var fs []DirectedFinding
	for _, f := range t.r.Directed.Findings {
		if f.Verdict == verdict && f.Finding < len(t.r.Findings) {
			fs = append(fs, f)
		}
	}
	if len(fs) == 0 {
		return
	}
	t.printf("%s (%d)\n", t.class.Sprint(title), len(fs))
	for _, df := range fs {
		f := t.r.Findings[df.Finding]
		t.printf("  %s: %s [%s]: %s\n", t.pos(f.Pos.File, f.Pos.Line), f.Message, f.Category, df.Describe(t.r.Directed.Runs))
	}
}
