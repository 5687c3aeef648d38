package exec

import (
	"os"
	osexec "os/exec"
	"testing"
)

// TestOtherPlatformsBuild type-checks the process-group code of the
// platforms this machine cannot run: Windows (console process group and
// job object) and those without process groups.
func TestOtherPlatformsBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("cross-platform vet")
	}
	for _, goos := range []string{"windows", "plan9", "darwin"} {
		cmd := osexec.Command("go", "vet", ".")
		cmd.Env = append(os.Environ(), "GOOS="+goos, "GOARCH=amd64", "CGO_ENABLED=0")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("GOOS=%s go vet: %v\n%s", goos, err, out)
		}
	}
}
