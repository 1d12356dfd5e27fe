"""P6 measured in its own process: a decision's certificates rendered as one batch, and the
same certificates rendered one at a time (the baseline), in the same process."""

from __future__ import annotations

import json
import sys
import time
from typing import Any

import django

django.setup()

from faker import Faker  # noqa: E402

from vinhdanh.documents import formats  # noqa: E402
from vinhdanh.documents.builder import Signature  # noqa: E402
from vinhdanh.documents.interfaces.certificates import (  # noqa: E402
    Certificate,
    render_certificates,
)

FORMS = [
    ("BK_BT", "certificate", "TẶNG", "BẰNG KHEN"),
    ("GIAY_KHEN", "certificate", "TẶNG", "GIẤY KHEN"),
    ("CSTDCS", "title", "CÔNG NHẬN DANH HIỆU", "CHIẾN SĨ THI ĐUA CƠ SỞ"),
    ("LDTT", "title", "CÔNG NHẬN DANH HIỆU", "LAO ĐỘNG TIÊN TIẾN"),
]


def papers(n: int) -> list[Certificate]:
    """The certificates of one decision with `n` recipients (Vietnamese names, four kinds)."""
    fake = Faker("vi_VN")
    fake.seed_instance(6)
    signature = Signature(title="Chủ tịch", name="Trần Văn Bình")
    result = []
    for i in range(n):
        code, category, verb, form = FORMS[i % len(FORMS)]
        result.append(
            Certificate(
                kind_code=code,
                category=category,
                national_name=formats.NATIONAL_NAME,
                motto=formats.MOTTO,
                authority="CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH",
                verb=verb,
                form=form,
                recipient=formats.nfc(fake.name()),
                is_person=True,
                position=f"Chuyên viên, Sở {fake.word().capitalize()}",
                achievement="Đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm 2024",
                decision_line="Quyết định số 125/QĐ-UBND ngày 17/07/2025",
                register_line="Số sổ vàng: ……………",
                place_date="Hà Tĩnh, ngày 17 tháng 7 năm 2025",
                signature=signature,
            )
        )
    return result


def run(n: int) -> dict[str, Any]:
    """Both sides are timed in CPU seconds of this process (and wall seconds, for
    information): on a shared machine the CPU time is what the rendering itself costs."""
    items = papers(n)
    render_certificates(items[:1])  # fonts loaded and stylesheet parsed once, for both sides
    wall, cpu = time.perf_counter(), time.process_time()
    batch = render_certificates(items)
    batch_s, batch_wall = time.process_time() - cpu, time.perf_counter() - wall
    wall, cpu = time.perf_counter(), time.process_time()
    single_bytes = 0
    for item in items:
        single_bytes += len(render_certificates([item]))
    single_s, single_wall = time.process_time() - cpu, time.perf_counter() - wall
    return {
        "certificates": n,
        "batch_s": round(batch_s, 2),
        "batch_wall_s": round(batch_wall, 2),
        "batch_pages_per_s": round(n / batch_s, 1),
        "batch_mb": round(len(batch) / 1e6, 2),
        "single_s": round(single_s, 2),
        "single_wall_s": round(single_wall, 2),
        "single_pages_per_s": round(n / single_s, 1),
        "single_mb": round(single_bytes / 1e6, 2),
        "ratio": round(single_s / batch_s, 2),
    }


if __name__ == "__main__":
    print(json.dumps(run(int(json.loads(sys.argv[1])["n"]))))
