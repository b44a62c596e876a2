"""Drives a real galley process through the accessibility tree, as a screen
reader would. Runs inside the X server and D-Bus session that the README's
test command provides (xvfb-run, dbus-run-session)."""

import os
import shutil
import subprocess
import tempfile
import time

import pyatspi


class GalleyFailure(AssertionError):
    pass


def wait_for(what, predicate, timeout=20.0, interval=0.1):
    """Polls predicate until it returns something true, or fails naming what."""
    deadline = time.monotonic() + timeout
    last_error = None
    while time.monotonic() < deadline:
        try:
            result = predicate()
            if result:
                return result
        except Exception as error:  # the tree changes under us while we read it
            last_error = error
        time.sleep(interval)
    raise GalleyFailure(f"timed out waiting for {what} (last error: {last_error})")


def start_accessibility_bus():
    """GTK 4 talks to the AT-SPI registry; start it on this session bus."""
    launcher = next((path for path in ("/usr/libexec/at-spi-bus-launcher",
                                       "/usr/lib/at-spi2-core/at-spi-bus-launcher")
                     if os.path.exists(path)), None)
    if launcher is None:
        raise GalleyFailure("at-spi-bus-launcher is not installed")
    return subprocess.Popen([launcher, "--launch-immediately"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


class GalleySession:
    """One galley process with its own fresh data directory."""

    def __init__(self, binary, schema_dir, data_home=None, args=(), extra_env=None):
        self.binary = binary
        self.schema_dir = schema_dir
        self.owns_home = data_home is None
        self.home = data_home or tempfile.mkdtemp(prefix="galley-e2e-")
        self.args = list(args)
        self.extra_env = dict(extra_env or {})
        self.process = None
        self.app = None

    def environment(self):
        env = dict(os.environ)
        env.pop("NO_AT_BRIDGE", None)
        env.update({
            "GTK_A11Y": "atspi",
            "GSK_RENDERER": "cairo",
            "GSETTINGS_BACKEND": "memory",
            "GSETTINGS_SCHEMA_DIR": self.schema_dir,
            "XDG_DATA_HOME": os.path.join(self.home, "data"),
            "XDG_CONFIG_HOME": os.path.join(self.home, "config"),
            "XDG_CACHE_HOME": os.path.join(self.home, "cache"),
            # A critical in the app is a failed test, not a line on stderr.
            "G_DEBUG": "fatal-criticals",
        })
        env.update(self.extra_env)
        return env

    def start(self):
        self.process = subprocess.Popen([self.binary] + self.args, env=self.environment())
        self.app = wait_for("galley on the accessibility bus", self._find_app)
        return self

    def _find_app(self):
        if self.process.poll() is not None:
            raise GalleyFailure(f"galley exited with {self.process.returncode}")
        desktop = pyatspi.Registry.getDesktop(0)
        for i in range(desktop.childCount):
            app = desktop.getChildAtIndex(i)
            if app is not None and app.get_process_id() == self.process.pid:
                return app if app.childCount > 0 else None
        return None

    def activate_again(self):
        """Runs galley once more, as a click on its icon would: a second
        instance only asks the running one to show its window, and exits."""
        subprocess.run([self.binary], env=self.environment(), check=True, timeout=30)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.owns_home:
            shutil.rmtree(self.home, ignore_errors=True)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    # Reading the tree. GTK 4.8 does not keep STATE_SHOWING up to date, so
    # nodes are told apart by role, name and place, not by being on screen.

    def find_all(self, role=None, name=None, predicate=None):
        def matches(node):
            if node is None:
                return False
            if role is not None and node.getRole() != role:
                return False
            if name is not None and node.name != name:
                return False
            return predicate(node) if predicate else True
        return pyatspi.utils.findAllDescendants(self.app, matches)

    def wait_for_node(self, what, **kwargs):
        return wait_for(what, lambda: (self.find_all(**kwargs) or [None])[0])

    def label_texts(self):
        """The first line of every label: a recipe list row is one label
        with the title on its first line."""
        return [node.name.split("\n")[0] for node in self.find_all(role=pyatspi.ROLE_LABEL)]

    def wait_for_label(self, what, text):
        return wait_for(what, lambda: text in self.label_texts())

    # Input, as a person types it (GTK 4.8 ignores AT-SPI text writes)

    def window_id(self):
        output = wait_for("galley's X window", lambda: subprocess.run(
            ["xdotool", "search", "--sync", "--onlyvisible", "--pid", str(self.process.pid)],
            capture_output=True, text=True, timeout=10).stdout.split())
        return output[-1]

    def key(self, *keys):
        window = self.window_id()
        subprocess.run(["xdotool", "windowfocus", "--sync", window], check=True)
        subprocess.run(["xdotool", "key", "--clearmodifiers"] + list(keys), check=True)

    def type(self, text):
        window = self.window_id()
        subprocess.run(["xdotool", "windowfocus", "--sync", window], check=True)
        subprocess.run(["xdotool", "type", "--delay", "40", text], check=True)
