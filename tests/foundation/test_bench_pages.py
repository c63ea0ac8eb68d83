"""The page benchmark's own arithmetic: percentiles, the shape of a slow query, a ratio's verdict."""

import importlib.util
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "scripts" / "bench_pages.py"


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("bench_pages", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_p95_is_the_nearest_rank(bench):
    assert bench.percentile([5, 1, 3], 95) == 5
    assert bench.percentile(list(range(1, 21)), 95) == 19
    assert bench.percentile([7], 95) == 7


def test_a_page_over_p95_is_flagged_even_when_its_median_is_under(bench):
    page = bench.Page("Projects", "/projects/", "manager")
    page.times_ms, page.cpu_ms, page.queries = [100, 120, 900], [10, 10, 10], 5
    assert page.misses() == ["p95 ≥600"]
    page.queries = 30
    assert "queries ≥30" in page.misses()


def test_slow_queries_are_kept_once_per_shape_with_every_page(bench):
    slow = bench.SlowQueries()
    projects = bench.Page("Projects", "/projects/", "manager")
    stale = bench.Page("Projects: stale", "/projects/?stale=true", "manager")
    slow.add(projects, [{"sql": "SELECT * FROM p WHERE id = 1 AND name = 'a'", "time": "0.060"}])
    slow.add(stale, [{"sql": "SELECT * FROM p WHERE id = 22 AND name = 'b'", "time": "0.080"}])
    slow.add(stale, [{"sql": "SELECT 1", "time": "0.010"}])  # under 50 ms: left out
    (entry,) = slow.found.values()
    assert entry["pages"] == ["Projects as manager", "Projects: stale as manager"]
    assert entry["ms"] == pytest.approx(80) and "22" in entry["sql"]


def test_a_ratio_passes_or_fails_against_its_bound(bench):
    assert bench.Ratio("list / admin", 0.4, 0.5, at_most=True).verdict == "pass"
    assert bench.Ratio("list / admin", 0.6, 0.5, at_most=True).verdict == "FAIL"
    assert bench.Ratio("page / hello", 4.0, 5, at_most=False, unit="%").verdict == "FAIL"
    assert bench.Ratio("page / hello", None, 5, at_most=False, unit="%").verdict == "not measured"
