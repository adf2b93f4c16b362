"""Benchmark of the scan engine with the default pack: throughput and latency per post.

Run: `make bench` or `python -m bench engine`. Single process, single thread (one core).
The composer checks on every keystroke, so the target is p99 under 5 ms for a
280-character post. Figures are printed, never asserted.
"""

from __future__ import annotations

import os
import statistics
import time

from bench.corpus import generate
from herald import ScanContext, Scanner, load_policy
from herald.text.langid import warm_up


def _percentile(sorted_values: list[float], q: float) -> float:
    index = min(len(sorted_values) - 1, round(q * (len(sorted_values) - 1)))
    return sorted_values[index]


# Inputs at the 100 KB limit shaped to make regular expressions backtrack: each must stay
# roughly linear (a fraction of a second), never seconds.
WORST_CASES = {
    "dotted digits": "1." * 49_000,
    "digit run": "1" * 99_000,
    "spaced digits": "1 " * 49_000,
    "at signs": "a@" * 49_000,
    "hashtags": "#a" * 49_000,
    "open quote": '"' + "x " * 49_000,
    "card-like groups": "4111 " * 19_800,
    "repeated risky post": (
        "Studies show our cheap card is risk-free, email me at a.b@gmail.com now. " * 1_400
    )[:99_000],
}


def worst_cases(scanner: Scanner) -> None:
    print("\nworst cases at the size limit (language given):")
    for name, text in WORST_CASES.items():
        c0, t0 = time.process_time(), time.perf_counter()
        result = scanner.scan(text, ScanContext(lang="en"))
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
        print(
            f"  {name:<22} {len(text):>7,} chars  {wall * 1e3:>8.1f} ms wall  {cpu * 1e3:>8.1f} ms CPU"
            f"  {len(result.findings):>5} findings"
        )


def main() -> None:
    posts = generate()
    policy = load_policy("examples/nexora-policy.yaml")
    scanner = Scanner(policy)
    warm_up()
    for post in posts[:200]:  # warm caches (lazy matchers, language models)
        scanner.scan(post.text)

    print(
        f"corpus: {len(posts):,} posts (tr/es/en), policy {policy.id} {policy.version}, "
        f"{len(policy.rules)} rules"
    )
    for label, given_lang in (("language detected", False), ("language given", True)):
        latencies = []
        cpu_times = []
        findings = 0
        started = time.perf_counter()
        for post in posts:
            ctx = ScanContext(lang=post.lang if given_lang else None)
            c0, t0 = time.process_time(), time.perf_counter()
            result = scanner.scan(post.text, ctx)
            latencies.append(time.perf_counter() - t0)
            cpu_times.append(time.process_time() - c0)
            findings += len(result.findings)
        elapsed = time.perf_counter() - started
        latencies.sort()
        cpu_times.sort()
        long_posts = sorted(
            lat for lat, post in zip(latencies, posts, strict=True) if len(post.text) >= 240
        )
        print(f"\n{label}:")
        print(f"  throughput     {len(posts) / elapsed:>10,.0f} posts/s on one core")
        print(f"  latency p50    {_percentile(latencies, 0.50) * 1e3:>10.3f} ms")
        print(f"  latency p99    {_percentile(latencies, 0.99) * 1e3:>10.3f} ms")
        print(f"  latency max    {latencies[-1] * 1e3:>10.3f} ms")
        # CPU time per post is what the engine costs; wall time adds whatever else the
        # machine is doing. On a quiet machine the two agree.
        print(f"  CPU time p50   {_percentile(cpu_times, 0.50) * 1e3:>10.3f} ms")
        print(f"  CPU time p99   {_percentile(cpu_times, 0.99) * 1e3:>10.3f} ms")
        if long_posts:
            print(
                f"  p99 (240-280 chars) {_percentile(long_posts, 0.99) * 1e3:>5.3f} ms  (target < 5 ms)"
            )
        print(f"  mean findings  {findings / len(posts):>10.2f} per post")
    worst_cases(scanner)
    print(f"\nload average at the end: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    print(f"mean post length {statistics.mean(len(p.text) for p in posts):.0f} characters")


if __name__ == "__main__":
    main()
