from __future__ import annotations

from types import SimpleNamespace

from vinhdanh.common import context


def test_acting_sets_and_restores_the_actor() -> None:
    user = SimpleNamespace(pk=7, username="thu_ky")
    assert context.current() is None

    with context.acting(user, source="cli:import", request_id="abc") as ctx:
        assert context.current() == ctx
        assert (ctx.user_id, ctx.username, ctx.request_id, ctx.source) == (
            7,
            "thu_ky",
            "abc",
            "cli:import",
        )

    assert context.current() is None


def test_acting_without_request_id_makes_one() -> None:
    with context.acting(None, source="system") as ctx:
        assert len(ctx.request_id) == 32
        assert ctx.user_id is None
        assert ctx.username == ""


def test_acting_nested_restores_the_outer_actor() -> None:
    with context.acting(None, source="outer", request_id="1") as outer:
        with context.acting(None, source="inner", request_id="2"):
            assert context.current().source == "inner"  # type: ignore[union-attr]
        assert context.current() == outer


def test_acting_reads_a_lazy_user_when_asked() -> None:
    # The API authenticates after the middleware: the user is read when a change is written.
    request = SimpleNamespace(user=SimpleNamespace(pk=None, username=""))
    with context.acting(lambda: request.user, source="api") as ctx:
        assert ctx.user_id is None
        request.user = SimpleNamespace(pk=9, username="lanhdao")
        assert (ctx.user_id, ctx.username) == (9, "lanhdao")


def test_acting_as_keeps_the_request_but_records_the_domain_actor() -> None:
    actor = SimpleNamespace(pk=3, username="vanphong")
    with context.acting(None, source="api", request_id="r1"), context.acting_as(actor):
        ctx = context.current()
        assert ctx is not None
        assert (ctx.user_id, ctx.source, ctx.request_id) == (3, "api", "r1")
