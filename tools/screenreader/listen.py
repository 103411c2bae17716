"""Listen to a course module with a real screen reader: Orca reading Debian's Chromium.

One command starts a private D-Bus session, a virtual screen (Xvfb), the AT-SPI
accessibility bus, speech-dispatcher with espeak-ng, Orca with its debug log and Chromium
(not headless, with its accessibility bridge) on a module page; it presses keys the way a
blind volunteer would (xdotool, so Orca sees the keys too), and after each key writes down
what Orca said (the ``SPEECH OUTPUT`` lines of its debug log) beside what the page showed
(read over the DevTools protocol). The result is a Markdown transcript.

    .venv/bin/python tools/screenreader/listen.py --module 01-wat-is-stalking \\
        --port 8890 --out /tmp/transcript.md

See tools/screenreader/README.md for the Debian packages it needs and what it does.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import json
import os
import pty
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import tty
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
DEBIAN_PACKAGES = (
    "orca xvfb xdotool x11-utils espeak-ng speech-dispatcher speech-dispatcher-espeak-ng "
    "at-spi2-core dbus-x11 chromium"
)
PROGRAMS = (
    "Xvfb",
    "xdotool",
    "xdpyinfo",
    "orca",
    "dbus-daemon",
    "speech-dispatcher",
    "espeak-ng",
    "/usr/libexec/at-spi-bus-launcher",
)
# The flags every Chromium of this project gets on this machine (tests/support/chromium.py),
# less --headless: Orca needs a real window and Chromium's AT-SPI bridge.
CHROMIUM_FLAGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--force-renderer-accessibility",
    "--window-position=0,0",
    "--window-size=1280,1000",
    "--lang=nl",
    # No "Translate this page?" bubble (also off in the profile): Orca reads it out.
    "--disable-features=Translate,TranslateUI",
)
# "SPEECH OUTPUT: 'text'{voice}", or "SPEECH OUTPUT: 'spatie ' {voice}" for a key's echo.
SPEECH_LINE = re.compile(r"^(\d\d:\d\d:\d\d\.\d+) - SPEECH OUTPUT: '(.*)'\s*(?:\{.*\})?\s*$")
# What the page shows, read in the page: the focused element and every status region.
DESCRIBE_JS = """
() => {
  const text = (el) => (el.innerText || el.value || '').replace(/\\s+/g, ' ').trim();
  const a = document.activeElement;
  let focus = '(nothing focused)';
  if (a && a !== document.body) {
    const bits = [a.tagName.toLowerCase()];
    if (a.getAttribute('role')) bits.push('role=' + a.getAttribute('role'));
    if (a.type && a.tagName === 'INPUT') bits.push('type=' + a.type);
    for (const n of ['aria-pressed', 'aria-checked', 'aria-label']) {
      if (a.hasAttribute(n)) bits.push(n + '=' + a.getAttribute(n));
    }
    if (a.tagName === 'INPUT' && (a.type === 'radio' || a.type === 'checkbox')) {
      bits.push(a.checked ? 'checked' : 'not checked');
    }
    let label = a.labels && a.labels.length ? text(a.labels[0]) : '';
    if (!label && a.tagName !== 'INPUT') label = text(a);
    focus = bits.join(' ') + (label ? ' "' + label.slice(0, 120) + '"' : '');
  }
  const regions = [...document.querySelectorAll('[role=status],[role=alert],[aria-live]')]
    .filter((r) => !r.closest('[hidden]') && text(r))
    .map((r) => (r.getAttribute('role') || 'aria-live') + ': ' + text(r).slice(0, 300));
  return {focus, regions};
}
"""
# The quizzes of a page: output areas holding a widget with an answer control.
QUIZ_JS = """
(n) => {
  const outputs = [...document.querySelectorAll('.jp-OutputArea-output')]
    .filter((o) => o.querySelector('button, input, [role=radio], [role=button]'));
  const quiz = outputs[n - 1];
  if (!quiz) return null;
  let heading = null;
  const all = [...document.querySelectorAll('h1, h2, h3, [role=heading]')];
  for (const h of all) {
    if (h.compareDocumentPosition(quiz) & Node.DOCUMENT_POSITION_FOLLOWING) heading = h;
    if (quiz.contains(h)) { heading = h; break; }
  }
  return {
    heading: heading ? heading.innerText.replace(/\\s+/g, ' ').trim() : null,
    controls: [...quiz.querySelectorAll('button, input, [role=radio], [role=button]')]
      .filter((c) => c.offsetParent !== null).length,
  };
}
"""
IN_QUIZ_JS = """
(n) => {
  const outputs = [...document.querySelectorAll('.jp-OutputArea-output')]
    .filter((o) => o.querySelector('button, input, [role=radio], [role=button]'));
  const quiz = outputs[n - 1];
  return !!quiz && quiz.contains(document.activeElement) && document.activeElement !== quiz;
}
"""

FOCUS_TEXT_JS = "() => (document.activeElement && document.activeElement.innerText) || ''"


class Failure(Exception):
    """A step that could not be done; its message says which and what to check."""


@dataclasses.dataclass
class Step:
    """One key pressed, what Orca said after it, and what the page showed then."""

    number: int
    key: str
    why: str
    speech: list[str]
    focus: str
    regions: list[str]


def wait_for(what: str, check: Callable[[], Any], timeout: float, every: float = 0.1) -> Any:
    """Poll ``check`` until it returns something truthy; fail with ``what`` after ``timeout``."""
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if result:
            return result
        if time.monotonic() > deadline:
            raise Failure(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(every)


def http_ok(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return bool(response.status == 200)
    except (urllib.error.URLError, OSError):
        return False


class Session:
    """The processes of one listening session; all of them end when the session ends."""

    def __init__(self, work: Path, display: str, log: Callable[[str], None]) -> None:
        self.work = work
        self.display = display
        self.log = log
        self.processes: list[tuple[str, subprocess.Popen[bytes]]] = []
        self.keep_fds: list[int] = []
        self.env = dict(os.environ)
        home = work / "home"
        home.mkdir(parents=True, exist_ok=True)
        # A fresh home: Orca's and speech-dispatcher's settings, Chromium's crash folder.
        self.env.update(
            HOME=str(home),
            XDG_CONFIG_HOME=str(home / ".config"),
            XDG_DATA_HOME=str(home / ".local/share"),
            XDG_CACHE_HOME=str(home / ".cache"),
            XDG_RUNTIME_DIR=str(work / "run"),
            DISPLAY=display,
            NO_AT_BRIDGE="0",
        )
        (work / "run").mkdir(mode=0o700, exist_ok=True)
        self.env.pop("DBUS_SESSION_BUS_ADDRESS", None)

    def start(self, name: str, argv: list[str], **kwargs: Any) -> subprocess.Popen[bytes]:
        out = open(self.work / f"{name}.log", "wb")  # noqa: SIM115 (closed with the process)
        process = subprocess.Popen(
            argv,
            env=self.env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            **kwargs,
        )
        self.processes.append((name, process))
        self.log(f"started {name} (pid {process.pid})")
        return process

    def check_alive(self, name: str, process: subprocess.Popen[bytes]) -> None:
        if process.poll() is not None:
            tail = (self.work / f"{name}.log").read_text(errors="replace")[-1500:]
            raise Failure(f"{name} ended with exit code {process.returncode}:\n{tail}")

    def stop(self) -> None:
        for name, process in reversed(self.processes):
            if process.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGTERM)
                try:
                    process.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    with contextlib.suppress(ProcessLookupError):
                        os.killpg(process.pid, signal.SIGKILL)
                    process.wait(timeout=5)
                self.log(f"stopped {name}")
        # speech-dispatcher forks itself away from Orca: end the one this session spawned.
        pid_file = Path(self.env["XDG_RUNTIME_DIR"]) / "speech-dispatcher/pid/speech-dispatcher.pid"
        if pid_file.exists():
            with contextlib.suppress(ValueError, ProcessLookupError):
                os.kill(int(pid_file.read_text().strip()), signal.SIGTERM)
                self.log("stopped speech-dispatcher")


def start_bus(session: Session) -> None:
    """A private session bus, so nothing of this machine's desktop (if any) is touched."""
    process = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--print-address=1"],
        env=session.env,
        stdout=subprocess.PIPE,
        start_new_session=True,
    )
    session.processes.append(("dbus-daemon", process))
    assert process.stdout is not None
    address = process.stdout.readline().decode().strip()
    if not address:
        raise Failure("dbus-daemon printed no bus address")
    session.env["DBUS_SESSION_BUS_ADDRESS"] = address
    session.log(f"session bus at {address}")


def start_screen(session: Session) -> None:
    number = session.display.lstrip(":")
    if Path(f"/tmp/.X{number}-lock").exists():
        raise Failure(f"display {session.display} is taken (/tmp/.X{number}-lock): pick --display")
    xvfb = session.start(
        "xvfb", ["Xvfb", session.display, "-screen", "0", "1280x1024x24", "-nolisten", "tcp"]
    )

    def up() -> bool:
        session.check_alive("xvfb", xvfb)
        return subprocess.run(["xdpyinfo"], env=session.env, capture_output=True).returncode == 0

    wait_for(f"Xvfb on {session.display}", up, 20)


def start_accessibility_bus(session: Session) -> None:
    launcher = session.start(
        "at-spi-bus", ["/usr/libexec/at-spi-bus-launcher", "--launch-immediately"]
    )

    def address() -> bool:
        session.check_alive("at-spi-bus", launcher)
        done = subprocess.run(
            [
                "dbus-send",
                "--session",
                "--print-reply",
                "--dest=org.a11y.Bus",
                "/org/a11y/bus",
                "org.a11y.Bus.GetAddress",
            ],
            env=session.env,
            capture_output=True,
        )
        return done.returncode == 0 and b"unix:" in done.stdout

    wait_for("the AT-SPI accessibility bus (org.a11y.Bus)", address, 20)


def configure_speech(session: Session, wav: Path | None) -> None:
    """speech-dispatcher with espeak-ng; its sound goes to ``wav`` (ALSA's file plugin) or nowhere.

    This machine has no sound card: with the default (PulseAudio) output speech-dispatcher
    never answers Orca, and Orca waits for it forever (seen on 2026-12-05).
    """
    config = Path(session.env["XDG_CONFIG_HOME"]) / "speech-dispatcher"
    config.mkdir(parents=True, exist_ok=True)
    system = Path("/etc/speech-dispatcher/speechd.conf").read_text()
    (config / "speechd.conf").write_text(
        system
        + '\nAudioOutputMethod "alsa"\nAudioALSADevice "orcafile"\nDefaultModule espeak-ng\n'
        + 'DefaultLanguage "nl"\n'
    )
    raw = session.work / "speech.raw"
    sink = f'"|cat >> {raw}"' if wav else '"/dev/null"'
    (Path(session.env["HOME"]) / ".asoundrc").write_text(
        f'pcm.orcafile {{\n  type file\n  slave.pcm "null"\n  file {sink}\n  format "raw"\n}}\n'
    )


def orca_settings(session: Session) -> Path:
    """Orca's own settings: the defaults, with Dutch as the language of its messages."""
    prefs = Path(session.env["XDG_DATA_HOME"]) / "orca"
    prefs.mkdir(parents=True, exist_ok=True)
    return prefs


def start_orca(session: Session, debug_log: Path, timeout: float) -> subprocess.Popen[bytes]:
    """Orca, its debug log written through a pseudo-terminal.

    Orca writes its debug file without flushing it, so a plain file lags by up to 8 KiB
    and a key's speech would show up after a later key. Python line-buffers a file that is
    a terminal: Orca gets a pty as its debug file and a thread copies each line to
    ``debug_log`` at once.
    """
    prefs = orca_settings(session)
    master, slave = pty.openpty()
    tty.setraw(slave)  # no echo, no CR added to each line
    session.keep_fds.append(slave)
    threading.Thread(target=copy_lines, args=(master, debug_log), daemon=True).start()
    debug_log.touch()
    orca = session.start(
        "orca", ["orca", "--replace", f"--debug-file={os.ttyname(slave)}", f"--user-prefs={prefs}"]
    )

    def speaking() -> bool:
        session.check_alive("orca", orca)
        return bool(debug_log.exists() and speech_lines(debug_log, 0)[0])

    wait_for("Orca's first words (its 'screen reader on')", speaking, timeout)
    return orca


def copy_lines(master: int, debug_log: Path) -> None:
    """Copy what Orca writes to its debug pty into ``debug_log``, as it comes."""
    with open(debug_log, "ab", buffering=0) as out:
        while True:
            try:
                data = os.read(master, 65536)
            except OSError:  # the session is over
                return
            if not data:
                return
            out.write(data)


def speech_lines(debug_log: Path, offset: int) -> tuple[list[str], int]:
    """What Orca said in its debug log after byte ``offset``, and the new offset."""
    with open(debug_log, "rb") as f:
        f.seek(offset)
        data = f.read()
    # Only whole lines: Orca may be writing the last one.
    end = data.rfind(b"\n") + 1
    said = []
    for line in data[:end].decode(errors="replace").splitlines():
        match = SPEECH_LINE.match(line)
        if match:
            said.append(match.group(2))
    return said, offset + end


class Listener:
    """Presses keys and collects what Orca said after each, until it has been quiet a while."""

    def __init__(
        self,
        session: Session,
        debug_log: Path,
        page: Any,
        window: str,
        quiet: float,
        timeout: float,
    ) -> None:
        self.session = session
        self.debug_log = debug_log
        self.page = page
        self.window = window
        self.quiet = quiet
        self.timeout = timeout
        self.offset = debug_log.stat().st_size
        self.steps: list[Step] = []
        self.shots: Path | None = None

    def settle(self, expect_speech: bool = True) -> list[str]:
        """Everything Orca says from now until it has said nothing new for ``quiet`` seconds."""
        said: list[str] = []
        started = time.monotonic()
        last = started
        while True:
            new, self.offset = speech_lines(self.debug_log, self.offset)
            now = time.monotonic()
            if new:
                said += new
                last = now
            waited_enough = now - last >= self.quiet and (
                said or not expect_speech or now - started >= self.timeout
            )
            if waited_enough:
                return said
            if now - started > self.timeout + self.quiet:
                return said
            time.sleep(0.05)

    def opened(self) -> Step:
        """What Orca said on its own from Chromium's start until the page is there."""
        return self.record(
            "-", "Chromium opens the page; no key yet", self.settle(expect_speech=False)
        )

    def press(self, key: str, why: str) -> Step:
        self.settle(expect_speech=False)
        subprocess.run(
            ["xdotool", "key", "--clearmodifiers", key], env=self.session.env, check=True
        )
        return self.record(key, why, self.settle())

    def record(self, key: str, why: str, said: list[str]) -> Step:
        shown = self.page.evaluate(DESCRIBE_JS)
        step = Step(len(self.steps), key, why, said, shown["focus"], shown["regions"])
        if self.shots:
            self.shots.mkdir(parents=True, exist_ok=True)
            self.page.screenshot(path=str(self.shots / f"step-{step.number:02d}.png"))
        self.steps.append(step)
        self.session.log(f"{step.number:>3} {key:<10} {' | '.join(said)[:150]}")
        return step


def serve(port: int, log: Callable[[str], None], work: Path) -> subprocess.Popen[bytes] | None:
    """The course on loopback from this checkout, unless something already answers there."""
    if http_ok(f"http://127.0.0.1:{port}/voila/tree"):
        log(f"using the course already served on port {port}")
        return None
    voila = ROOT / ".venv/bin/voila"
    if not voila.exists():
        raise Failure(f"{voila} is missing: run `make install` first")
    out = open(work / "voila.log", "wb")  # noqa: SIM115
    process = subprocess.Popen(
        [str(voila), "modules", f"--port={port}"],
        cwd=ROOT,
        stdout=out,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    log(f"started voila on port {port} (pid {process.pid})")
    wait_for(
        f"Voila on port {port}", lambda: http_ok(f"http://127.0.0.1:{port}/voila/tree"), 180, 0.5
    )
    return process


@contextlib.contextmanager
def cdp_page(port: int, url_part: str, timeout: float) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = wait_for(
            f"Chromium's DevTools port {port}",
            lambda: _connect(p, f"http://127.0.0.1:{port}"),
            timeout,
            0.5,
        )
        try:
            page = wait_for(
                f"a tab on {url_part}",
                lambda: next(
                    (pg for c in browser.contexts for pg in c.pages if url_part in pg.url), None
                ),
                timeout,
            )
            yield page
        finally:
            # Disconnects only; Chromium itself is ended with the session.
            browser.close()


def _connect(p: Any, endpoint: str) -> Any:
    try:
        return p.chromium.connect_over_cdp(endpoint, timeout=5000)
    except Exception:
        return None


def versions() -> dict[str, str]:
    packages = ["orca", "chromium", "espeak-ng", "speech-dispatcher"]
    packages += ["at-spi2-core", "xvfb", "xdotool"]
    done = subprocess.run(
        ["dpkg-query", "-W", "-f=${Package} ${Version}\\n", *packages],
        capture_output=True,
        text=True,
    )
    return dict(line.split(" ", 1) for line in done.stdout.splitlines() if " " in line)


def escape(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def write_transcript(
    out: Path,
    args: argparse.Namespace,
    quiz: dict[str, Any],
    steps: list[Step],
    wav: Path | None,
    served_here: bool,
) -> None:
    if served_here:
        served = f"the course served from this checkout, commit `{git_commit()}`"
    else:
        served = f"the course that was already served on port {args.port} (not started by the tool)"
    lines = [
        f"# What Orca said: module {args.module}, quiz {args.quiz}",
        "",
        f"Made by `tools/screenreader/listen.py` on {time.strftime('%Y-%m-%d %H:%M %Z')}, "
        f"from {served}.",
        "Versions: " + ", ".join(f"{k} {v}" for k, v in versions().items()) + ".",
        f"Orca's language: `{args.orca_language}`; the page's language is the page's own (`lang`).",
        f'The quiz\'s heading on the page: "{quiz["heading"]}"; '
        f"answer controls visible: {quiz['controls']}.",
    ]
    if wav:
        lines.append(f"espeak-ng's sound, as speech-dispatcher played it: `{wav}`.")
    lines += [
        "",
        "Each row is one key pressed (xdotool), what Orca said after it (its debug log's",
        "`SPEECH OUTPUT` lines, in order, one per line), and what the page showed once Orca",
        "was quiet (the focused element and every non-empty status or live region, read over",
        "the DevTools protocol).",
        "",
        "| # | key | why | Orca said | focus on the page | status regions on the page |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for s in steps:
        said = "<br>".join(f"“{escape(x)}”" for x in s.speech) or "(nothing)"
        regions = "<br>".join(escape(r) for r in s.regions) or "-"
        lines.append(
            f"| {s.number} | `{s.key}` | {escape(s.why)} | {said} | {escape(s.focus)} | {regions} |"
        )
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(lines) + "\n")


def git_commit() -> str:
    done = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    )
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "coursekit", "modules"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    return done.stdout.strip() + (" + changes" if dirty.stdout.strip() else "")


def listen(args: argparse.Namespace) -> int:
    def log(message: str) -> None:
        print(f"[listen {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)

    missing = [p for p in PROGRAMS if not shutil.which(p) and not Path(p).exists()]
    if not Path(args.chromium).exists():
        missing.append(args.chromium)
    if missing:
        log(
            f"missing: {', '.join(missing)}. Install them with: "
            f"apt-get install -y --no-install-recommends {DEBIAN_PACKAGES}"
        )
        return 2

    work = Path(tempfile.mkdtemp(prefix="listen-")) if args.work is None else Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    log(f"logs in {work}")
    debug_log = work / "orca-debug.log"
    wav = Path(args.wav).resolve() if args.wav else None
    voila = serve(args.port, log, work)
    session = Session(work, args.display, log)
    session.env["LANGUAGE"] = args.orca_language
    url = f"http://127.0.0.1:{args.port}/voila/render/{args.module}.ipynb"
    try:
        start_bus(session)
        start_screen(session)
        start_accessibility_bus(session)
        configure_speech(session, wav)
        start_orca(session, debug_log, args.timeout)
        log("Orca is speaking")
        profile = work / "chromium-profile"
        # A Dutch volunteer's browser: Dutch first, so no offer to translate the page.
        (profile / "Default").mkdir(parents=True, exist_ok=True)
        (profile / "Default/Preferences").write_text(
            json.dumps({"intl": {"accept_languages": "nl,en"}, "translate": {"enabled": False}})
        )
        before_chromium = debug_log.stat().st_size
        chromium = session.start(
            "chromium",
            [
                args.chromium,
                *CHROMIUM_FLAGS,
                f"--user-data-dir={profile}",
                f"--remote-debugging-port={args.cdp_port}",
                url,
            ],
        )
        with cdp_page(args.cdp_port, f"/voila/render/{args.module}", args.timeout) as page:
            session.check_alive("chromium", chromium)
            quiz = wait_for(
                f"quiz {args.quiz} of {args.module} with its answer controls "
                "(is the kernel slow, or the module name wrong?)",
                lambda: (q := page.evaluate(QUIZ_JS, args.quiz)) and q["controls"] and q,
                args.timeout,
                0.5,
            )
            log(f"quiz {args.quiz}: heading {quiz['heading']!r}, {quiz['controls']} controls")
            window = wait_for(
                "Chromium's window on the screen",
                lambda: subprocess.run(
                    ["xdotool", "search", "--onlyvisible", "--class", "chromium"],
                    env=session.env,
                    capture_output=True,
                    text=True,
                ).stdout.split(),
                args.timeout,
            )[-1]
            subprocess.run(
                ["xdotool", "windowfocus", "--sync", window], env=session.env, check=True
            )
            listener = Listener(session, debug_log, page, window, args.quiet, args.step_timeout)
            listener.offset = before_chromium  # step 0: all Orca said while the page opened
            listener.shots = Path(args.shots) if args.shots else None
            # What Orca says on its own once the page has loaded and the window has focus.
            listener.opened()
            run_script(listener, quiz, args)
            steps = listener.steps
        if wav:
            to_wav(work / "speech.raw", wav, log)
        write_transcript(Path(args.out), args, quiz, steps, wav, voila is not None)
        log(f"transcript written to {args.out} ({len(steps)} keys)")
        return 0
    except Failure as failure:
        log(f"FAILED: {failure}")
        log(f"the logs of every process are in {work}")
        return 1
    finally:
        session.stop()
        if voila is not None:
            os.killpg(voila.pid, signal.SIGTERM)
            voila.wait(timeout=30)
            log("stopped voila")


def run_script(listener: Listener, quiz: dict[str, Any], args: argparse.Namespace) -> None:
    """The keys a blind volunteer presses: to the quiz's heading, through its answers, one
    answer, and then on through what follows it."""

    def in_quiz() -> bool:
        return bool(listener.page.evaluate(IN_QUIZ_JS, args.quiz))

    heading = (quiz["heading"] or "").rstrip("?.!:").lower()
    # 1. Orca's heading key (browse mode): on to the quiz's heading.
    for _ in range(args.max_keys):
        step = listener.press("h", "Orca: next heading")
        if heading and any(heading in said.lower() for said in step.speech):
            break
    else:
        raise Failure(
            f"pressed h {args.max_keys} times and Orca never said the heading {quiz['heading']!r}"
        )
    # 2. Read on line by line (Orca's browse mode) until the caret lands on an answer
    #    control: Orca then moves the focus there. Tab if reading never gets there.
    for _ in range(args.read_before):
        listener.press("Down", "Orca: next line")
        if in_quiz():
            break
    else:
        for _ in range(args.max_keys):
            listener.press("Tab", "next control")
            if in_quiz():
                break
        else:
            raise Failure(
                f"pressed Tab {args.max_keys} times and the focus never reached quiz {args.quiz}"
            )
    # 3. Through the answer choices, and back to the first.
    for _ in range(args.choices - 1):
        listener.press("Tab", "next answer choice")
    for _ in range(args.choices - 1):
        listener.press("shift+Tab", "back to the first answer choice")
    if not in_quiz():
        raise Failure(
            f"the focus left quiz {args.quiz} while going through its {args.choices} choices"
        )
    if args.arrows:
        # In a radio group the arrows move between the choices; elsewhere Orca reads on.
        listener.press("Down", "arrow key: next choice (a radio group would move here)")
        listener.press("Up", "arrow key: back")
    # 4. Answer, and let the feedback be announced.
    listener.press(args.answer_key, "choose this answer")
    if args.submit:
        # A quiz with a check button (a scenario's "Controleer"): Tab to it and press it.
        for _ in range(args.max_keys):
            if args.submit in listener.page.evaluate(FOCUS_TEXT_JS):
                break
            listener.press("Tab", f"on to {args.submit}")
        else:
            raise Failure(f"pressed Tab {args.max_keys} times and never reached {args.submit!r}")
        listener.press(args.answer_key, f"press {args.submit}")
    # 5. Read back what came with the answer (Orca's browse mode, line by line upwards),
    #    return to the focused control, press it (Volgende) and Tab on.
    for _ in range(args.read_after):
        listener.press("Up", "Orca: previous line")
    for _ in range(args.read_after):
        listener.press("Down", "Orca: next line")
    listener.press(
        args.answer_key, "press the focused control (Volgende, or the check button again)"
    )
    listener.press("Tab", "next control")


def to_wav(raw: Path, wav: Path, log: Callable[[str], None]) -> None:
    if not raw.exists() or raw.stat().st_size == 0:
        log("no sound was written (speech-dispatcher played nothing)")
        return
    # espeak-ng through speech-dispatcher: 16-bit mono at 22050 Hz.
    import wave

    wav.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(wav), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(22050)
        w.writeframes(raw.read_bytes())
    log(f"sound written to {wav}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument(
        "--module", default="01-wat-is-stalking", help="the module's notebook name, without .ipynb"
    )
    parser.add_argument(
        "--quiz", type=int, default=1, help="which quiz of the page (1 = the first)"
    )
    parser.add_argument(
        "--port", type=int, default=8890, help="Voila's port; started from this checkout if free"
    )
    parser.add_argument("--out", required=True, help="the Markdown transcript to write")
    parser.add_argument("--wav", help="also keep espeak-ng's speech as a WAV file here")
    parser.add_argument(
        "--orca-language", default="nl", help="the language of Orca's own words (LANGUAGE)"
    )
    parser.add_argument("--display", default=":99", help="the Xvfb display to use")
    parser.add_argument(
        "--cdp-port", type=int, default=9333, help="Chromium's DevTools port (loopback)"
    )
    parser.add_argument("--chromium", default=os.environ.get("CHROMIUM", "/usr/bin/chromium"))
    parser.add_argument(
        "--choices", type=int, default=2, help="how many answer choices to Tab through"
    )
    parser.add_argument(
        "--arrows", action="store_true", help="also press Down and Up on the first choice"
    )
    parser.add_argument(
        "--answer-key", default="space", help="the key that chooses (xdotool's name)"
    )
    parser.add_argument(
        "--read-before",
        type=int,
        default=8,
        help="most lines to read from the heading to the answers",
    )
    parser.add_argument(
        "--submit", help="after choosing, Tab to the button with this text and press it"
    )
    parser.add_argument("--shots", help="a folder for a screenshot after each key")
    parser.add_argument(
        "--read-after", type=int, default=3, help="how many lines to read back after answering"
    )
    parser.add_argument(
        "--max-keys", type=int, default=40, help="give up after this many h or Tab presses"
    )
    parser.add_argument(
        "--quiet", type=float, default=1.5, help="seconds of silence that end a step"
    )
    parser.add_argument(
        "--step-timeout", type=float, default=8.0, help="longest wait for speech after a key"
    )
    parser.add_argument(
        "--timeout", type=float, default=120.0, help="longest wait for a program or the page"
    )
    parser.add_argument("--work", help="folder for the logs (default: a new temporary folder)")
    return listen(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
