package racefixes

import (
	"encoding/json"
	"fmt"
	"os"
	"path"
	"strings"

	"golang.org/x/mod/module"
)

// Case is one real race fix: a module version with the race (the release
// before the fix commit) and one without it (the first release with it).
type Case struct {
	ID      string `json:"id"`      // short stable name, e.g. "serf-stats"
	Module  string `json:"module"`  // module path at both versions
	Package string `json:"package"` // import path of the package analyzed
	Shape   string `json:"shape"`   // kind of race, e.g. "lock-discipline"
	Race    string `json:"race"`    // one line: what races with what
	Racy    Rev    `json:"racy"`    // release before the fix
	Fixed   Rev    `json:"fixed"`   // first release containing the fix
	Expect  Access `json:"expect"`  // the racy access at Racy
}

// Rev names a module version and the upstream commit it stands for: for
// Racy the parent of the fix commit (the release is its nearest tagged
// ancestor), for Fixed the fix commit itself.
type Rev struct {
	Version string `json:"version"`
	Commit  string `json:"commit"`
}

// Access is the racy access a finding must name: a file relative to the
// module root, its line at the racy version, and the object accessed (a
// field, variable or map name as it appears in diagnostics).
type Access struct {
	File   string `json:"file"`
	Line   int    `json:"line"`
	Object string `json:"object"`
}

// Shapes are the kinds of race a case may have, with what each means;
// they follow the shapes of issue 11 so that misses point at the model
// capability that is missing.
var Shapes = map[string]string{
	"lock-discipline":  "a field or map accessed under its mutex in some methods and without it in another",
	"wrong-lock":       "an access under a lock, but not the one that guards the object",
	"ownership":        "an object taken out of a guarded structure (or shared by pointer or slice) used after the unlock or by another owner",
	"callback":         "a function or interface method handed to another package that runs it on its own goroutines",
	"callee-goroutine": "a goroutine started in a callee or by the library's own loops races with the caller's methods",
	"global":           "a package-level variable written while goroutines read it",
	"atomic-mix":       "a plain access to a variable that is elsewhere accessed atomically",
	"channel-close":    "close of a channel that can race with a send on it",
	"channel-field":    "a channel field reassigned while another goroutine uses it",
}

// Dir is the package's directory relative to the module root, "." for
// the root package.
func (c Case) Dir() string {
	if c.Package == c.Module {
		return "."
	}
	return strings.TrimPrefix(c.Package, c.Module+"/")
}

// Load reads a case list (a JSON array of Case) and checks it.
func Load(file string) ([]Case, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("reading cases: %w", err)
	}
	var cases []Case
	if err := json.Unmarshal(data, &cases); err != nil {
		return nil, fmt.Errorf("parsing %s: %w", file, err)
	}
	seen := make(map[string]bool)
	for i, c := range cases {
		if err := c.check(); err != nil {
			return nil, fmt.Errorf("%s: case %d (%s): %w", file, i, c.ID, err)
		}
		if seen[c.ID] {
			return nil, fmt.Errorf("%s: duplicate case id %s", file, c.ID)
		}
		seen[c.ID] = true
	}
	return cases, nil
}

// check rejects a case the runner could not use or could not judge.
func (c Case) check() error {
	switch {
	case c.ID == "":
		return fmt.Errorf("id is required")
	case Shapes[c.Shape] == "":
		return fmt.Errorf("unknown shape %q", c.Shape)
	case c.Package != c.Module && !strings.HasPrefix(c.Package, c.Module+"/"):
		return fmt.Errorf("package %s is not in module %s", c.Package, c.Module)
	case c.Expect.File == "" || c.Expect.Line <= 0 || c.Expect.Object == "":
		return fmt.Errorf("expect needs file, a positive line and object")
	case path.IsAbs(c.Expect.File) || strings.HasPrefix(path.Clean(c.Expect.File), ".."):
		return fmt.Errorf("expect.file %s must be relative to the module root", c.Expect.File)
	case c.Racy.Commit == "" || c.Fixed.Commit == "":
		return fmt.Errorf("racy and fixed commits are required")
	}
	for _, v := range []string{c.Racy.Version, c.Fixed.Version} {
		if err := module.Check(c.Module, v); err != nil {
			return err
		}
	}
	return nil
}
