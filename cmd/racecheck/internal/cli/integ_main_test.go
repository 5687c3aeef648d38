package cli

import (
	"os"
	"testing"
)

func TestMain(m *testing.M) {
	// Runs through go vet keep their cache state (the cache generation)
	// in a directory of their own, not the user's.
	state, err := os.MkdirTemp("", "racecheck-state-")
	if err != nil {
		panic(err)
	}
	os.Setenv(cacheEnv, state)
	code := m.Run()
	integCleanup()
	os.RemoveAll(state)
	os.Exit(code)
}
