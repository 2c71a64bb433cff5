#!/usr/bin/env python3
"""clang-tidy over the project's own translation units (src/, tools/; their headers in include/,
src/ and tools/ through --header-filter), in parallel, with a result cache.

    clang_tidy_cached.py --build-dir build/dev [-j N] [--fix] [--counts] [FILE.cpp...]

In a unity build (CMAKE_UNITY_BUILD, the presets' default) compile_commands.json lists CMake's
unity sources (Unity/unity_N_cxx.cxx, each #including several .cpp files of one target): those
whose every .cpp is in src/ or tools/ are the units, so each header is analysed once per batch
instead of once per file (about 3x less time); findings name the original files. Every .cpp of
src/ and tools/ must be covered by some unit, directly or through a unity source.

A translation unit found clean is remembered under $CLOSEIO_TIDY_CACHE (default
~/.cache/closeio-clang-tidy) by a hash of: clang-tidy's version, .clang-tidy, its compile command,
its own text (for a unity source, the text of each .cpp it includes) and the text of every header in include/, src/ and tools/. Any change to those runs
it again; a unit with findings is never cached. Exit status 1 when anything is found.

--fix applies clang-tidy's fixes (run-clang-tidy with clang-apply-replacements, so a fix in a
header shared by several units is applied once) and ignores the cache. --counts prints how many
findings each check has (to choose checks).
"""
import argparse
import concurrent.futures
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
UNIT_DIRS = ("src/", "tools/")
HEADER_DIRS = ("include", "src", "tools")


def tracked_files():
    out = subprocess.run(["git", "-C", str(ROOT), "ls-files", "-z"], check=True,
                         capture_output=True).stdout.decode()
    return [f for f in out.split("\0") if f]


def find_tool(names):
    for name in names:
        path = shutil.which(name)
        if path:
            return path
    sys.exit(f"check-style: none of {', '.join(names)} is installed (scripts/install-deps.sh)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build-dir", default=str(ROOT / "build" / "dev"))
    parser.add_argument("-j", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--fix", action="store_true")
    parser.add_argument("--counts", action="store_true")
    parser.add_argument("units", nargs="*", help="only these .cpp files of src/ or tools/")
    args = parser.parse_args()

    build_dir = Path(args.build_dir).resolve()
    database = build_dir / "compile_commands.json"
    if not database.is_file():
        sys.exit(f"check-style: {database} is missing; configure first (cmake --preset dev)")
    tracked = tracked_files()
    project = {f for f in tracked if f.startswith(UNIT_DIRS) and f.endswith(".cpp")}
    units = sorted(project)
    if args.units:
        wanted = {Path(u).resolve().relative_to(ROOT).as_posix() for u in args.units}
        units = [u for u in units if u in wanted]
    commands = {}  # unit (a path relative to ROOT, or a unity source's absolute path) -> command
    sources = {}   # unit -> the tracked .cpp files it compiles
    unity_include = re.compile(r'^#include "(.*)"$', re.M)
    for entry in json.loads(database.read_text()):
        path = Path(entry["directory"], entry["file"]).resolve()
        command = entry.get("command") or " ".join(entry.get("arguments", []))
        if re.fullmatch(r"unity_\d+_cxx\.cxx", path.name) and path.parent.name == "Unity":
            included = []
            for name in unity_include.findall(path.read_text()):
                try:
                    included.append(Path(name).resolve().relative_to(ROOT).as_posix())
                except ValueError:
                    included.append(name)
            if included and all(f in project for f in included):
                commands[str(path)] = command
                sources[str(path)] = included
            continue
        try:
            rel = path.relative_to(ROOT).as_posix()
        except ValueError:
            continue
        if rel in project:
            commands[rel] = command
            sources[rel] = [rel]
    covered = {f for files in sources.values() for f in files}
    missing = [u for u in units if u not in covered]
    if args.units:  # only the units that compile a wanted file
        commands = {u: c for u, c in commands.items() if set(sources[u]) & set(units)}
    units = sorted(commands)
    if not units:
        sys.exit(f"check-style: no translation unit of src/ or tools/ in {database}")
    header_filter = "^" + re.escape(str(ROOT)) + "/(" + "|".join(HEADER_DIRS) + ")/"

    if args.fix:
        runner = find_tool(["run-clang-tidy", "run-clang-tidy-14"])
        files_regex = "^(" + "|".join(re.escape(u if u.startswith("/") else str(ROOT / u))
                                       for u in units) + ")$"
        return subprocess.run([runner, "-quiet", "-fix", "-format", "-style=file",
                               "-checks=-bugprone-suspicious-include",
                               "-p", str(build_dir), "-j", str(args.j),
                               "-header-filter", header_filter, files_regex],
                              cwd=ROOT).returncode

    tidy = find_tool(["clang-tidy", "clang-tidy-14"])
    version = subprocess.run([tidy, "--version"], capture_output=True, text=True).stdout
    common = hashlib.sha256()
    common.update(version.encode())
    common.update((ROOT / ".clang-tidy").read_bytes())
    common.update(header_filter.encode())
    for f in tracked:
        if f.startswith(tuple(d + "/" for d in HEADER_DIRS)) and f.endswith((".hpp", ".h")):
            common.update(f.encode())
            common.update((ROOT / f).read_bytes())
    cache = Path(os.environ.get("CLOSEIO_TIDY_CACHE",
                                Path.home() / ".cache" / "closeio-clang-tidy"))
    cache.mkdir(parents=True, exist_ok=True)

    def key(unit):
        h = common.copy()
        # The checkout's own path is left out, so a clone elsewhere (CI) reuses the results.
        h.update(commands[unit].replace(str(build_dir), "<build>")
                 .replace(str(ROOT), "<checkout>").encode())
        for source in sources[unit]:
            h.update(source.encode())
            h.update((ROOT / source).read_bytes())
        return h.hexdigest()

    def run(unit):
        marker = cache / key(unit)
        if marker.exists():
            return unit, True, ""
        # A unity source #includes .cpp files by design.
        extra = ["--checks=-bugprone-suspicious-include"] if unit.startswith("/") else []
        proc = subprocess.run([tidy, "--quiet", "-p", str(build_dir), *extra,
                               "--header-filter", header_filter, str(ROOT / unit)],  # ROOT / abs = abs
                              capture_output=True, text=True, cwd=ROOT)
        findings = proc.stdout.strip()
        if proc.returncode == 0 and not re.search(r": (warning|error): ", findings):
            marker.touch()
            return unit, False, ""
        return unit, False, findings or proc.stderr.strip()

    cached = 0
    findings = {}
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.j)) as pool:
        for unit, hit, text in pool.map(run, units):
            cached += hit
            if text:
                findings[unit] = text

    # A header's finding shows once, however many units include it.
    seen = set()
    counts = {}
    report = []
    for unit in sorted(findings):
        block = []
        skipping = False
        for line in findings[unit].splitlines():
            m = re.match(r"^(.*?):\d+:\d+: (warning|error): .*?(?: \[([^\]]+)\])?$", line)
            if m:
                skipping = line in seen  # the same finding, from another unit
                seen.add(line)
                if not skipping:
                    for check in [c for c in (m.group(3) or "clang-diagnostic-error").split(",")
                              if not c.startswith("-")]:
                        counts[check] = counts.get(check, 0) + 1
            if not skipping:
                block.append(line)
        if block:
            report.append("\n".join(block))
    if report:
        print("\n".join(report))
    total = sum(counts.values())
    if args.counts or total:
        for check, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
            print(f"{n:6d}  {check}")
    files = len({f for u in units for f in sources[u]})
    print(f"clang-tidy: {files} source files in {len(units)} translation units ({cached} unchanged "
          f"since a clean run), {total} finding(s)"
          + (f"; not in {database.name}: {', '.join(missing)}" if missing else ""))
    return 1 if findings or missing else 0


if __name__ == "__main__":
    sys.exit(main())
