#!/usr/bin/env python3
"""bench/tuibench.py OZGTUI DBDIR [--dashboard] - the full-screen interface through a pty.

Runs `OZGTUI --db DBDIR` in a pseudo-terminal of 140x45 (TERM=xterm-256color)
with OZGTUI_TRACE_KEYS set (src/tui/tui.c writes the wall-clock time of the
first complete frame and, per key, the microseconds from reading the key to
the end of the frame it caused), types a fixed sequence of keys and prints:

- time from start (fork) to the first complete dashboard frame;
- per kind of key (scroll, page, filter keystroke, search keystroke, phase
  move, view switch) the median and 99th percentile processing time;
- bytes written to the terminal per scroll step and per phase move (read from
  the pty master);
- peak resident memory of the process (getrusage of the child: ru_maxrss);
- the overview's findings, counted in idle slices after the first frame:
  when they are complete, how long a slice took (what a key may wait for),
  and the keys typed on the overview meanwhile;
- the keys whose work grows with the database, each answered from the first
  screen while the rest is built in idle slices (src/rset.c, rset_job): the
  board unfiltered, the filter cleared, a filter no index answers (rep:no),
  sorting by title, a search that matches nothing (in view 2, then on the
  board), the filters the indexes answer exactly (phase, field, both; each
  applied several times, the board too with both); and how long until each
  build is complete and the largest slice meanwhile.

With --dashboard it stops after the overview (its peak memory alone).

The phase moves change the database: give it a copy (scripts/bench does).
"""
import fcntl
import os
import select
import statistics
import struct
import sys
import tempfile
import termios
import time

ROWS, COLS = 45, 140
PC_COUNT = 9   # columns of the projects view (s goes round them)
# how often each exact filter (phase, field, both) is applied
EXACT_RUNS = 5
FIRST_FRAME_TIMEOUT = 60.0
KEY_TIMEOUT = 60.0


class Tui:
    def __init__(self, oz, db, trace):
        self.trace = trace
        self.trace_pos = 0
        self.pending = b""
        self.idle = []        # microseconds per idle slice (wall clock)
        self.idle_cpu = []    # ... and its CPU time
        self.idle_done = []   # wall clock (s) when idle work finished
        self.busy = False     # the last of these lines was a slice, not idle-done
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
        env = dict(os.environ, TERM="xterm-256color", OZGTUI_TRACE_KEYS=trace, LANG="C.UTF-8",
                   LC_ALL="C.UTF-8")
        env.pop("NO_COLOR", None)
        self.start = time.time()
        pid = os.fork()
        if pid == 0:
            os.setsid()
            fcntl.ioctl(slave, termios.TIOCSCTTY, 0)
            for fd in (0, 1, 2):
                os.dup2(slave, fd)
            os.close(master)
            os.close(slave)
            os.execve(oz, [oz, "--db", db], env)
        os.close(slave)
        self.pid = pid
        self.fd = master
        self.bytes = 0

    def pump(self, timeout):
        """Reads what the program wrote, for up to timeout seconds."""
        r, _, _ = select.select([self.fd], [], [], timeout)
        if r:
            try:
                data = os.read(self.fd, 65536)
            except OSError:
                return False
            self.bytes += len(data)
            return bool(data)
        return False

    def trace_lines(self):
        with open(self.trace, "rb") as fh:
            fh.seek(self.trace_pos)
            data = fh.read()
        self.pending += data
        self.trace_pos += len(data)
        lines = []
        while b"\n" in self.pending:
            line, self.pending = self.pending.split(b"\n", 1)
            line = line.decode()
            if line.startswith("idle-done "):
                self.idle_done.append(int(line.split()[1]) / 1e6)
                self.busy = False
            elif line.startswith("idle "):
                self.busy = True
                f = line.split()
                self.idle.append(int(f[1]))
                self.idle_cpu.append(int(f[2]) if len(f) > 2 else int(f[1]))
            else:
                lines.append(line)
        return lines

    def wait_line(self, timeout):
        end = time.time() + timeout
        while time.time() < end:
            lines = self.trace_lines()
            if lines:
                return lines[0]
            self.pump(0.002)
        return None

    def drain(self, quiet=0.03):
        while self.pump(quiet):
            pass

    def key(self, data):
        """Sends one key; returns (microseconds, bytes written for it, CPU
        microseconds or None)."""
        self.drain(0.005)
        before = self.bytes
        os.write(self.fd, data)
        line = self.wait_line(KEY_TIMEOUT)
        self.drain(0.01)
        if not line or not line.startswith("key "):
            raise RuntimeError("no trace line for key %r (got %r)" % (data, line))
        f = line.split()
        return int(f[2]), self.bytes - before, int(f[3]) if len(f) > 3 else None

    def finish(self):
        try:
            os.write(self.fd, b"Q")
        except OSError:
            pass
        end = time.time() + 10
        while time.time() < end:
            self.pump(0.05)
            pid, status, usage = os.wait4(self.pid, os.WNOHANG)
            if pid:
                return usage.ru_maxrss
        os.kill(self.pid, 9)
        _, _, usage = os.wait4(self.pid, 0)
        return usage.ru_maxrss


def p99(v):
    s = sorted(v)
    return s[min(len(s) - 1, int(round(0.99 * (len(s) - 1))))]


def main():
    if len(sys.argv) < 3:
        sys.exit("usage: tuibench.py OZGTUI DBDIR")
    oz, db = sys.argv[1], sys.argv[2]
    dashboard_only = "--dashboard" in sys.argv[3:]
    fd, trace = tempfile.mkstemp(prefix="ozgtui-trace-")
    os.close(fd)
    t = Tui(oz, db, trace)
    line = t.wait_line(FIRST_FRAME_TIMEOUT)
    if not line or not line.startswith("frame0 "):
        rss = t.finish()
        print("TUI: no first frame within %.0f s (peak RSS %.1f MiB)" % (FIRST_FRAME_TIMEOUT, rss / 1024))
        return
    first_ms = (int(line.split()[1]) / 1e6 - t.start) * 1000
    t.drain(0.05)
    first_bytes = t.bytes

    times = {}
    cpus = {}
    nbytes = {}

    def run(kind, data, n=1):
        for _ in range(n):
            us, b, cpu = t.key(data)
            times.setdefault(kind, []).append(us / 1000.0)
            if cpu is not None:
                cpus.setdefault(kind, []).append(cpu / 1000.0)
            nbytes.setdefault(kind, []).append(b)

    # the overview counts its findings in idle slices: keys meanwhile, then
    # wait until it is done
    during = 0
    for i in range(40):
        run("overview key (j/k)", b"jk"[i % 2:i % 2 + 1])
        during += not t.idle_done
    end = time.time() + FIRST_FRAME_TIMEOUT
    while not t.idle_done and time.time() < end:
        t.trace_lines()
        t.pump(0.005)
    done_ms = (t.idle_done[0] - t.start) * 1000 if t.idle_done else None
    slices, slices_cpu = list(t.idle), list(t.idle_cpu)
    if dashboard_only:
        rss_kb = t.finish()
        os.unlink(trace)
        v = times["overview key (j/k)"]
        print("TUI at %dx%d, database %s (overview only)" % (COLS, ROWS, db))
        print()
        print("| measure | value |")
        print("|---|---:|")
        print("| first complete frame (from fork) | %.1f ms |" % first_ms)
        print("| findings complete (from fork) | %s |" % ("%.0f ms" % done_ms if done_ms else "not within %.0f s"
                                                         % FIRST_FRAME_TIMEOUT))
        if slices:
            print("| idle slices | %d, median %.2f ms, p99 %.2f ms, max %.2f ms (CPU: %.2f, %.2f, %.2f ms) |"
                  % (len(slices), statistics.median(slices) / 1000, p99(slices) / 1000, max(slices) / 1000,
                     statistics.median(slices_cpu) / 1000, p99(slices_cpu) / 1000, max(slices_cpu) / 1000))
        print("| overview keys (j/k), %d while counting | median %.2f ms, p99 %.2f ms, max %.2f ms |"
              % (during, statistics.median(v), p99(v), max(v)))
        print("| peak resident memory (ru_maxrss) | %.1f MiB |" % (rss_kb / 1024.0))
        return

    run("view switch (2: Projekte)", b"2")
    run("scroll (j)", b"j", 60)
    run("scroll (k)", b"k", 20)
    run("page (^F)", b"\x06", 20)
    run("page (^B)", b"\x02", 10)
    run("home (g)", b"g")
    # filter: one keystroke at a time, then Enter
    run("filter keystroke", b"f")
    for ch in b"phase:sichtung":
        run("filter keystroke", bytes([ch]))
    run("filter apply (Enter: phase)", b"\r")
    run("scroll (j)", b"j", 20)
    run("search keystroke", b"/")
    for ch in b"digital":
        run("search keystroke", bytes([ch]))
    run("search keystroke", b"\r")
    run("search next (n)", b"n", 10)
    # Sichtung -> Workshop: the scope gate passes for generated projects
    run("phase move (L)", b"L", 10)
    run("view switch (1: Übersicht)", b"1")
    run("view switch (2: Projekte)", b"2")

    def set_filter(kind, text):
        run("filter keystroke", b"f")
        run("filter keystroke", b"\x15")   # ^U: the whole line away
        for ch in text:
            run("filter keystroke", bytes([ch]))
        run(kind, b"\r")

    set_filter("filter apply (Enter: field)", b"field:bauen")
    set_filter("filter apply (Enter: phase and field)", b"phase:umsetzung field:bauen")
    run("view switch (3: Board, phase and field)", b"3")
    run("view switch (2: Projekte)", b"2")
    # the board: unfiltered, its columns from the phase index
    set_filter("filter apply (Enter: none)", b"")
    for _ in range(5):
        run("view switch (3: Board)", b"3")
        run("view switch (2: Projekte)", b"2")
    run("board key (l/h/j)", b"3")
    for ch in b"ljjhkl":
        run("board key (l/h/j)", bytes([ch]))
    run("view switch (2: Projekte)", b"2")

    # keys that used to read every project (issue 7): each is measured, then
    # the build it started is let finish (idle-done) and timed
    settled = {}

    def settle(kind, t0, done_before, slices_before):
        # done when an idle-done has come and no slice since (a search in
        # its prompt ends one after each keystroke); no idle slice within
        # 0.3 s: nothing was left
        end = time.time() + FIRST_FRAME_TIMEOUT
        quiet = time.time() + 0.3
        t.trace_lines()
        while (len(t.idle_done) <= done_before or t.busy) and time.time() < end:
            t.pump(0.005)
            t.trace_lines()
            if len(t.idle) == slices_before and time.time() > quiet:
                break
        if len(t.idle_done) > done_before:
            sl = t.idle[slices_before:]
            # every run of a kind is kept (the 8 sorts after the title sort)
            settled.setdefault(kind, []).append(((t.idle_done[-1] - t0) * 1000, max(sl) / 1000 if sl else 0.0,
                                                 len(sl)))

    def timed(kind, fn):
        t.drain(0.02)
        t.trace_lines()
        done_before, slices_before, t0 = len(t.idle_done), len(t.idle), time.time()
        fn()
        settle(kind, t0, done_before, slices_before)

    timed("filter apply (Enter: rep:no)", lambda: set_filter("filter apply (Enter: rep:no)", b"rep:no"))
    timed("filter apply (Enter: none, cleared)", lambda: set_filter("filter apply (Enter: none, cleared)", b""))
    run("view switch (3: Board)", b"3")
    timed("board filter apply (Enter: rep:no)",
          lambda: set_filter("board filter apply (Enter: rep:no)", b"rep:no"))
    timed("board filter apply (Enter: none, cleared)",
          lambda: set_filter("board filter apply (Enter: none, cleared)", b""))
    run("view switch (2: Projekte)", b"2")
    timed("sort (s: by title)", lambda: run("sort (s: by title)", b"s"))
    for _ in range(PC_COUNT - 1):   # back to the number
        timed("sort (s: next columns)", lambda: run("sort (s: next columns)", b"s"))

    # the filters the indexes answer exactly, each applied EXACT_RUNS times
    # (a p99 of more than one key), cleared in between, each build let finish;
    # with phase and field the board too
    for _ in range(EXACT_RUNS):
        for kind, text in (("filter apply (Enter: phase)", b"phase:sichtung"),
                           ("filter apply (Enter: field)", b"field:bauen"),
                           ("filter apply (Enter: phase and field)", b"phase:umsetzung field:bauen")):
            timed(kind, lambda: set_filter(kind, text))
            if text.startswith(b"phase:umsetzung"):
                timed("view switch (3: Board, phase and field)",
                      lambda: run("view switch (3: Board, phase and field)", b"3"))
                run("view switch (2: Projekte)", b"2")
            timed("filter apply (Enter: none, cleared)",
                  lambda: set_filter("filter apply (Enter: none, cleared)", b""))

    # the search goes on in idle slices while its prompt is open (they are
    # in the trace too): timed from "/" to its end, wherever it ends
    def search_nothing():
        run("search keystroke (no match)", b"/")
        for ch in b"zzqxj":
            run("search keystroke (no match)", bytes([ch]))
        run("search keystroke (no match)", b"\r")
    timed("search (no match)", search_nothing)
    # the same on the board (view 3), over every card
    run("view switch (3: Board)", b"3")

    def board_search_nothing():
        run("board search keystroke (no match)", b"/")
        for ch in b"zzqxk":
            run("board search keystroke (no match)", bytes([ch]))
        run("board search keystroke (no match)", b"\r")
    timed("board search (no match)", board_search_nothing)
    rss_kb = t.finish()
    os.unlink(trace)

    print("TUI at %dx%d, database %s" % (COLS, ROWS, db))
    print()
    print("| measure | median | p99 | max | keys | CPU median | CPU p99 | CPU max |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    print("| first complete dashboard frame (from fork) | %.1f ms | | | |" % first_ms)
    if done_ms:
        print("| overview findings complete (from fork) | %.1f ms | | | |" % done_ms)
    if slices:
        print("| overview idle slice (a key waits at most this) | %.2f ms | %.2f ms | %.2f ms | %d slices |"
              % (statistics.median(slices) / 1000, p99(slices) / 1000, max(slices) / 1000, len(slices)))
        print("| overview idle slice, CPU time | %.2f ms | %.2f ms | %.2f ms | |"
              % (statistics.median(slices_cpu) / 1000, p99(slices_cpu) / 1000, max(slices_cpu) / 1000))
    for kind in times:
        v = times[kind]
        c = cpus.get(kind)
        cpu = (" %.2f ms | %.2f ms | %.2f ms |" % (statistics.median(c), p99(c), max(c))) if c else " | | |"
        print("| %s | %.2f ms | %.2f ms | %.2f ms | %d |%s" % (kind, statistics.median(v), p99(v), max(v), len(v),
                                                           cpu))
    if settled:
        print()
        # a kind run more than once: the slowest run, the largest slice and
        # the most slices of any, and how many runs had idle work
        print("| build in idle slices after | complete after | largest slice | slices | runs |")
        print("|---|---:|---:|---:|---:|")
        for kind, runs in settled.items():
            print("| %s | %.0f ms | %.2f ms | %d | %d |" % (kind, max(r[0] for r in runs), max(r[1] for r in runs),
                                                       max(r[2] for r in runs), len(runs)))
    print()
    print("| bytes to the terminal | median | max |")
    print("|---|---:|---:|")
    print("| first frame | %d | |" % first_bytes)
    for kind in ("scroll (j)", "scroll (k)", "page (^F)", "phase move (L)", "filter keystroke",
                 "search keystroke"):
        v = nbytes.get(kind)
        if v:
            print("| per %s | %d | %d |" % (kind, statistics.median(v), max(v)))
    print()
    print("peak resident memory (ru_maxrss): %.1f MiB" % (rss_kb / 1024.0))


if __name__ == "__main__":
    main()
