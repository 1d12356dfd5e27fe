"""The one sender: an in-app message per person and one e-mail each, only after the commit."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.db import transaction

from tests.factories.orgs import UserFactory
from vinhdanh.common.models import Notification
from vinhdanh.common.notifications import Note, notify, notify_on_commit

pytestmark = pytest.mark.django_db


def test_each_person_gets_their_messages_and_one_email_listing_them() -> None:
    office = UserFactory(email="bantdkt@tinh.example")
    member = UserFactory(email="")
    gone = UserFactory(email="cu@tinh.example", is_active=False)
    notes = [
        Note(user_id=office.pk, message="Hồ sơ Nguyễn Thị Hồng đã được nộp.", verb="submitted"),
        Note(user_id=office.pk, message="Hồ sơ Trần Văn Bình đã được nộp.", verb="submitted"),
        Note(user_id=office.pk, message="Hồ sơ Trần Văn Bình đã được nộp.", verb="submitted"),
        Note(user_id=member.pk, message="Phiên họp đã mở biểu quyết.", url="/councils/1/"),
        Note(user_id=gone.pk, message="Không gửi cho người đã nghỉ."),
    ]
    created = notify(notes)
    assert len(created) == 3  # the repeated note once, nobody inactive
    assert office.notifications.count() == 2
    assert member.notifications.get().url == "/councils/1/"
    assert not gone.notifications.exists()
    (email,) = mail.outbox
    assert email.to == ["bantdkt@tinh.example"]
    assert email.subject == "[Vinh Danh] Có 2 hồ sơ cần đồng chí xử lý"
    assert "Nguyễn Thị Hồng" in email.body
    assert "Trần Văn Bình" in email.body


def test_a_mail_server_that_is_down_loses_no_message(settings: Any) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    user = UserFactory(email="vanthu@stp.example")
    notify([Note(user_id=user.pk, message="Quyết định đã được ban hành.")])
    assert user.notifications.get().message == "Quyết định đã được ban hành."


def test_nothing_is_sent_for_a_change_that_rolls_back(
    django_capture_on_commit_callbacks: Any,
) -> None:
    user = UserFactory(email="vanthu@stp.example")

    class Abort(Exception):
        pass

    def change_then_fail() -> None:
        with transaction.atomic():
            notify_on_commit([Note(user_id=user.pk, message="Không được gửi.")])
            raise Abort

    with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(Abort):
        change_then_fail()
    assert callbacks == []
    assert not Notification.objects.exists()
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        notify_on_commit([Note(user_id=user.pk, message="Được gửi sau khi lưu.")])
    assert user.notifications.get().message == "Được gửi sau khi lưu."
    assert len(mail.outbox) == 1
