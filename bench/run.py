#!/usr/bin/env python3
"""Whole-process benchmark of `scorecard render` (issue 6).

Generates deterministic indicator CSVs of 40, 400 and 2,000 indicators into bench/work/, renders
each (and the example pack) as a separate process N times, and reports the median wall time, the
median peak RSS of the child process, the page count (pdfinfo) and the bytes of the main PDF, with
ratios to the Typst 0.15 (tagged) figures recorded in issue 6. Writes bench/RESULTS.md.

Python 3.11 standard library only. Usage:

    python3 bench/run.py [--runs 7] [--warmup 1] [--binary .build/release/scorecard]
                         [--baseline OTHER_BINARY] [--sizes 40,400,2000] [--no-pack] [--no-write]
                         [--generate-only]

Wall time is time.perf_counter() around Popen + os.wait4; CPU time (user + sys) and peak RSS are
the child's own ru_utime/ru_stime/ru_maxrss from os.wait4 (ru_maxrss in KiB on Linux), so each run
is measured by itself. The CPU share used by other processes while measuring is reported (from
/proc/stat), because other builds and test runs on a 2-core machine inflate wall times.

Runs go round by round: each round renders every input once (and, with --baseline OTHER, every
input with the other binary too, in alternating order), so a slow spell of the virtual machine,
which can last seconds, falls on all inputs and both binaries alike instead of on one input's runs.
With --baseline the report adds the two binaries' medians side by side and their ratio.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / "work"
RESULTS = ROOT / "bench" / "RESULTS.md"
EXAMPLE_PACK = ROOT / "Examples" / "cype-2017-06-22"
SEED = 20170622
SOURCE_DATE_EPOCH = "1498089600"  # 2017-06-22, pins PDF dates so output bytes are repeatable

# Typst 0.15, tagged, whole process, same scorecard (issue 6): seconds, MiB, bytes (KB/MB decimal).
TYPST = {
    40: (0.074, 50.0, 141_000, 3),
    400: (0.283, 114.0, 1_000_000, 21),
    2000: (1.10, 398.0, 5_100_000, 104),
}
# Goals of issue 6: >= 3x faster, <= 1/4 memory, <= 1/2 bytes; pack < 0.1 s; 2,000 rows < 100 MiB.
GOAL_SPEED, GOAL_MEM, GOAL_BYTES = 3.0, 4.0, 2.0
GOAL_PACK_S = 0.100
GOAL_RSS_2000_MIB = 100.0

# --------------------------------------------------------------------------------------------------
# CSV generation
# --------------------------------------------------------------------------------------------------

THEMES = [
    ("Early Years & Childcare", "EY"), ("Schools – Quality & Standards", "SQ"), ("SEND", "SE"),
    ("Attendance & Exclusions", "AE"), ("14–19 Participation & Skills", "PS"),
    ("Early Help & Preventative Services", "EH"), ("Youth Justice", "YJ"),
    ("Children's Social Care – Front Door", "FD"), ("Children in Care", "CC"),
    ("Care Leavers", "CL"), ("Adoption & Fostering", "AF"), ("Workforce", "WF"),
]
AREAS = ["Ashford", "Canterbury", "Dartford", "Dover", "Folkestone & Hythe", "Gravesham", "Maidstone",
         "Sevenoaks", "Swale", "Thanet", "Tonbridge & Malling", "Tunbridge Wells"]
PERIODS = ["R12M", "MS", "YTD", "Q", "A"]
SUBJECTS = [
    "children reaching a Good Level of Development", "early years settings rated good or outstanding",
    "eligible 2-year-olds taking up a funded place", "schools judged good or outstanding by Ofsted",
    "pupils meeting the expected standard in phonics", "pupils persistently absent",
    "new Education, Health and Care Plans issued within 20 weeks", "16–18 year olds in learning",
    "Early Help assessments completed within 2 weeks", "referrals to children's social care",
    "child protection plans lasting two years or more", "care leavers in suitable accommodation",
    "children in care with three or more placements", "case-holding posts filled by permanent staff",
    "re-referrals within 12 months", "young people re-offending within 12 months",
    "adoptions completed within 14 months of entering care", "foster carers recruited",
]
LONG_TAILS = [
    " (excluding exceptions agreed with the family, and cases transferred in from another local authority)",
    ", measured against the statistical neighbour average for the same period and methodology",
    " – including those placed out of county and those supported under a special guardianship order",
    " where the assessment was authorised by a team manager within the statutory timescale",
]
UNITS = [("%", 0.55), ("no.", 0.25), ("days", 0.07), ("rate", 0.07), ("score", 0.03), ("ppt", 0.03)]
HEADER = ["Section", "Ref", "Indicator", "Polarity", "Period", "Unit", "Decimals", "Previous", "Current",
          "PrevYear", "PrevAsAt", "AsAt", "Target", "Floor", "Tolerance", "England", "Stat Neighbours",
          "Source", "RAG", "DoT", "Note"]


def _pick(rng: random.Random, weighted):
    x = rng.random()
    for item, w in weighted:
        x -= w
        if x <= 0:
            return item
    return weighted[-1][0]


def _fmt(v: float, decimals: int, unit: str) -> str:
    """A value as an analyst would type it: % suffix on some percentages, thousands separators."""
    s = f"{v:,.{decimals}f}" if unit != "%" else f"{v:.{decimals}f}"
    return s


def _indicator_row(rng: random.Random, section: str, ref: str, source: str) -> list[str]:
    unit = _pick(rng, UNITS)
    what = rng.choice(SUBJECTS)
    if unit == "%":
        name = f"% of {what}"
        decimals = rng.choice([0, 1, 1, 1])
        lo, hi = 5.0, 98.0
    elif unit == "no.":
        name = f"Number of {what}"
        decimals = 0
        lo, hi = 20.0, 9_500.0
    elif unit == "days":
        name = f"Average days for {what}"
        decimals = rng.choice([0, 1])
        lo, hi = 10.0, 400.0
    elif unit == "rate":
        name = f"Rate per 10,000 of {what}"
        decimals = 1
        lo, hi = 10.0, 600.0
    elif unit == "score":
        name = f"Average score: {what}"
        decimals = 2
        lo, hi = -0.5, 60.0
    else:  # ppt
        name = f"Attainment gap (percentage points): {what}"
        decimals = 1
        lo, hi = 2.0, 30.0
    if rng.random() < 0.10:
        name += rng.choice(LONG_TAILS)

    polarity = _pick(rng, [("H", 0.55), ("L", 0.30), ("T", 0.07), ("", 0.08)])
    period = rng.choice(PERIODS)
    step = 10 ** -decimals
    target = round(rng.uniform(lo + (hi - lo) * 0.2, hi - (hi - lo) * 0.1), decimals)
    spread = max((hi - lo) * 0.08, 3 * step)
    target_s = floor_s = tol_s = ""
    rag = _pick(rng, [("G", 0.5), ("A", 0.25), ("R", 0.25)])
    if polarity == "H":
        floor = round(target - spread, decimals)
        current = {"G": target + rng.uniform(0, spread), "A": rng.uniform(floor, target - step),
                   "R": floor - rng.uniform(step, spread)}[rag]
        floor_s = _fmt(floor, decimals, unit)
    elif polarity == "L":
        floor = round(target + spread, decimals)
        current = {"G": target - rng.uniform(0, spread), "A": rng.uniform(target + step, floor),
                   "R": floor + rng.uniform(step, spread)}[rag]
        floor_s = _fmt(floor, decimals, unit)
    elif polarity == "T":
        tol = round(spread / 3, decimals) or step
        band = round(spread, decimals)
        sign = rng.choice([-1, 1])
        current = target + sign * {"G": rng.uniform(0, tol), "A": rng.uniform(tol + step, band),
                                   "R": band + rng.uniform(step, spread)}[rag]
        floor_s = "±" + _fmt(band, decimals, "")
        tol_s = "±" + _fmt(tol, decimals, "")
    else:  # activity indicator: no target, never rated
        current = rng.uniform(lo, hi)
    if polarity:
        target_s = _fmt(target, decimals, unit)
    previous = current + rng.uniform(-spread, spread) * (0 if rng.random() < 0.1 else 1)
    if unit == "%":
        current = min(max(current, 0.0), 100.0)
        previous = min(max(previous, 0.0), 100.0)
    if unit in ("no.", "days", "rate"):
        current, previous = max(current, 0.0), max(previous, 0.0)
    cur_s = _fmt(current, decimals, unit)
    prev_s = _fmt(previous, decimals, unit)
    if unit == "%" and rng.random() < 0.3:  # some analysts type the % sign
        cur_s += "%"
        prev_s += "%"
        target_s = target_s + "%" if target_s else ""
        floor_s = floor_s + "%" if floor_s and not floor_s.startswith("±") else floor_s

    prevyear = prev_asat = asat = ""
    x = rng.random()
    if x < 0.06:
        prev_s = "N/A"  # new measure
    elif x < 0.09:
        cur_s = "TBS"
    elif x < 0.11:
        cur_s = "N/A"
    if period == "A" and rng.random() < 0.5:
        prevyear, prev_asat, asat = "yes", "2015", "2016"
    elif period in ("MS", "R12M") and rng.random() < 0.3:
        prev_asat, asat = "Mar-17", "Apr-17"

    england = sn = ""
    if unit in ("%", "rate", "score", "ppt") and rng.random() < 0.6:
        england = _fmt(current + rng.uniform(-spread, spread), decimals, unit)
        if unit == "%":
            england = _fmt(min(max(float(england.replace(",", "")), 0.0), 100.0), decimals, unit)
        if rng.random() < 0.4:
            sn = _fmt(float(england.replace(",", "")) + rng.uniform(-spread, spread) / 2, decimals, unit)
            if unit == "%":
                sn = _fmt(min(max(float(sn.replace(",", "")), 0.0), 100.0), decimals, unit)
    note = rng.choice(["I (illustrative)", "I (illustrative); England ≈",
                       "R: published scorecard, provenance noted in the source workbook", ""])
    return [section, ref, name, polarity, period, unit, str(decimals), prev_s, cur_s, prevyear,
            prev_asat, asat, target_s, floor_s, tol_s, england, sn, source, "", "", note]


def generate_csv(n: int, seed: int = SEED) -> str:
    rng = random.Random(seed * 100_003 + n)
    combos = [(t, ai) for ai in range(len(AREAS)) for t in THEMES]
    rng.shuffle(combos)
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")  # Excel writes CRLF
    w.writerow(HEADER)
    rows, s = 0, 0
    while rows < n:
        (theme, code), ai = combos[s % len(combos)]
        if s >= len(combos):
            sys.exit(f"{n} indicators need more than {len(combos)} sections; add THEMES or AREAS")
        section = theme if n <= 60 else f"{theme} – {AREAS[ai]}"
        prefix = code + (f"{ai + 1:02d}" if n > 60 else "")
        size = min(rng.randint(10, 25), n - rows)
        for i in range(size):
            w.writerow(_indicator_row(rng, section, f"{prefix}{i + 1:02d}", code))
        rows += size
        s += 1
    return out.getvalue()


def write_inputs(sizes: list[int]) -> dict[int, Path]:
    WORK.mkdir(parents=True, exist_ok=True)
    paths = {}
    for n in sizes:
        p = WORK / f"scorecard-{n}.csv"
        text = generate_csv(n)
        if not p.exists() or p.read_text(encoding="utf-8") != text:
            p.write_text(text, encoding="utf-8")
        paths[n] = p
    return paths

# --------------------------------------------------------------------------------------------------
# Measuring
# --------------------------------------------------------------------------------------------------


@dataclass
class Case:
    name: str
    input: Path
    indicators: int | None  # None for the pack
    times: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    rss_kib: list[int] = field(default_factory=list)
    baseline_times: list[float] = field(default_factory=list)  # --baseline: the other binary's runs
    baseline_rss_kib: list[int] = field(default_factory=list)
    # --typst: Typst compiling bench/typst/scorecard.typ in the same rounds (compile call, whole
    # process, peak RSS), and its PDF's pages and bytes.
    typst_compile: list[float] = field(default_factory=list)
    typst_wall: list[float] = field(default_factory=list)
    typst_rss_kib: list[int] = field(default_factory=list)
    typst_pdf: Path | None = None
    background: float = 0.0  # share of the machine's CPU used by other processes while measuring
    instructions: int | None = None  # callgrind Ir of one run (--callgrind)
    main_pdf: Path | None = None
    files: list[Path] = field(default_factory=list)
    pages: int = 0
    total_pages: int = 0
    tagged: str = "?"
    warnings: int = 0

    @property
    def median_s(self) -> float:
        return statistics.median(self.times)

    @property
    def median_cpu(self) -> float:
        return statistics.median(self.cpu)

    @property
    def median_mib(self) -> float:
        return statistics.median(self.rss_kib) / 1024

    @property
    def bytes(self) -> int:
        return self.main_pdf.stat().st_size if self.main_pdf else 0

    @property
    def total_bytes(self) -> int:
        return sum(f.stat().st_size for f in self.files)


# Extra options for every `scorecard render` (set once from the command line, e.g. ["--jobs", "1"]).
RENDER_OPTIONS: list[str] = []


def run_once(binary: Path, case: Case, outdir: Path) -> tuple[float, float, int, str, str]:
    if outdir.exists():
        shutil.rmtree(outdir)
    outdir.mkdir(parents=True)
    # SCORECARD_HOME: a binary copied elsewhere (a --baseline) still finds Layouts/ and Fonts/.
    env = dict(os.environ, SOURCE_DATE_EPOCH=SOURCE_DATE_EPOCH, SCORECARD_HOME=str(ROOT))
    so = open(outdir.parent / f"{outdir.name}.stdout", "w+b")
    se = open(outdir.parent / f"{outdir.name}.stderr", "w+b")
    with so, se:
        t0 = time.perf_counter()
        p = subprocess.Popen([str(binary), "render", str(case.input), "--output", str(outdir), *RENDER_OPTIONS],
                             stdout=so, stderr=se, stdin=subprocess.DEVNULL, cwd=ROOT, env=env)
        _, status, usage = os.wait4(p.pid, 0)
        elapsed = time.perf_counter() - t0
        p.returncode = os.waitstatus_to_exitcode(status)  # already reaped; keep Popen quiet
        so.seek(0)
        se.seek(0)
        out, err = so.read().decode("utf-8", "replace"), se.read().decode("utf-8", "replace")
    if p.returncode != 0:
        sys.exit(f"{case.name}: scorecard exited with {p.returncode}\n{err}")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, out, err


TYPST_DOCUMENT = ROOT / "bench" / "typst" / "scorecard.typ"
# Run by the --typst Python in a fresh process: compiles the document for one CSV with the bundled
# fonts only, tagged (typst-py's default), and prints the compile call's own time in seconds.
TYPST_SCRIPT = (
    "import sys, time, typst\n"
    "t = time.perf_counter()\n"
    "typst.compile(sys.argv[1], output=sys.argv[3], root='/', font_paths=[sys.argv[4]], ignore_system_fonts=True,"
    " sys_inputs={'csv': sys.argv[2]}, pdf_tags=True)\n"
    "print(time.perf_counter() - t)\n")


def run_typst(python: Path, case: Case, outdir: Path) -> tuple[float, float, float, int]:
    """(compile seconds, whole-process seconds, CPU seconds, peak RSS KiB) of Typst on the case's CSV."""
    if outdir.exists():
        shutil.rmtree(outdir)
    outdir.mkdir(parents=True)
    pdf = outdir / "typst.pdf"
    so = open(outdir.parent / f"{outdir.name}.stdout", "w+b")
    se = open(outdir.parent / f"{outdir.name}.stderr", "w+b")
    with so, se:
        t0 = time.perf_counter()
        p = subprocess.Popen([str(python), "-c", TYPST_SCRIPT, str(TYPST_DOCUMENT), str(case.input.absolute()), str(pdf),
                              str(ROOT / "Fonts")], stdout=so, stderr=se, stdin=subprocess.DEVNULL)
        _, status, usage = os.wait4(p.pid, 0)
        elapsed = time.perf_counter() - t0
        p.returncode = os.waitstatus_to_exitcode(status)
        so.seek(0)
        se.seek(0)
        out, err = so.read().decode("utf-8", "replace"), se.read().decode("utf-8", "replace")
    if p.returncode != 0:
        sys.exit(f"{case.name}: Typst failed ({p.returncode})\n{err}")
    rss = usage.ru_maxrss
    case.typst_pdf = pdf
    return float(out.strip().splitlines()[-1]), elapsed, usage.ru_utime + usage.ru_stime, rss


def count_instructions(binary: Path, case: Case) -> int | None:
    """Instructions (Ir) of one run under valgrind --tool=callgrind: repeatable, unlike wall time on
    a shared VM. valgrind 3.19 cannot read Swift 6.3's DWARF, so a copy without debug info is run."""
    stripped = WORK / "profile" / "scorecard-nodebug"
    stripped.parent.mkdir(parents=True, exist_ok=True)
    if not stripped.exists() or stripped.stat().st_mtime < binary.stat().st_mtime:
        subprocess.run(["objcopy", "--strip-debug", str(binary), str(stripped)], check=True)
    outdir = WORK / "out" / "callgrind"
    shutil.rmtree(outdir, ignore_errors=True)
    env = dict(os.environ, SOURCE_DATE_EPOCH=SOURCE_DATE_EPOCH, SCORECARD_HOME=str(ROOT))
    r = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", str(stripped),
                        "render", str(case.input), "--output", str(outdir), *RENDER_OPTIONS],
                       capture_output=True, text=True, env=env, cwd=ROOT)
    m = re.search(r"Collected\s*:\s*(\d+)", r.stderr)
    return int(m.group(1)) if m else None


def pdfinfo(path: Path) -> dict[str, str]:
    try:
        text = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return {}
    return {k.strip(): v.strip() for k, v in (line.split(":", 1) for line in text.splitlines() if ":" in line)}


def cpu_jiffies() -> tuple[int, int]:
    """(busy, total) jiffies of the whole machine from /proc/stat."""
    try:
        fields = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    except (OSError, ValueError, IndexError):
        return 0, 0
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)
    return sum(fields[:8]) - idle, sum(fields[:8])


def wait_for_idle(limit_s: float, threshold: float = 0.10) -> None:
    """Waits (up to limit_s) until other processes use less than `threshold` of the CPUs."""
    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:
        b0, t0 = cpu_jiffies()
        time.sleep(1.0)
        b1, t1 = cpu_jiffies()
        if t1 <= t0 or (b1 - b0) / (t1 - t0) < threshold:
            return
        print(f"  waiting for an idle machine (busy {100 * (b1 - b0) / (t1 - t0):.0f}%)", file=sys.stderr)


def outdir_for(case: Case, suffix: str = "") -> Path:
    return WORK / "out" / (re.sub(r"[^a-z0-9]+", "-", case.name.lower().replace(",", "")) + suffix)


def measure(binary: Path, cases: list[Case], runs: int, warmup: int, baseline: Path | None = None,
            typst: Path | None = None) -> float:
    """Renders every case `warmup + runs` times, round by round (see the module notes), and returns
    the share of the machine's CPU that other processes used during the timed rounds."""
    last: dict[str, tuple[str, str]] = {}
    clk = os.sysconf("SC_CLK_TCK")
    busy0 = total0 = 0
    own_cpu = 0.0
    for i in range(warmup + runs):
        if i == warmup:  # the warm-up's CPU time is not in the window
            busy0, total0 = cpu_jiffies()
        timed = i >= warmup
        for case in cases:
            order = [(binary, False)] + ([(baseline, True)] if baseline else [])
            if i % 2 == 1:
                order.reverse()
            if typst and case.indicators is not None:
                compile_s, wall, cpu, rss = run_typst(typst, case, outdir_for(case, "-typst"))
                if timed:
                    own_cpu += cpu  # the benchmark's own work, not other processes
                    case.typst_compile.append(compile_s)
                    case.typst_wall.append(wall)
                    case.typst_rss_kib.append(rss)
                print(f"  {case.name:>16}    typst run {i + 1 - warmup:>2}{' (warm-up)' if not timed else ''}: "
                      f"{compile_s * 1000:8.1f} ms compile {wall * 1000:8.1f} ms wall {rss / 1024:7.1f} MiB", file=sys.stderr)
            for which, is_baseline in order:
                elapsed, cpu, rss, out, err = run_once(which, case, outdir_for(case, "-baseline" if is_baseline else ""))
                label = "baseline" if is_baseline else "ours"
                if timed:
                    own_cpu += cpu
                    if is_baseline:
                        case.baseline_times.append(elapsed)
                        case.baseline_rss_kib.append(rss)
                    else:
                        case.times.append(elapsed)
                        case.cpu.append(cpu)
                        case.rss_kib.append(rss)
                if not is_baseline:
                    last[case.name] = (out, err)
                print(f"  {case.name:>16} {label:>8} run {i + 1 - warmup:>2}{' (warm-up)' if not timed else ''}: "
                      f"{elapsed * 1000:8.1f} ms wall {cpu * 1000:8.1f} ms CPU {rss / 1024:7.1f} MiB", file=sys.stderr)
    busy1, total1 = cpu_jiffies()
    background = 0.0
    if total1 > total0:
        # CPU-seconds of the whole machine minus those of our runs.
        background = max(0.0, ((busy1 - busy0) / clk - own_cpu) / ((total1 - total0) / clk))
    for case in cases:
        case.background = background
        out, err = last[case.name]
        describe_output(case, out, err)
    return background


def describe_output(case: Case, out: str, err: str) -> None:
    """Pages, tagging, bytes and warnings of the case's last render (by our binary)."""
    case.files = [Path(m) for m in re.findall(r"^wrote (.+?) \(\d+ pages?\)$", out, re.M)]
    if not case.files:
        case.files = sorted(outdir_for(case).glob("*.pdf"))
    pdfs = [f for f in case.files if f.suffix == ".pdf"]
    packs = [f for f in pdfs if "Agenda Pack" in f.name]
    case.main_pdf = packs[0] if packs else max(pdfs, key=lambda f: f.stat().st_size)
    info = pdfinfo(case.main_pdf)
    case.pages = int(info.get("Pages", "0") or 0)
    case.tagged = info.get("Tagged", "?")
    case.total_pages = sum(int(pdfinfo(f).get("Pages", "0") or 0) for f in pdfs)
    case.warnings = sum(1 for line in err.splitlines() if "warning" in line)

# --------------------------------------------------------------------------------------------------
# Reporting
# --------------------------------------------------------------------------------------------------


def sh(cmd: list[str]) -> str:
    try:
        return subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, timeout=60).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "?"


def machine(binary: Path | None = None) -> list[tuple[str, str]]:
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = "?"
    try:
        kib = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
        ram = f"{kib / 1024 / 1024:.1f} GiB"
    except (OSError, AttributeError):
        pass
    os_name = platform.platform()
    try:
        pretty = re.search(r'^PRETTY_NAME="?(.*?)"?$', Path("/etc/os-release").read_text(), re.M)
        if pretty:
            os_name = f"{pretty.group(1)} (Linux {platform.release()})"
    except OSError:
        pass
    swift = sh(["swift", "--version"]).splitlines()
    return [
        ("Date", dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")),
        ("Commit", (sh(["git", "rev-parse", "--short", "HEAD"]) or "?")
         + " (HEAD; the binary is built from the files on disk, which may differ)"),
        ("CPU", f"{cpu} × {os.cpu_count()} (nproc {sh(['nproc'])})"),
        ("RAM", ram),
        ("OS", os_name),
        ("Swift", swift[0] if swift else "?"),
        ("Python", platform.python_version()),
        ("Binary", f"{binary} (built {dt.datetime.fromtimestamp(binary.stat().st_mtime, dt.timezone.utc).strftime('%Y-%m-%d %H:%M UTC')})"
         if binary and binary.exists() else "?"),
        ("Load average (1/5/15 min) at the end", " / ".join(f"{x:.2f}" for x in os.getloadavg())),
    ]


def ms(s: float) -> str:
    return f"{s * 1000:.0f} ms" if s < 10 else f"{s:.2f} s"


def size(b: int) -> str:
    return f"{b / 1000:.0f} KB" if b < 1_000_000 else f"{b / 1_000_000:.2f} MB"


def mark(ok: bool) -> str:
    return "✓" if ok else "✗"


def paired_ratio(ours: list[float], theirs: list[float], resamples: int = 2000) -> tuple[float, float, float]:
    """The median of the per-round ratios theirs[i] ÷ ours[i] (the two runs of a round are
    back to back, so a slow spell of the machine touches both), with a 95% percentile bootstrap
    interval over the rounds (a fixed seed: the same runs give the same interval)."""
    ratios = [t / o for o, t in zip(ours, theirs) if o > 0]
    if not ratios:
        return float("nan"), float("nan"), float("nan")
    rng = random.Random(20170622)
    medians = sorted(statistics.median(rng.choices(ratios, k=len(ratios))) for _ in range(resamples))
    return statistics.median(ratios), medians[int(0.025 * resamples)], medians[int(0.975 * resamples) - 1]


def baseline_report(cases: list[Case], baseline: Path) -> str:
    """The two binaries' medians from the same interleaved rounds, baseline ÷ ours, and the median
    of the rounds' own ratios with its 95% interval."""
    lines = [f"Against `{baseline}` (--baseline), the same rounds, runs alternating: median wall time and peak RSS; "
             "\"paired\" is the median of each round's baseline ÷ ours, with a 95% bootstrap interval over the rounds "
             "(an interval that holds 1.00 is no measured difference).", "",
             "| input | ours | baseline | baseline ÷ ours | paired (95%) | ours RSS | baseline RSS |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    for c in cases:
        b = statistics.median(c.baseline_times)
        brss = statistics.median(c.baseline_rss_kib) / 1024
        ratio, low, high = paired_ratio(c.times, c.baseline_times)
        lines.append(f"| {c.name} | {ms(c.median_s)} | {ms(b)} | {b / c.median_s:.2f} | {ratio:.3f} ({low:.3f}–{high:.3f}) "
                     f"| {c.median_mib:.1f} MiB | {brss:.1f} MiB |")
    return "\n".join(lines)


def typst_report(cases: list[Case], python: Path) -> str:
    """Typst 0.15 on this machine, in the same rounds as ours: a calibration for the fixed figures."""
    lines = [f"Typst on this machine (--typst {python}: typst-py, `bench/typst/scorecard.typ`, a fresh process "
             "per run, bundled fonts only, tagged), in the same rounds as ours. \"compile\" is the compile call alone "
             "(no Python start-up: the nearest to a Typst CLI's whole process); \"whole\" includes Python and "
             "loading typst-py. Ratios are Typst ÷ ours.", "",
             "| input | ours | Typst compile | Typst whole | compile ÷ ours | Typst RSS (whole) | Typst PDF | issue 6's Typst figure |",
             "|---|---:|---:|---:|---:|---:|---:|---|"]
    for c in cases:
        if not c.typst_compile:
            continue
        tc, tw = statistics.median(c.typst_compile), statistics.median(c.typst_wall)
        rss = statistics.median(c.typst_rss_kib) / 1024
        pages = pdfinfo(c.typst_pdf).get("Pages", "?") if c.typst_pdf else "?"
        tb = c.typst_pdf.stat().st_size if c.typst_pdf and c.typst_pdf.exists() else 0
        issue = (f"{ms(TYPST[c.indicators][0])}, {TYPST[c.indicators][1]:.0f} MiB, {size(TYPST[c.indicators][2])}"
                 if c.indicators in TYPST else "–")
        lines.append(f"| {c.name} | {ms(c.median_s)} | {ms(tc)} | {ms(tw)} | {tc / c.median_s:.2f} | {rss:.0f} MiB "
                     f"| {size(tb)} ({pages} p) | {issue} |")
    lines.append("")
    lines.append("The document is written from issue 6's description (it has no guidance pages), not the one behind "
                 "the issue's figures: compare its time with the issue's figure before reading the ratio as a verdict. "
                 "The goals are judged against the issue's figures (the table above).")
    return "\n".join(lines)


def report(cases: list[Case], runs: int, warmup: int, binary: Path) -> str:
    lines = []
    options = "".join(" " + o for o in RENDER_OPTIONS)
    lines.append(f"Median of {runs} rounds (after {warmup} warm-up; each round renders every input once), whole process `{binary.relative_to(ROOT) if binary.is_relative_to(ROOT) else binary} "
                 f"render INPUT --output DIR{options}`, SOURCE_DATE_EPOCH={SOURCE_DATE_EPOCH}. Ratios are Typst ÷ ours "
                 f"(higher is better); goals: time ≥ {GOAL_SPEED:g}×, RSS ≥ {GOAL_MEM:g}×, bytes ≥ {GOAL_BYTES:g}×.")
    lines.append("")
    lines.append("| input | pages | tagged | time | CPU | peak RSS | main PDF | Typst 0.15 tagged | time × | RSS × | bytes × |")
    lines.append("|---|---:|---|---:|---:|---:|---:|---|---:|---:|---:|")
    for c in cases:
        if c.indicators is not None and c.indicators in TYPST:
            tt, tm, tb, tp = TYPST[c.indicators]
            rt, rm, rb = tt / c.median_s, tm / c.median_mib, tb / c.bytes
            typst = f"{ms(tt)}, {tm:.0f} MiB, {size(tb)} ({tp} p)"
            ratios = (f"{rt:.2f} {mark(rt >= GOAL_SPEED)}", f"{rm:.2f} {mark(rm >= GOAL_MEM)}",
                      f"{rb:.2f} {mark(rb >= GOAL_BYTES)}")
        else:
            typst = f"goal < {GOAL_PACK_S * 1000:.0f} ms: {mark(c.median_s < GOAL_PACK_S)}"
            ratios = ("–", "–", "–")
        pages = str(c.pages) if c.total_pages == c.pages else f"{c.pages} ({c.total_pages} in {len(c.files)} files)"
        bytes_s = size(c.bytes) if len(c.files) <= 1 else f"{size(c.bytes)} ({size(c.total_bytes)} all)"
        lines.append(f"| {c.name} | {pages} | {c.tagged} | {ms(c.median_s)} | {ms(c.median_cpu)} | {c.median_mib:.1f} MiB | {bytes_s} "
                     f"| {typst} | {' | '.join(ratios)} |")
    lines.append("")
    spread = ", ".join(f"{c.name} {ms(min(c.times))}–{ms(max(c.times))}" for c in cases)
    lines.append("Pages include the title page, a blank verso and the guidance notes (3 pages) before the table; "
                 "the Typst page counts are as given in issue 6.")
    lines.append(f"Run-to-run range (min–max wall time): {spread}.")
    background = max((c.background for c in cases), default=0.0)
    lines.append(f"CPU used by other processes while measuring: {100 * background:.0f}%"
                 + (" — the machine was busy; times may be inflated, rerun on an idle machine." if background > 0.10 else "."))
    counted = [c for c in cases if c.instructions]
    if counted:
        lines.append("Instructions of one run (callgrind, repeatable): "
                     + ", ".join(f"{c.name} {c.instructions / 1e6:,.0f} M" for c in counted) + ".")
    big = next((c for c in cases if c.indicators == 2000), None)
    if big:
        lines.append(f"Peak RSS at 2,000 indicators: {big.median_mib:.1f} MiB against the {GOAL_RSS_2000_MIB:.0f} MiB goal "
                     f"{mark(big.median_mib < GOAL_RSS_2000_MIB)}.")
    lines.append("")
    sized = sorted((c for c in cases if c.indicators), key=lambda c: c.indicators)
    if len(sized) >= 2:
        lines.append("Linearity (median wall time and peak RSS per indicator):")
        lines.append("")
        ir = all(c.instructions for c in sized)
        lines.append("| indicators | time | ms / indicator | pages | ms / page | RSS | KiB / indicator |"
                     + (" instructions | M Ir / indicator |" if ir else ""))
        lines.append("|---:|---:|---:|---:|---:|---:|---:|" + ("---:|---:|" if ir else ""))
        for c in sized:
            lines.append(f"| {c.indicators:,} | {ms(c.median_s)} | {c.median_s * 1000 / c.indicators:.3f} | {c.pages} "
                         f"| {c.median_s * 1000 / max(c.pages, 1):.2f} | {c.median_mib:.1f} MiB "
                         f"| {c.median_mib * 1024 / c.indicators:.1f} |"
                         + (f" {c.instructions / 1e6:,.0f} M | {c.instructions / 1e6 / c.indicators:.2f} |" if ir else ""))
        lines.append("")
        if ir:
            for a, b in zip(sized, sized[1:]):
                slope = (b.instructions - a.instructions) / (b.indicators - a.indicators)
                lines.append(f"- Instructions {a.indicators:,} → {b.indicators:,}: {slope / 1e6:.2f} M Ir per indicator "
                             f"(implied fixed cost {(a.instructions - slope * a.indicators) / 1e6:,.0f} M Ir).")
        for a, b in zip(sized, sized[1:]):
            slope = (b.median_s - a.median_s) * 1000 / (b.indicators - a.indicators)
            fixed = a.median_s * 1000 - slope * a.indicators
            mslope = (b.median_mib - a.median_mib) * 1024 / (b.indicators - a.indicators)
            lines.append(f"- Fitted slope {a.indicators:,} → {b.indicators:,}: {slope:.3f} ms per indicator "
                         f"(implied fixed cost {fixed:.0f} ms), {mslope:.1f} KiB RSS per indicator.")
        if len(sized) >= 3:
            cost = (lambda c: c.instructions) if ir else (lambda c: c.median_s)
            s1 = (cost(sized[1]) - cost(sized[0])) / (sized[1].indicators - sized[0].indicators)
            s2 = (cost(sized[-1]) - cost(sized[-2])) / (sized[-1].indicators - sized[-2].indicators)
            verdict = "linear" if s2 <= s1 * 1.25 else "super-linear (the marginal cost per row grows)"
            lines.append(f"- Marginal cost ratio, {'instructions' if ir else 'wall time'} (last slope ÷ first slope): "
                         f"{s2 / s1:.2f} → {verdict}.")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=15, help="timed runs per input (default 15)")
    ap.add_argument("--jobs", type=int, default=None,
                    help="pass --jobs N to scorecard render (default: its own, one thread per processor)")
    ap.add_argument("--warmup", type=int, default=1, help="untimed warm-up runs per input (default 1)")
    ap.add_argument("--binary", default=str(ROOT / ".build" / "release" / "scorecard"))
    ap.add_argument("--baseline", default=None,
                    help="another scorecard binary to time in the same rounds (e.g. an older build), for a ratio")
    ap.add_argument("--sizes", default="40,400,2000", help="indicator counts (default 40,400,2000)")
    ap.add_argument("--no-pack", action="store_true", help="skip the example pack")
    ap.add_argument("--no-write", action="store_true", help=f"do not write {RESULTS.relative_to(ROOT)}")
    ap.add_argument("--generate-only", action="store_true", help="only write the CSVs into bench/work/")
    ap.add_argument("--callgrind", action="store_true",
                    help="also count each input's instructions once under callgrind (slow: minutes at 2,000 rows)")
    ap.add_argument("--typst", default=None, metavar="PYTHON",
                    help="also time Typst (a Python with typst-py, e.g. .build-tools/bin/python after make bench-typst) "
                         "on bench/typst/scorecard.typ in the same rounds")
    ap.add_argument("--wait-idle", type=float, default=60.0,
                    help="before each input, wait up to this many seconds for other processes to use < 10%% CPU (default 60; 0 = no wait)")
    args = ap.parse_args()
    if args.jobs is not None:
        RENDER_OPTIONS.extend(["--jobs", str(args.jobs)])

    sizes = [int(s) for s in args.sizes.split(",") if s]
    inputs = write_inputs(sizes)
    if args.generate_only:
        for p in inputs.values():
            print(p)
        return
    binary = Path(args.binary).absolute()
    if not binary.exists():
        sys.exit(f"{binary} not found; build it first (make build)")

    cases = [Case(f"{n:,} indicators", inputs[n], n) for n in sizes]
    if not args.no_pack:
        cases.append(Case("example pack", EXAMPLE_PACK, None))
    baseline = Path(args.baseline).absolute() if args.baseline else None
    if baseline and not baseline.exists():
        sys.exit(f"{baseline} not found")
    if args.wait_idle > 0:
        wait_for_idle(args.wait_idle)
    print(f"rendering {', '.join(c.name for c in cases)}: {args.warmup + args.runs} rounds"
          + (f", each also with {baseline}" if baseline else ""), file=sys.stderr)
    typst = Path(args.typst).absolute() if args.typst else None
    if typst and not typst.exists():
        sys.exit(f"{typst} not found")
    measure(binary, cases, args.runs, args.warmup, baseline, typst)
    for c in cases:
        if args.callgrind:
            print(f"  counting instructions of {c.name} under callgrind …", file=sys.stderr)
            c.instructions = count_instructions(binary, c)
        if c.warnings:
            print(f"  note: {c.name}: {c.warnings} warning line(s) on stderr", file=sys.stderr)

    table = report(cases, args.runs, args.warmup, binary)
    if baseline:
        table += "\n\n" + baseline_report(cases, baseline)
    if typst:
        table += "\n\n" + typst_report(cases, typst)
    info = machine(binary)
    print()
    print(table)
    print()
    print("  ".join(f"{k}: {v}" for k, v in info))
    if not args.no_write:
        text = ["# Benchmark results", "",
                "`make bench` (bench/run.py): whole-process renders of generated scorecards (bench/work/, "
                f"seed {SEED}) and the example pack. Compared with the Typst 0.15 tagged figures of issue 6 "
                "(KB and MB are decimal).", "",
                "## Machine", ""]
        text += [f"- {k}: {v}" for k, v in info]
        text += ["", "## Results", "", table, ""]
        RESULTS.write_text("\n".join(text), encoding="utf-8")
        print(f"\nwrote {RESULTS.relative_to(ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
