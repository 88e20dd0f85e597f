#!/usr/bin/env python3
"""Mutation fuzzing of the `scorecard` executable on the example pack (a developer tool, not a test).

Each case copies the example pack and the house styles into a scratch folder, mutates one file
(bytes inserted, deleted or replaced, lines duplicated or swapped, long runs, truncation; tokens
chosen for CSV, YAML and Markdown: quotes, separators, BOMs, noncharacters, huge numbers, RAG
words ...), then runs `scorecard check` on the pack or `scorecard render` of the pack (with and
without --png), of one of its CSVs or of its cover report. A case is a finding when the process
ends with a status other than 0 or 1 (a crash or a trap), runs longer than the time limit, exits
with 1 without an error at a file, line and column, or leaves any file behind after a failed
render (a timeout counts when the case times out twice). Findings are
copied, with a NOTE.txt, into the findings folder.

Usage: python3 tools/fuzz_pack.py [--seconds 300] [--seed 1] [--binary .build/release/scorecard]
       (make fuzz FUZZ_ARGS="--seconds 600")
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACK = ROOT / "Examples" / "cype-2017-06-22"
TOKENS = [b"\x00", b"\xff", b"\xef\xbb\xbf", b'"', b",", b"\n", b"\r", b"\r\n", b"\t", b":", b"- ", b"#", b"&", b"*",
          b"!", b"{", b"}", b"[", b"]", b"|", b">", b"%", b"@", b"`", b"\\", b"---", b"...", b"1e309", b"-0", b"NaN",
          b"99999999999999999999", b"\xe2\x80\xa8", b"\xef\xbf\xbe", b"\xf0\x9f\x98\x80", b"\xcc\x81", b"\xe2\x80\x8d",
          b"<", b"&#0;", b"&#xFFFE;", b"RED", b"GREEN", b"AMBER", b"H", b"L", b"T", b"yes", b"no", b"null", b"~", b"0",
          b"-1", b"2017-02-30", b"  ", b"\x7f", b"\xc2\x85", b"\xe3\x80\x80", b"word ", b"\xc2\xa0"]
LOCATED_ERROR = re.compile(r":\d+:\d+: error: ")


def mutate(data: bytes, rnd: random.Random) -> bytes:
    b = bytearray(data)
    for _ in range(rnd.choice([1, 1, 2, 3, 5, 8])):
        if not b:
            b += rnd.choice(TOKENS)
            continue
        i = rnd.randrange(len(b) + 1)
        op = rnd.randrange(8)
        if op == 0:
            b[i:i] = rnd.choice(TOKENS)
        elif op == 1 and i < len(b):
            del b[i:i + rnd.randrange(1, 40)]
        elif op == 2 and i < len(b):
            b[i] = rnd.randrange(256)
        elif op in (3, 4):
            lines = bytes(b).split(b"\n")
            j, k = rnd.randrange(len(lines)), rnd.randrange(len(lines))
            if op == 3:
                lines.insert(k, lines[k] * rnd.choice([1, 2, 50]))
            else:
                lines[j], lines[k] = lines[k], lines[j]
            b = bytearray(b"\n".join(lines))
        elif op == 5:
            b[i:i] = rnd.choice(TOKENS) * rnd.choice([100, 1000, 20000])
        elif op == 6 and i < len(b):
            b[i:min(len(b), i + rnd.randrange(1, 12))] = rnd.choice(TOKENS)
        elif op == 7:
            del b[i:]
    return bytes(b)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seconds", type=float, default=300)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--binary", default=str(ROOT / ".build" / "release" / "scorecard"))
    ap.add_argument("--timeout", type=float, default=30, help="seconds a case may take")
    ap.add_argument("--findings", default=str(ROOT / "bench" / "work" / "fuzz-findings"))
    args = ap.parse_args()
    rnd = random.Random(args.seed)
    findings = Path(args.findings)
    findings.mkdir(parents=True, exist_ok=True)
    scratch_root = Path(tempfile.mkdtemp(prefix="scorecard-fuzz-"))
    pack_files = sorted(p.name for p in PACK.iterdir())
    styles = sorted(p.name for p in (ROOT / "Layouts").iterdir())
    csvs = [name for name in pack_files if name.endswith("indicators.csv")]
    start, cases, found = time.time(), 0, 0
    # SIGTERM (a timeout, a killed make) ends the run through the cleanup below.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        while time.time() - start < args.seconds:
            case = Path(tempfile.mkdtemp(dir=scratch_root))
            pack, home = case / "pack", case / "home"
            shutil.copytree(PACK, pack)
            shutil.copytree(ROOT / "Layouts", home / "Layouts")
            (home / "Fonts").symlink_to(ROOT / "Fonts")
            (home / "Examples").mkdir()
            target = rnd.choice(pack_files + ["Layouts"] * 2)
            path = home / "Layouts" / rnd.choice(styles) if target == "Layouts" else pack / target
            path.write_bytes(mutate(path.read_bytes(), rnd))
            mode = rnd.choice(["check", "check", "render", "png", "csv", "report"])
            out = case / "out"
            if mode == "check":
                command = [args.binary, "check", str(pack)]
            elif mode in ("render", "png"):
                command = [args.binary, "render", str(pack), "--output", str(out)] + (["--png"] if mode == "png" else [])
            elif mode == "csv":
                csv = path if target.endswith("indicators.csv") else pack / rnd.choice(csvs)
                command = [args.binary, "render", str(csv), "--output", str(out)]
            else:
                command = [args.binary, "render", str(pack / "cover-report.md"), "--output", str(out)]
            env = dict(os.environ, SCORECARD_HOME=str(home), SOURCE_DATE_EPOCH="1498089600",
                       XDG_CACHE_HOME=str(scratch_root / "cache"))
            def run_case() -> tuple[object, str]:
                try:
                    result = subprocess.run(command, env=env, capture_output=True, timeout=args.timeout)
                    return result.returncode, result.stderr.decode("utf-8", "replace")
                except subprocess.TimeoutExpired:
                    return "timeout", ""
            if not Path(args.binary).exists():
                sys.exit(f"{args.binary} is gone (rebuilt while fuzzing?); {cases} cases run")
            status, errors = run_case()
            if status == "timeout":
                # A busy machine can stretch one run: a timeout counts only when it happens again.
                shutil.rmtree(out, ignore_errors=True)
                status, errors = run_case()
            cases += 1
            problem = None
            if status not in (0, 1):
                problem = f"status {status}"
            elif status == 1 and not LOCATED_ERROR.search(errors):
                problem = "status 1 without an error at a file, line and column"
            elif status == 1 and mode != "check" and out.exists() and any(out.iterdir()):
                problem = "files left after a failed render: " + ", ".join(p.name for p in out.iterdir())
            if problem:
                found += 1
                keep = findings / f"seed{args.seed}-case{cases}-{time.strftime('%Y%m%d-%H%M%S')}"
                shutil.copytree(case, keep, symlinks=True)
                (keep / "NOTE.txt").write_text(f"{problem}\nseed {args.seed}, case {cases}\ncommand: {command}\n"
                                               f"SCORECARD_HOME={home}\nmutated: {path}\nstderr:\n{errors[-3000:]}\n")
                print(f"finding: {problem} ({mode}, {target}) -> {keep}", flush=True)
            shutil.rmtree(case, ignore_errors=True)
    finally:
        shutil.rmtree(scratch_root, ignore_errors=True)
    print(f"{cases} cases in {time.time() - start:.0f} s, {found} finding(s)" + (f" in {findings}" if found else ""))


if __name__ == "__main__":
    main()
