#!/usr/bin/env python3
"""Instruction profile of `scorecard render` with valgrind --tool=callgrind (issue 6).

Runs callgrind on the release binary for the generated 2,000-indicator CSV and the example pack
(or the inputs given), then prints, per input:

- where the instructions go by phase: process start-up, fontconfig start-up, parsing, our layout,
  Pango measuring, Pango drawing, cairo drawing, PDF writing (cairo's page emission), the font
  coverage check, and the rest;
- the top functions by self cost and by inclusive cost (Swift names demangled).

Callgrind counts instructions (Ir), repeatably; it does not see I/O, page faults or cache misses,
so use it for "what does the CPU work on", and bench/run.py for wall time and memory.

valgrind 3.19 cannot read the DWARF that Swift 6.3 writes ("Possibly corrupted debuginfo file"),
so the binary is copied with `objcopy --strip-debug` first (the symbol table, hence function
names, stays). System libraries have no debug symbols here, so their internal functions show as
addresses; phases are attributed through their exported entry points (cairo_show_page etc.).

Usage: python3 bench/profile.py [--binary .build/release/scorecard] [INPUT ...]
Outputs (callgrind.*.out, annotations) go to bench/work/profile/.
"""

from __future__ import annotations

import argparse
import collections
import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "work" / "profile"

# ------------------------------------------------------------------------------------------------
# callgrind output parsing: self cost per function and inclusive cost per call edge
# ------------------------------------------------------------------------------------------------


class Profile:
    def __init__(self, path: Path):
        self.self_cost: dict[str, int] = collections.Counter()
        self.edges: dict[tuple[str, str], int] = collections.Counter()
        self.calls: dict[tuple[str, str], int] = collections.Counter()
        self.total = 0
        names: dict[str, dict[str, str]] = {"ob": {}, "fn": {}}
        ob = cob = fn = cfn = ""
        pending_call = False
        with open(path, encoding="utf-8", errors="replace") as f:
            for raw in f:
                line = raw.rstrip("\n")
                if not line or line[0] == "#":
                    continue
                c = line[0]
                if c.isdigit() or c in "+-*":
                    parts = line.split()
                    cost = int(parts[1]) if len(parts) > 1 else 0
                    if pending_call:
                        self.edges[(fn, cfn)] += cost
                        pending_call = False
                        cob = ""
                    else:
                        self.self_cost[fn] += cost
                    continue
                key, _, value = line.partition("=")
                if key in ("ob", "cob", "fn", "cfn"):
                    kind = "ob" if key.endswith("ob") else "fn"
                    m = re.match(r"\((\d+)\)(?: (.*))?$", value)
                    if m:
                        if m.group(2) is not None:
                            names[kind][m.group(1)] = m.group(2)
                        value = names[kind].get(m.group(1), value)
                    if key == "ob":
                        ob = value
                    elif key == "cob":
                        cob = value
                    elif key == "fn":
                        fn = self.qualify(value, ob)
                    else:
                        cfn = self.qualify(value, cob or ob)
                elif key == "calls":
                    self.calls[(fn, cfn)] += int(value.split()[0])
                    pending_call = True
                elif key == "summary" or key == "totals":
                    self.total = max(self.total, int(value.split()[0]))
        if not self.total:
            self.total = sum(self.self_cost.values())
        self.callers: dict[str, list[str]] = collections.defaultdict(list)
        self.callees: dict[str, list[str]] = collections.defaultdict(list)
        for (a, b) in self.edges:
            self.callers[b].append(a)
            self.callees[a].append(b)
        self.inclusive: dict[str, int] = {}
        for f, s in self.self_cost.items():
            self.inclusive[f] = s + sum(self.edges[(f, g)] for g in self.callees.get(f, ()) if g != f)

    @staticmethod
    def qualify(name: str, ob: str) -> str:
        """Unnamed functions (0x…) are only unique within their object: prefix the library."""
        if name.startswith("0x"):
            return f"{Path(ob).name}:{name}"
        return name

    def into(self, callee: re.Pattern, caller: re.Pattern | None = None, exclude_callers: re.Pattern | None = None) -> int:
        """Sum of inclusive costs of calls into functions matching `callee` from callers matching
        `caller` (any caller when None), skipping calls from callers matching `callee` itself
        (recursion / nesting) or `exclude_callers`."""
        total = 0
        for (a, b), cost in self.edges.items():
            if not callee.search(b) or callee.search(a):
                continue
            if caller is not None and not caller.search(a):
                continue
            if exclude_callers is not None and exclude_callers.search(a):
                continue
            total += cost
        return total


R = re.compile
SWIFT_OURS = R(r"^\$s(9scorecard|\d+Scorecard[A-Z][a-zA-Z]+)")
PIPELINE = R(r"^\$s17ScorecardPipeline")
PARSING = R(r"^\$s16ScorecardParsing")
LAYOUT_TOP = R(r"^\$s15ScorecardLayout")
MEASURER = R(r"^\$s15ScorecardRender13PangoMeasurer")
PAGE_DRAW = R(r"^\$s15ScorecardRender10PageDrawerV4draw")
PANGO_CALL = R(r"^(pango_|\$s15ScorecardRender(15PangoTextLayout|15LineLayoutCache))")
PDF_EMIT = R(r"^(cairo_show_page|cairo_surface_finish|cairo_surface_destroy)$")
PDF_RENDER = R(r"^\$s15ScorecardRender11PDFRendererC6render")
POSTPASS = R(r"^\$s17ScorecardPostPass")
FONTLIB_INIT = R(r"^\$s15ScorecardRender11FontLibraryC14fontsDirectory")
FC_INIT = R(r"^FcInit$")
GRAPHICS_LOAD = R(r"^scorecard_graphics_wait_until_loaded$")
COVERAGE = R(r"^\$s17ScorecardPipeline12FontCoverage")
ARGPARSE = R(r"^\$s14ArgumentParser15ParsableCommandPAAE11parseAsRoot")
DL_START = R(r"^_dl_start$")
DL_INIT = R(r"^_dl_init$|^call_init$")


def phases(p: Profile) -> list[tuple[str, int]]:
    out = []
    # Library initialisers run at start-up (not those `dlopen` runs: call_dl_init's).
    dl = p.inclusive.get("_dl_start", 0) + p.into(DL_INIT, exclude_callers=R(r"^call_dl_init$"))
    out.append(("process start-up: dynamic linking, library initialisers", dl))
    out.append(("Swift ArgumentParser", p.into(ARGPARSE)))
    # The cairo / Pango stack is opened by the first FontLibrary (CGraphicsLoader), not before `main`.
    load = p.into(GRAPHICS_LOAD)
    fc = p.into(FONTLIB_INIT) + p.into(FC_INIT)
    out.append(("loading the cairo / Pango stack (CGraphicsLoader, dlopen on the font thread)", load))
    out.append(("fontconfig start-up (FontLibrary.init + Pango's FcInit of the system config)", fc - load))
    out.append(("parsing CSV / YAML / Markdown (ScorecardParsing, called from the pipeline)",
                p.into(PARSING, caller=PIPELINE)))
    measure = p.into(MEASURER)
    # (Rows set on a second thread are reached through Dispatch: their layout share lands in "other".)
    layout_all = p.into(LAYOUT_TOP, caller=PIPELINE)
    out.append(("our layout (ScorecardLayout, without Pango measuring)", layout_all - measure))
    out.append(("Pango measuring (PangoMeasurer: itemize, shape, break)", measure))
    draw = p.into(PAGE_DRAW)
    pango_draw = p.into(PANGO_CALL, caller=PAGE_DRAW)
    out.append(("Pango drawing (PageDrawer: setting / caching layouts + pango_cairo_show_layout[_line])", pango_draw))
    out.append(("cairo drawing into the recording surface (rects, rules, tags)", draw - pango_draw))
    emit = p.into(PDF_EMIT, caller=PDF_RENDER)
    out.append(("PDF writing by cairo (cairo_show_page / finish: replay, operators, fonts, deflate)", emit))
    cairo = R(r"^libcairo")
    out.append(("  of which: cairo formatting numbers (snprintf \"%f\" in _cairo_dtostr)",
                -p.into(R(r"^(__snprintf_chk|snprintf)$"), caller=cairo)))
    out.append(("  of which: zlib deflate of content streams and fonts", -p.into(R(r"^deflate$"), caller=cairo)))
    out.append(("PDF post-pass (ScorecardPostPass, libqpdf: parse, rewrite, object streams)",
                p.into(POSTPASS)))
    out.append(("font coverage check (FontCoverage.warnings)", p.into(COVERAGE, caller=PIPELINE)))
    rest = p.total - sum(c for _, c in out if c > 0)
    out.append(("other (Pipeline glue, exit, work on a second thread reached through Dispatch, unattributed)", rest))
    return out


def demangle(names: list[str]) -> dict[str, str]:
    swift = shutil.which("swift")
    mangled = [n for n in names if n.startswith("$s")]
    if not swift or not mangled:
        return {}
    try:
        r = subprocess.run([swift, "demangle", "--simplified", "--compact"], input="\n".join(mangled),
                           capture_output=True, text=True, timeout=120)
        return dict(zip(mangled, r.stdout.splitlines()))
    except (OSError, subprocess.SubprocessError):
        return {}


def report(p: Profile, label: str, top: int) -> str:
    lines = [f"### {label}", "", f"Total: {p.total:,} instructions (Ir).", "",
             "| phase | Ir | share |", "|---|---:|---:|"]
    for name, cost in phases(p):
        cost = abs(cost)  # negative marks a part of the phase above (not added to the total again)
        lines.append(f"| {name} | {cost / 1e6:,.1f} M | {100 * cost / p.total:.1f}% |")
    tops = sorted(p.self_cost.items(), key=lambda kv: -kv[1])[:top]
    ours = sorted(((f, c) for f, c in p.inclusive.items() if SWIFT_OURS.search(f)), key=lambda kv: -kv[1])[:top]
    libs = sorted(((f, c) for f, c in p.inclusive.items()
                   if re.match(r"^(pango_|cairo_|Fc|hb_|FT_|deflate|__snprintf_chk|g_)", f)), key=lambda kv: -kv[1])[:top]
    names = demangle([f for f, _ in tops + ours])
    lines += ["", "Top self cost:", "", "| Ir | share | function |", "|---:|---:|---|"]
    for f, c in tops:
        lines.append(f"| {c / 1e6:,.1f} M | {100 * c / p.total:.1f}% | `{names.get(f, f)[:110]}` |")
    lines += ["", "Top inclusive cost, our Swift functions:", "", "| Ir | share | function |", "|---:|---:|---|"]
    for f, c in ours:
        lines.append(f"| {c / 1e6:,.1f} M | {100 * c / p.total:.1f}% | `{names.get(f, f)[:110]}` |")
    lines += ["", "Top inclusive cost, library entry points:", "", "| Ir | share | function |", "|---:|---:|---|"]
    for f, c in libs:
        lines.append(f"| {c / 1e6:,.1f} M | {100 * c / p.total:.1f}% | `{f}` |")
    return "\n".join(lines)


def run_callgrind(binary: Path, input_path: Path, name: str) -> Path:
    OUT.mkdir(parents=True, exist_ok=True)
    # One stripped copy per binary path (a baseline build must not reuse the current build's copy).
    tag = hashlib.sha1(str(binary.resolve()).encode()).hexdigest()[:8]
    stripped = OUT / f"scorecard-nodebug-{tag}"
    if not stripped.exists() or stripped.stat().st_mtime < binary.stat().st_mtime:
        subprocess.run(["objcopy", "--strip-debug", str(binary), str(stripped)], check=True)
    out = OUT / f"callgrind.{name}.out"
    env = dict(os.environ, SCORECARD_HOME=str(ROOT), SOURCE_DATE_EPOCH="1498089600")
    outdir = OUT / f"pdf-{name}"
    shutil.rmtree(outdir, ignore_errors=True)
    print(f"callgrind: {input_path.relative_to(ROOT) if input_path.is_relative_to(ROOT) else input_path} …",
          file=sys.stderr)
    subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}",
                    str(stripped), "render", str(input_path), "--output", str(outdir)],
                   check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    with open(OUT / f"annotate.{name}.txt", "w") as f:
        subprocess.run(["callgrind_annotate", "--inclusive=yes", str(out)], stdout=f, stderr=subprocess.DEVNULL)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--binary", default=str(ROOT / ".build" / "release" / "scorecard"))
    ap.add_argument("--top", type=int, default=15)
    ap.add_argument("--reuse", action="store_true", help="re-analyse existing callgrind outputs")
    ap.add_argument("--write", action="store_true", help="also write the report to bench/PROFILE.md")
    ap.add_argument("inputs", nargs="*",
                    default=[str(ROOT / "bench" / "work" / "scorecard-2000.csv"), str(ROOT / "Examples" / "cype-2017-06-22")])
    args = ap.parse_args()
    binary = Path(args.binary).absolute()
    sections = []
    for inp in args.inputs:
        path = Path(inp).absolute()
        if not path.exists() and path.name.startswith("scorecard-") and path.suffix == ".csv":
            subprocess.run([sys.executable, str(ROOT / "bench" / "run.py"), "--generate-only"], check=True,
                           stdout=subprocess.DEVNULL)
        name = path.stem if path.is_file() else path.name
        out = OUT / f"callgrind.{name}.out"
        if not (args.reuse and out.exists()):
            out = run_callgrind(binary, path, name)
        text = report(Profile(out), name, args.top)
        sections.append(text)
        print(text)
        print()
    if args.write:
        import datetime as dt
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                                cwd=ROOT).stdout.strip() or "?"
        head = ["# Instruction profile (callgrind)", "",
                f"`python3 bench/profile.py` on commit {commit}, "
                f"{dt.datetime.now(dt.timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}: valgrind --tool=callgrind, "
                "instructions (Ir), whole process. Phases are inclusive costs of their entry points "
                "(see phases() in bench/profile.py); \"of which\" rows are parts of the row above.", ""]
        (ROOT / "bench" / "PROFILE.md").write_text("\n".join(head + ["\n\n".join(sections), ""]), encoding="utf-8")
        print("wrote bench/PROFILE.md", file=sys.stderr)


if __name__ == "__main__":
    main()
