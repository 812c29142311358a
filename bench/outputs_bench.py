"""The chair's outputs at provincial scale: results workbook, signed panel file, PDF report.

Targets (issue: the chair's whole job): the report of 200 submissions in at most 10 s with
peak memory under 500 MB; every output renders for 500 submissions x 30 experts (the ranking
chart is cut into page-sized parts). The time and page count of each output are printed for
200 submissions (7 and 30 experts) and 500 submissions (30 experts).

Result files are made directly in the result format, as in ``chair_bench``; the merge is
the real one (``ChairRun``), and the three files are written by ``chair.outputs.export_all``
(the one function the window, ``chair export`` and the demo call), timed between its steps.
Each size runs in a child process, so its peak RSS is its own.

That peak is the whole job's: the workbook's and the panel file's memory is not all given back
to the system before the report starts, so it says nothing about the report. Each output is
therefore also written alone in a child of its own (merge, then that output only), and that
child's peak RSS is the output's figure, the one the report's target is judged on.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.chair_bench import make_package, make_result, scores

SIZES = ((200, 7), (200, 30), (500, 30))

CHILD = """
import json, resource, sys, time
from pathlib import Path
from expertscore.chair.outputs import export_all
from expertscore.chair.panel_outcome import outcome_of
from expertscore.chair.run import ChairRun
from expertscore.demo.flow import demo_chair_key
folder = Path(sys.argv[1])
run = ChairRun.open(folder / "bench.esbatch", folder / "merge", [])
start = time.perf_counter()
run.apply(run.plan(sorted(folder.glob("*.esresult"))))
run.reload()
outcome = outcome_of(run)
figures = {"merge": time.perf_counter() - start}
names = {"workbook": "results.xlsx", "panel": "panel.espanel", "report": "report.pdf"}
marks = []
def step(kind, index, count):
    marks.append((kind, time.perf_counter(), time.process_time()))
export_all(outcome, folder, demo_chair_key(1), names=names, step=step)
for (kind, began, cpu), (_next, ended, cpu_ended) in zip(marks, marks[1:]):
    figures[kind] = ended - began
    figures[kind + "_cpu"] = cpu_ended - cpu
figures["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(figures))
"""

# One output alone: the merge it needs, then that output; its peak RSS is this output's own.
ALONE = """
import json, resource, sys
from pathlib import Path
from expertscore.chair import outputs
from expertscore.chair.panel_outcome import outcome_of
from expertscore.chair.run import ChairRun
from expertscore.demo.flow import demo_chair_key
folder, kind = Path(sys.argv[1]), sys.argv[2]
run = ChairRun.open(folder / "bench.esbatch", folder / ("merge-" + kind), [])
run.apply(run.plan(sorted(folder.glob("*.esresult"))))
run.reload()
outcome = outcome_of(run)
merged = int(open("/proc/self/statm").read().split()[1]) * resource.getpagesize() / 2**20
out = folder / ("alone-" + kind)
if kind == outputs.WORKBOOK:
    outputs.write_workbook(outcome, out)
elif kind == outputs.PANEL_FILE:
    outputs.write_panel(outcome, out, demo_chair_key(1))
else:
    outputs.write_report_pdf(outcome, out)
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"merged_mb": merged, "peak_mb": peak}))
"""


def measure(submissions: int, experts: int) -> dict:
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        scheme = make_package(folder / "bench.esbatch", experts, submissions)
        from expertscore.batch.package import open_package

        package = open_package(folder / "bench.esbatch")
        rng = random.Random(2026)
        for number in range(1, experts + 1):
            table = scores(scheme, rng, submissions)
            make_result(number, scheme, package, table, folder / f"E{number:02d}.esresult")
        done = subprocess.run(
            [sys.executable, "-c", CHILD, str(folder)], capture_output=True, text=True, check=False
        )
        if done.returncode != 0:
            return {"error": done.stderr.strip().splitlines()[-1] if done.stderr else "failed"}
        figures = json.loads(done.stdout)
        figures["pages"] = pages(folder / "report.pdf")
        for kind in ("workbook", "panel", "report"):
            alone = subprocess.run(
                [sys.executable, "-c", ALONE, str(folder), kind],
                capture_output=True,
                text=True,
                check=False,
            )
            if alone.returncode != 0:
                return {"error": f"{kind} alone: " + alone.stderr.strip().splitlines()[-1]}
            own = json.loads(alone.stdout)
            figures[kind + "_rss_mb"] = own["peak_mb"]
            figures["merged_rss_mb"] = own["merged_mb"]
        return figures


def pages(pdf: Path) -> int:
    """The page count, as poppler's ``pdfinfo`` reads it."""
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    line = next(line for line in info.stdout.splitlines() if line.startswith("Pages:"))
    return int(line.split()[1])


def main() -> None:
    print("outputs benchmark: workbook, signed panel file and PDF report (liaoning-2025-grading)")
    for submissions, experts in SIZES:
        figures = measure(submissions, experts)
        label = f"{submissions} submissions x {experts} experts"
        if "error" in figures:
            print(f"  {label}: FAILED: {figures['error']}")
            continue
        print(
            f"  {label}: merge {figures['merge']:.1f} s, workbook {figures['workbook']:.1f} s,"
            f" panel file {figures['panel']:.1f} s, report {figures['report']:.1f} s"
            f" (CPU {figures['report_cpu']:.1f} s; {figures['pages']} pages),"
            f" peak RSS of the whole export {figures['rss_mb']:.0f} MB"
        )
        print(
            f"    peak RSS of each output written alone (after the merge, which holds"
            f" {figures['merged_rss_mb']:.0f} MB): workbook {figures['workbook_rss_mb']:.0f} MB,"
            f" panel file {figures['panel_rss_mb']:.0f} MB,"
            f" report {figures['report_rss_mb']:.0f} MB"
        )
        if submissions == 200:
            memory = figures["report_rss_mb"]
            met = figures["report"] <= 10 and memory < 500
            print(
                f"    report target <= 10 s and < 500 MB: {figures['report']:.1f} s,"
                f" {memory:.0f} MB: {'MET' if met else 'MISSED'}"
            )
            if not met and figures["report_cpu"] <= 10 and memory < 500:
                # On a shared machine the wall time counts the other processes' turns too.
                print("    (the report's own CPU time is within 10 s: the machine is loaded)")


if __name__ == "__main__":
    main()
