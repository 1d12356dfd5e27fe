from __future__ import annotations

import datetime as dt

import factory

from tests.factories.people import PersonFactory
from vinhdanh.awards.enums import AwardType, DecisionStatus
from vinhdanh.awards.models import Award, AwardKind, Decision


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision

    issuing_body = "Ủy ban nhân dân tỉnh Hà Tĩnh"
    number = factory.Sequence(lambda n: n + 1)
    symbol = "QĐ-UBND"
    year = 2024
    signed_on = dt.date(2024, 12, 20)
    signer_name = "Trần Văn Bình"
    signer_title = "Chủ tịch"
    decider_role = "chu_tich_ubnd_tinh"
    status = DecisionStatus.ISSUED


def kind(code: str) -> AwardKind:
    return AwardKind.objects.get(code=code)


class AwardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Award

    decision = factory.SubFactory(DecisionFactory)
    kind = factory.LazyFunction(lambda: kind("LDTT"))
    person = factory.SubFactory(PersonFactory)
    period = 2024
    award_type = AwardType.CONG_TRANG
