"""Timing for the peers' scripts (bench_datasketch.py, bench_html_peers.py), which run with
the Python of their virtual environment: standard library only."""

import statistics
import time


def timed_passes(body, repetitions, before=None):
    """Runs `body` once to warm up, then `repetitions` timed times, calling `before` (untimed)
    ahead of each; returns the warm-up's result and the medians of thread CPU and wall seconds,
    with every run's CPU seconds."""
    if before:
        before()
    result = body()
    samples = []
    for _ in range(repetitions):
        if before:
            before()
        cpu_start, wall_start = time.thread_time(), time.perf_counter()
        body()
        samples.append((time.thread_time() - cpu_start, time.perf_counter() - wall_start))
    return result, {"cpuSeconds": statistics.median(s[0] for s in samples),
                    "wallSeconds": statistics.median(s[1] for s in samples),
                    "cpuSecondsAll": [s[0] for s in samples]}
