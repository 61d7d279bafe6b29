"""Bulk list import speed: ``python -m benchmarks.import_rows --rows 5000``.

An official of Zigong uploads a CSV list of factories (the downloadable template's Chinese
headers) through the curation pages: a dry run, then the commit, then the same list again
(every row matched, nothing created). Run from the repository root: the test suite's curation
helpers build the two-prefecture world and sign the official in, exactly as the tests do.
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import tempfile
import time
from pathlib import Path
from typing import Sequence

from sqlmodel import Session, func, select

from catalogue import create_app
from catalogue.codes import uscc_check_character
from catalogue.db import get_engine, upgrade
from catalogue.models import Factory, ImportRun
from tests.curation.helpers import build_world, post, post_files, signed_in

HEADERS = ["清单编号", "统一社会信用代码", "企业名称", "英文名称", "所属产业带", "所在区县", "起订量", "出口市场", "生产模式", "企业简介"]
COUNTIES = ["自流井区", "贡井区", "大安区", "沿滩区", "荣县", "富顺县"]
WORDS = "龙腾 华彩 光明 金辉 瑞祥 宏达 鑫源 天府 巴蜀 恐龙 熊猫 盐都 灯会 彩虹 星光 锦绣".split()


def factory_list(rows: int) -> bytes:
    """A CSV list of ``rows`` distinct Zigong lantern factories, UTF-8 with a BOM as Excel saves it."""
    rng = random.Random(7)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADERS)
    for i in range(rows):
        body = f"91510300MA{i:07d}"
        writer.writerow([f"ZG-{i:05d}", body + uscc_check_character(body),
                         f"自贡{rng.choice(WORDS)}{rng.choice(WORDS)}{i}灯饰有限公司", f"Zigong Lantern Works No. {i}",
                         "zigong-lanterns", rng.choice(COUNTIES), str(rng.choice([10, 50, 100])), "DE, FR, US",
                         "OEM, ODM", "专业制作彩灯灯组，产品远销欧美。" * 3])
    return out.getvalue().encode("utf-8-sig")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--database-url", default=None, help="Default: a temporary SQLite file.")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        url = args.database_url or f"sqlite:///{root / 'catalogue.sqlite3'}"
        upgrade(url)
        app = create_app({"TESTING": True, "DATABASE_URL": url, "SEARCH_INDEX_DIR": str(root / "index"),
                          "MEDIA_ROOT": str(root / "media"), "SECRET_KEY": "benchmark"})
        world = build_world(app)
        official = signed_in(app, "zigong@example.org")
        data = factory_list(args.rows)
        form = {"kind": "factories", "prefecture_id": str(world.zigong), "all_or_nothing": "y"}
        timings = []
        for attempt in ("first import", "same list again"):
            started = time.perf_counter()
            reply = post_files(official, "/curation/imports", {**form, "list_file": (io.BytesIO(data), "list.csv")})
            dry = time.perf_counter()
            run = int(reply.headers["Location"].rsplit("/", 1)[1])
            post(official, f"/curation/imports/{run}/commit")
            done = time.perf_counter()
            with Session(get_engine(app)) as session:
                factories = session.exec(select(func.count()).select_from(Factory)).one()
                report = session.get(ImportRun, run).report
            timings.append(done - started)
            print(f"{attempt}: {args.rows} rows, dry run {dry - started:.1f} s, commit {done - dry:.1f} s, "
                  f"total {done - started:.1f} s; factories {factories}; errors {report['errors']}")
        get_engine(app).dispose()
    print(f"rows={args.rows} import_s={timings[0]:.1f} reimport_s={timings[1]:.1f}")


if __name__ == "__main__":
    main()
