"""Run a child process in its own process group and stream its output.

StreamingProcess starts the command with stdin=/dev/null, stdout and stderr
on pipes (or stderr inherited / merged), one reader thread per pipe feeding
a queue, so the caller can react to each line as it arrives, enforce a
deadline, and kill the whole process group at any moment.
"""

import os
import queue
import signal
import subprocess
import sys
import threading
import time

OUT = "out"
ERR = "err"


class Timeout:
    """Returned by next_event() when the deadline passed."""


class Done:
    """Returned by next_event() when every pipe reached end-of-file."""


TIMEOUT = Timeout()
DONE = Done()


def decode(b):
    return b.decode("utf-8", errors="replace").rstrip("\r\n").replace("\r", "")


class StreamingProcess:
    """argv is run in a new session (its own process group).

    stderr: "pipe" (events with stream ERR), "merge" (into stdout),
    or "inherit" (goes straight to our stderr).
    """

    def __init__(self, argv, stderr="pipe", cwd=None, env=None):
        if stderr == "pipe":
            err = subprocess.PIPE
        elif stderr == "merge":
            err = subprocess.STDOUT
        else:
            err = None
        self.proc = subprocess.Popen(
            argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
            stderr=err, cwd=cwd, env=env, start_new_session=True)
        self.pid = self.proc.pid
        self._q = queue.Queue()
        self._open = 0
        self._threads = []
        self.killed = False
        self._start_reader(self.proc.stdout, OUT)
        if self.proc.stderr is not None:
            self._start_reader(self.proc.stderr, ERR)

    def _start_reader(self, pipe, tag):
        self._open += 1

        def reader():
            try:
                for line in iter(pipe.readline, b""):
                    self._q.put((tag, decode(line)))
            except (OSError, ValueError):
                pass
            finally:
                self._q.put((tag, None))
        t = threading.Thread(target=reader, daemon=True)
        t.start()
        self._threads.append(t)

    def next_event(self, deadline=None):
        """(stream, line), or DONE when all pipes are closed, or TIMEOUT.

        deadline is an absolute time.monotonic() value or None.
        """
        while self._open > 0:
            try:
                if deadline is None:
                    tag, line = self._q.get()
                else:
                    remaining = deadline - time.monotonic()
                    if remaining <= 0:
                        return TIMEOUT
                    tag, line = self._q.get(timeout=remaining)
            except queue.Empty:
                return TIMEOUT
            if line is None:
                self._open -= 1
                continue
            return tag, line
        return DONE

    def drain(self, grace=2.0):
        """After kill(): collect what is left in the pipes (list of events)."""
        out = []
        deadline = time.monotonic() + grace
        while True:
            ev = self.next_event(deadline)
            if ev is DONE or ev is TIMEOUT:
                break
            out.append(ev)
        return out

    def kill(self):
        """SIGKILL the whole process group (idempotent)."""
        self.killed = True
        try:
            os.killpg(self.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        try:
            self.proc.kill()
        except (ProcessLookupError, OSError):
            pass

    def wait(self, timeout=None):
        """Wait for exit; returns the status, or None on time-out."""
        try:
            return self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            return None

    def close(self):
        for f in (self.proc.stdout, self.proc.stderr):
            if f is not None:
                try:
                    f.close()
                except OSError:
                    pass


def _silence(stream):
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


def write(stream, text):
    """Write and flush; on a closed pipe (e.g. '| head') keep running
    silently: further output to that stream is discarded."""
    if stream is sys.stderr:
        try:
            sys.stdout.flush()
        except BrokenPipeError:
            _silence(sys.stdout)
        except ValueError:
            pass
    try:
        stream.write(text)
        stream.flush()
    except BrokenPipeError:
        _silence(stream)
    except ValueError:
        pass


def signal_name(rc):
    """'SIGSEGV' for a negative Popen returncode."""
    try:
        return signal.Signals(-rc).name
    except (ValueError, TypeError):
        return "signal %d" % -rc


def install_sigterm_handler():
    """Turn SIGTERM/SIGHUP into KeyboardInterrupt so cleanup code runs."""
    def handler(signum, frame):
        raise KeyboardInterrupt()
    for s in (signal.SIGTERM, signal.SIGHUP):
        try:
            signal.signal(s, handler)
        except (ValueError, OSError):
            pass
