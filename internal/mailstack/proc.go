package mailstack

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// daemon is one master process (dovecot or postfix) started by us in the
// foreground, in its own process group. Only this pid (and, for a KILL, its
// process group, which holds nothing but its own children) is ever signalled.
type daemon struct {
	name string
	cmd  *exec.Cmd
	done chan struct{} // closed when the process has exited
	err  error         // exit status, valid after done
}

// startDaemon runs argv with stdin from /dev/null and stdout+stderr appended
// to logFile (a file, never a pipe: a daemon that keeps the caller's pipe open
// would hang whoever reads it).
func startDaemon(name, logFile string, argv ...string) (*daemon, error) {
	lf, err := os.OpenFile(logFile, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o644)
	if err != nil {
		return nil, err
	}
	defer lf.Close() // the child has its own copy
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Stdin = nil // /dev/null
	cmd.Stdout = lf
	cmd.Stderr = lf
	cmd.Dir = "/"
	cmd.SysProcAttr = &syscall.SysProcAttr{
		Setpgid: true, // no terminal SIGINT; one group to KILL as a last resort
		// If the test process dies without Stop (test timeout panic, kill -9),
		// the kernel TERMs the master, which takes its children down.
		Pdeathsig: syscall.SIGTERM,
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start %s: %w", name, err)
	}
	d := &daemon{name: name, cmd: cmd, done: make(chan struct{})}
	go func() {
		d.err = cmd.Wait()
		close(d.done)
	}()
	return d, nil
}

func (d *daemon) pid() int { return d.cmd.Process.Pid }

func (d *daemon) exited() bool {
	select {
	case <-d.done:
		return true
	default:
		return false
	}
}

// stop sends TERM to the master and its process group (Setpgid made that
// group hold nothing but the master and its children), waits up to grace for
// them to exit, then KILLs the group. Signalling the whole group matters for
// Dovecot: its imap processes outlive the master by 10 s otherwise
// (IMAP_CLIENT_MOVING_IDLE_TIMEOUT_SECS), keeping clients connected across a
// "restart".
func (d *daemon) stop(grace time.Duration) error {
	if d == nil {
		return nil
	}
	pgid := d.pid()
	if !d.exited() {
		_ = d.cmd.Process.Signal(syscall.SIGTERM)
	}
	_ = syscall.Kill(-pgid, syscall.SIGTERM)
	deadline := time.Now().Add(grace)
	killed := false
	for {
		if d.exited() && !groupAlive(pgid) {
			break
		}
		if time.Now().After(deadline) {
			if killed {
				return fmt.Errorf("%s (pid %d) still running after SIGKILL", d.name, pgid)
			}
			_ = syscall.Kill(-pgid, syscall.SIGKILL)
			_ = d.cmd.Process.Kill()
			killed = true
			deadline = time.Now().Add(5 * time.Second)
		}
		time.Sleep(10 * time.Millisecond)
	}
	if killed {
		return fmt.Errorf("%s (pid %d) ignored SIGTERM for %v and was killed", d.name, pgid, grace)
	}
	return nil
}

// groupAlive reports whether a process of group pgid is still running.
// Zombies do not count: orphans wait to be reaped by init, which in some
// containers and VMs takes seconds.
func groupAlive(pgid int) bool {
	if syscall.Kill(-pgid, 0) == syscall.ESRCH {
		return false
	}
	ents, err := os.ReadDir("/proc")
	if err != nil {
		return true
	}
	want := strconv.Itoa(pgid)
	for _, e := range ents {
		if c := e.Name()[0]; c < '0' || c > '9' {
			continue
		}
		data, err := os.ReadFile("/proc/" + e.Name() + "/stat")
		if err != nil {
			continue
		}
		// pid (comm) state ppid pgrp ...; comm may contain spaces and ')'
		i := bytes.LastIndexByte(data, ')')
		if i < 0 {
			continue
		}
		f := strings.Fields(string(data[i+1:]))
		if len(f) >= 3 && f[2] == want && f[0] != "Z" && f[0] != "X" {
			return true
		}
	}
	return false
}

// waitListening waits until every port in ports has a listening TCP socket
// on host that is held by d's process itself (not some other process that
// happens to use the port), or d exits, or the timeout passes.
func (d *daemon) waitListening(host string, ports []int, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for {
		if d.exited() {
			return fmt.Errorf("%s exited during start-up (%v)", d.name, d.err)
		}
		missing, err := missingListeners(d.pid(), host, ports)
		if err != nil {
			return err
		}
		if len(missing) == 0 {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("%s (pid %d) is not listening on %s port(s) %v after %v", d.name, d.pid(), host, missing, timeout)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// missingListeners returns the ports that pid does not (yet) listen on.
func missingListeners(pid int, host string, ports []int) ([]int, error) {
	owned := socketInodes(pid)
	listening, err := tcpListeners(host)
	if err != nil {
		return nil, err
	}
	var missing []int
	for _, p := range ports {
		if ino, ok := listening[p]; !ok || !owned[ino] {
			missing = append(missing, p)
		}
	}
	return missing, nil
}

// socketInodes returns the inodes of the sockets pid has open.
func socketInodes(pid int) map[uint64]bool {
	fdDir := "/proc/" + strconv.Itoa(pid) + "/fd"
	ents, err := os.ReadDir(fdDir)
	if err != nil {
		return nil
	}
	out := make(map[uint64]bool)
	for _, e := range ents {
		link, err := os.Readlink(fdDir + "/" + e.Name())
		if err != nil || !strings.HasPrefix(link, "socket:[") {
			continue
		}
		if ino, err := strconv.ParseUint(strings.TrimSuffix(link[len("socket:["):], "]"), 10, 64); err == nil {
			out[ino] = true
		}
	}
	return out
}

// tcpListeners parses /proc/net/tcp: port -> inode of the LISTEN socket bound
// to host (an IPv4 address) or to 0.0.0.0.
func tcpListeners(host string) (map[int]uint64, error) {
	data, err := os.ReadFile("/proc/net/tcp")
	if err != nil {
		return nil, fmt.Errorf("read /proc/net/tcp: %w", err)
	}
	want := procHexAddr(host)
	out := make(map[int]uint64)
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Scan() // header
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 10 || f[3] != "0A" { // 0A = TCP_LISTEN
			continue
		}
		addr, port, ok := strings.Cut(f[1], ":")
		if !ok || (addr != want && addr != "00000000") {
			continue
		}
		p, err1 := strconv.ParseUint(port, 16, 16)
		ino, err2 := strconv.ParseUint(f[9], 10, 64)
		if err1 == nil && err2 == nil {
			out[int(p)] = ino
		}
	}
	return out, nil
}

// procHexAddr renders an IPv4 address the way /proc/net/tcp does (little endian hex).
func procHexAddr(host string) string {
	parts := strings.Split(host, ".")
	if len(parts) != 4 {
		return ""
	}
	var b [4]byte
	for i, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil {
			return ""
		}
		b[i] = byte(n)
	}
	return fmt.Sprintf("%02X%02X%02X%02X", b[3], b[2], b[1], b[0])
}

// tail returns the last n lines of a file, for error messages.
func tail(path string, n int) string {
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Sprintf("(cannot read %s: %v)", path, err)
	}
	lines := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// errWithLog decorates err with the tail of a log file.
func errWithLog(err error, logFile string) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%w\n--- last lines of %s ---\n%s", err, logFile, tail(logFile, 25))
}

var errStopped = errors.New("mailstack: stack is stopped")
