#!/bin/sh
# precision.sh prints the precision tables of BENCHMARKS.md ("Precision on
# real code") from the triaged baselines beside it. Run from anywhere:
#   sh testdata/corpus/precision.sh
# True findings are the verdicts race, unsafe and benign; false ones
# false-alarm; unclear findings count in neither (precision = true/(true+false)).
cd "$(dirname "$0")" || exit 1
for f in $(awk '!/^#/ && NF {print $1}' modules.txt); do
	echo "$f"
	awk -v mod="$f" '!/^#/ && NF {print mod, $1, $3}' "$f.txt"
done | awk '
function pct(t, f) { return (t + f) ? sprintf("%d%%", 100 * t / (t + f) + 0.5) : "-" }
{
	if (!($1 in seenm)) { seenm[$1]; mods[++nm] = $1 }
	if (NF == 1) next
	v = ($3 == "false-alarm") ? "f" : ($3 == "unclear") ? "u" : "t"
	n[$1, v]++; c[$2, v]++; n[$1]++; c[$2]++; all[v]++; total++
	if (!($2 in seenc)) { seenc[$2]; cats[++nc] = $2 }
}
END {
	print "| module | findings | true | false | unclear | precision |"
	print "|---|---:|---:|---:|---:|---:|"
	for (i = 1; i <= nm; i++) { m = mods[i]
		printf "| %s | %d | %d | %d | %d | %s |\n", m, n[m], n[m, "t"], n[m, "f"], n[m, "u"], pct(n[m, "t"], n[m, "f"]) }
	printf "| **all** | %d | %d | %d | %d | **%s** |\n\n", total, all["t"], all["f"], all["u"], pct(all["t"], all["f"])
	print "| category | findings | true | false | unclear | precision |"
	print "|---|---:|---:|---:|---:|---:|"
	for (i = 1; i <= nc; i++) { k = cats[i]
		printf "| %s | %d | %d | %d | %d | %s |\n", k, c[k], c[k, "t"], c[k, "f"], c[k, "u"], pct(c[k, "t"], c[k, "f"]) }
}'
