"""Default vote thresholds (rules.md §5.4). The emulation office edits them afterwards."""

from django.db import migrations

R_VOTE_1 = ("CSTD_BT", "CSTDTQ", "AH_LD", "AH_LLVTND")
CITE_1 = "Nghị định 91/2017/NĐ-CP Điều 45 khoản 8 (giả định áp dụng tiếp theo NĐ 98/2023, 152/2025)"
CITE_2 = "Quy chế làm việc của Hội đồng TĐKT (R-VOTE-2): mặc định quá bán số thành viên dự họp"


def load(apps, schema_editor):
    VoteThreshold = apps.get_model("councils", "VoteThreshold")
    for code in R_VOTE_1:
        VoteThreshold.objects.get_or_create(
            council=None,
            award_code=code,
            regime="",
            valid_from=None,
            defaults={
                "numerator": 9,
                "denominator": 10,
                "inclusive": True,
                "denominator_type": "total_members",
                "method": "secret_ballot",
                "rule_id": "R-VOTE-1",
                "citation": CITE_1,
            },
        )
    VoteThreshold.objects.get_or_create(
        council=None,
        award_code="*",
        regime="",
        valid_from=None,
        defaults={
            "numerator": 1,
            "denominator": 2,
            "inclusive": False,
            "denominator_type": "present_members",
            "method": "",
            "rule_id": "R-VOTE-2",
            "citation": CITE_2,
        },
    )


def unload(apps, schema_editor):
    VoteThreshold = apps.get_model("councils", "VoteThreshold")
    VoteThreshold.objects.filter(council=None, rule_id__in=["R-VOTE-1", "R-VOTE-2"]).delete()


class Migration(migrations.Migration):
    dependencies = [("councils", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
