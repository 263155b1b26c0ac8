package dirlock

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestMain lets the test binary play the other process: with
// DIRLOCK_HOLD=<dir> it takes dir's lock, says so on stdout and holds it
// until killed or its stdin closes.
func TestMain(m *testing.M) {
	if dir := os.Getenv("DIRLOCK_HOLD"); dir != "" {
		l, err := Acquire(dir)
		if err != nil {
			fmt.Println("error:", err)
			os.Exit(1)
		}
		fmt.Println("locked")
		bufio.NewReader(os.Stdin).ReadString('\n')
		l.Release()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func TestSecondAcquireFailsAtOnce(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	l, err := Acquire(dir)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Acquire(dir)
	var busy *BusyError
	if !errors.As(err, &busy) || busy.PID != os.Getpid() {
		t.Fatalf("second Acquire: %v, want a BusyError naming pid %d", err, os.Getpid())
	}
	for _, want := range []string{dir, fmt.Sprint(os.Getpid()), filepath.Join(filepath.Dir(dir), ".data.lock")} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("%q does not name %s", err, want)
		}
	}
	if _, err := os.Stat(dir); err == nil {
		t.Error("locking created the folder itself")
	}
	if err := l.Release(); err != nil {
		t.Fatal(err)
	}
	l2, err := Acquire(dir)
	if err != nil {
		t.Fatalf("after Release: %v", err)
	}
	l2.Release()
	l2.Release() // twice is fine
}

// TestLockDiesWithItsHolder holds the lock in another process, checks that
// it refuses us with that process's pid, kills it with SIGKILL and expects
// the lock to be free at once, with no stale file to clean up.
func TestLockDiesWithItsHolder(t *testing.T) {
	if !DiesWithHolder {
		t.Log("no flock here: a killed holder leaves its lock file behind")
		return
	}
	dir := filepath.Join(t.TempDir(), "data")
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "DIRLOCK_HOLD="+dir)
	stdin, _ := cmd.StdinPipe()
	defer stdin.Close()
	out, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, _ := bufio.NewReader(out).ReadString('\n')
	if line != "locked\n" {
		cmd.Process.Kill()
		t.Fatalf("helper said %q", line)
	}
	_, err := Acquire(dir)
	var busy *BusyError
	if !errors.As(err, &busy) || busy.PID != cmd.Process.Pid {
		t.Fatalf("Acquire while another process holds it: %v, want pid %d", err, cmd.Process.Pid)
	}
	cmd.Process.Kill()
	cmd.Wait()
	l, err := Acquire(dir)
	if err != nil {
		t.Fatalf("after its holder was killed: %v", err)
	}
	l.Release()
}

func TestPath(t *testing.T) {
	p, err := Path("some/where/data")
	if err != nil || filepath.Base(p) != ".data.lock" || filepath.Base(filepath.Dir(p)) != "where" {
		t.Errorf("Path = %q, %v", p, err)
	}
	if _, err := Path("/"); err == nil {
		t.Error("the root folder got a lock beside it")
	}
}

// Two paths to one folder, the folder and a symbolic link to it, share one
// lock: a second fetch through the link must be refused as through the
// folder itself.
func TestLinkToLockedFolderIsRefused(t *testing.T) {
	root := t.TempDir()
	real := filepath.Join(root, "real", "data")
	if err := os.MkdirAll(real, 0o755); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(root, "data")
	if err := os.Symlink(real, link); err != nil {
		t.Fatal(err)
	}
	l, err := Acquire(real)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Release()
	var busy *BusyError
	if _, err := Acquire(link); !errors.As(err, &busy) {
		t.Fatalf("Acquire through a link to a locked folder: %v, want a BusyError", err)
	}
	if _, err := Acquire(filepath.Join(link, "..", "real", "data")); !errors.As(err, &busy) {
		t.Fatalf("Acquire through another path: %v, want a BusyError", err)
	}
}
