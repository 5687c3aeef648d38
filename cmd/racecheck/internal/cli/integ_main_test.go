package cli

import (
	"os"
	"testing"
)

func TestMain(m *testing.M) {
	code := m.Run()
	integCleanup()
	os.Exit(code)
}
