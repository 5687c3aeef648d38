// Package racefixes measures racecheck's recall on real data-race fixes
// (issue 11): a list of cases, each the last release of a widely used
// module before a "fix data race" commit and the first release after it,
// with the racy access the fix protects. It holds the pure parts of the
// benchmark: reading and checking the case list, reading racecheck's
// -json output, deciding whether a finding names the expected access, and
// rendering the result table. The network-heavy driver that downloads
// each module version through the module proxy and runs racecheck on it is
// the command in ./run, started by .ci/racefixes.
package racefixes
