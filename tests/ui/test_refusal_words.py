"""A service's refusal in the window's language (``ui.refusal_words``): each kind the
core raises, from a real service where one raises it, said in Chinese and in English
with its facts (who, their role, the action; the order and its status); a refused
name and PIN in the words the pages said it in (signing in; a supervisor's at a
counter); an order not found by its number; a waybill the spool refused, kept with its
facts for the print queue; the core's English message unchanged for the command line
and the logs; and ``TaskQueue`` hands ``on_error`` these words, not the core's."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from app import credentials, order_actions, permissions, users
from app.db import unit_of_work
from app.errors import IllegalTransition, NotFound, OrderActionRefused, PackdeskError
from app.models import JobProblem, JobStatus, Order, OrderStatus, Role, User
from app.order_detail import order_view
from app.packing.override import OverrideRefused
from app.permissions import Action, NotAllowed
from app.printing import job_problem, jobs
from app.printing.job_gate import LabelVoided
from app.printing.jobs import JobRow
from app.shipping.waybill_rule import WaybillRefused, refusal
from app.sign_in import SignInRefused
from tests.app.printing.conftest import add_order
from tests.ui.conftest import speaking_chinese
from tests.ui.signing import add_person
from ui.permission_words import action_words
from ui.print_queue_model import ERROR, PrintQueueModel
from ui.refusal_words import refusal_words
from ui.words import status_words
from ui.workers import TaskQueue

S = OrderStatus
LATIN = re.compile(r"[A-Za-z]{3,}")  # an English word left in a Chinese sentence


def _person(engine: Engine, name: str, role: str) -> int:
    with unit_of_work(engine) as s:
        user = User(name=name, badge=f"B-{name}", role=role)
        s.add(user)
        s.flush()
        return user.id


def _refused(engine: Engine, user_id: int | None, action: Action) -> NotAllowed:
    with pytest.raises(NotAllowed) as refused:
        permissions.require(engine, user_id, action)
    return refused.value


def _english(words: str, *facts: str) -> str:
    """``words`` without the facts: what must not be left in a Chinese sentence."""
    for fact in facts:
        words = words.replace(fact, "")
    return words


def test_a_role_that_may_not_is_said_with_who_their_role_and_who_may(
    qapp: QApplication, engine: Engine
) -> None:
    packer = _person(engine, "Li 李", "packer")
    refused = _refused(engine, packer, Action.CANCEL)
    assert (refused.name, refused.role) == ("Li 李", Role.PACKER)
    assert str(refused) == (  # the command line's words, as they were
        "Li 李 (packer) may not cancel orders; ask a supervisor or above."
    )
    assert refusal_words(refused) == (
        "Li 李 (packer) may not cancel orders: sign in as a supervisor or an admin."
    )
    with speaking_chinese():
        assert refusal_words(refused) == "Li 李（打包员）无权取消订单：请以主管或管理员身份登录。"

    lead = _refused(engine, _person(engine, "Wu 吴", "lead"), Action.CHANGE_PRINTERS)
    with speaking_chinese():
        assert refusal_words(lead) == "Wu 吴（组长）无权修改打印机：请以主管或管理员身份登录。"


def test_nobody_signed_in_is_told_who_may_sign_in(qapp: QApplication, engine: Engine) -> None:
    nobody = _refused(engine, None, Action.REPRINT)
    assert nobody.name is None and str(nobody).startswith("Only an active lead or above")
    assert refusal_words(nobody) == (
        "Sign in as a lead, a supervisor or an admin to reprint documents."
    )
    with speaking_chinese():
        assert refusal_words(nobody) == "请以组长、主管或管理员身份登录，才能重新打印单据。"
        assert refusal_words(_refused(engine, None, Action.PACK)) == "请先登录，才能打包订单。"


def test_every_action_has_words_in_both_languages(qapp: QApplication) -> None:
    for action in Action:
        english = action_words(action)
        assert english == permissions.WORDS[action]  # the core's words, in the window
        with speaking_chinese():
            chinese = action_words(action)
        assert chinese != english and not LATIN.search(chinese), action


def test_no_waybill_for_an_order_not_packed_names_the_order_and_its_state(
    qapp: QApplication, engine: Engine
) -> None:
    lead = _person(engine, "Lead Lin", "lead")
    order_id = add_order(engine, "#1001")
    with unit_of_work(engine) as s:
        s.get_one(Order, order_id).status = S.PACKING
    with pytest.raises(WaybillRefused) as refused:
        order_actions.reprint(engine, order_id, user_id=lead, reason="smudged")
    assert refused.value.refused == (("#1001", S.PACKING),)
    assert str(refused.value) == refusal("#1001", S.PACKING)  # the CLI's words, unchanged
    english = refusal_words(refused.value)
    assert english.startswith("Order #1001 is packing, not packed yet: no waybill")
    with speaking_chinese():
        chinese = refusal_words(refused.value)
    assert chinese.startswith("订单 #1001 当前为“打包中”，尚未装箱：")
    assert not LATIN.search(chinese)

    both = WaybillRefused([("#7", S.CANCELLED), ("#8", S.ON_HOLD)])
    with speaking_chinese():
        said = refusal_words(both)
    assert said.startswith("订单 #7 已取消：不会为它打印面单")
    assert "订单 #8 当前为“已挂起”" in said


def test_an_illegal_move_names_the_order_and_both_states(
    qapp: QApplication, engine: Engine
) -> None:
    boss = _person(engine, "Sup Wang", "supervisor")
    order_id = add_order(engine, "#1002")
    with unit_of_work(engine) as s:
        s.get_one(Order, order_id).status = S.SHIPPED
    with pytest.raises(IllegalTransition) as refused:
        order_actions.hold(engine, order_id, user_id=boss, reason="address")
    assert str(refused.value) == "Order #1002 cannot go from 'shipped' to 'on_hold'."
    assert refusal_words(refused.value) == "Order #1002 cannot go from shipped to on hold."
    with speaking_chinese():
        assert refusal_words(refused.value) == "订单 #1002 不能从“已发货”变为“已挂起”。"

    unreasoned = IllegalTransition("#9", "packed", "cancelled", needs_reason=True)
    assert str(unreasoned) == "Order #9 cannot go from 'packed' to 'cancelled without a reason'."
    with speaking_chinese():
        assert refusal_words(unreasoned) == "订单 #9 不能在没有原因的情况下从“已装”变为“已取消”。"


ORDER_ACTION_REFUSALS = [  # kind, order, status, count: what the words must hold
    ("no_reason", "", "", 0),
    ("no_documents", "", "", 0),
    ("not_on_hold", "#5", "ready", 0),
    ("not_packed", "#5", "on_hold", 0),
    ("not_being_packed", "#5", "ready", 0),
    ("not_held", "#5", "packed", 0),
    ("nothing_short", "#5", "on_hold", 0),
    ("items_left", "#5", "on_hold", 1),
    ("items_left", "#5", "on_hold", 3),
    ("closed", "#5", "shipped", 0),
    ("already_expedited", "#5", "ready", 0),
    ("not_expedited", "#5", "ready", 0),
    ("not_printed_yet", "#5", "ready", 0),
]
# the refusals whose words need not say the order's state
STATELESS = {"no_reason", "no_documents", "nothing_short", "items_left", "already_expedited"}
STATELESS |= {"not_expedited"}


@pytest.mark.parametrize(("kind", "order", "status", "count"), ORDER_ACTION_REFUSALS)
def test_each_refused_order_action_is_said_with_its_facts(
    qapp: QApplication, kind: str, order: str, status: str, count: int
) -> None:
    refused = OrderActionRefused("the core's English", kind, order, status, count)
    english = refusal_words(refused)
    with speaking_chinese():
        chinese = refusal_words(refused)
    assert english != "the core's English" and chinese != english
    assert not LATIN.search(_english(chinese, order)), chinese
    for said in (english, chinese):
        assert order in said and "%" not in said
        if count:
            assert f" {count} " in said
    if kind not in STATELESS:
        with speaking_chinese():
            assert f"“{status_words(S(status))}”" in chinese


def test_refused_order_actions_from_the_service(qapp: QApplication, engine: Engine) -> None:
    boss = _person(engine, "Sup Wang", "supervisor")
    order_id = add_order(engine, "#1003")  # packed
    with pytest.raises(OrderActionRefused) as no_reason:
        order_actions.hold(engine, order_id, user_id=boss, reason=" ")
    with pytest.raises(OrderActionRefused) as not_held:
        order_actions.release(engine, order_id, user_id=boss, reason="go")
    assert str(not_held.value) == (  # the command line's words, as they were
        "Order #1003 is not on hold (it is packed); there is nothing to release."
    )
    assert (not_held.value.kind, not_held.value.order, not_held.value.status) == (
        "not_on_hold",
        "#1003",
        "packed",
    )
    assert refusal_words(no_reason.value).startswith("Give a reason for this action")
    assert refusal_words(not_held.value) == str(not_held.value)
    with speaking_chinese():
        assert refusal_words(no_reason.value) == "请填写此操作的原因；原因会记入订单历史。"
        assert refusal_words(not_held.value) == "订单 #1003 未暂停（当前为“已装”）；无需恢复。"


def test_a_camera_problem_is_said_in_its_own_words(qapp: QApplication) -> None:
    from app.evidence.cameras import CameraProblem
    from app.evidence.words import said

    problem = CameraProblem(said("no_device", "/dev/video7"))
    assert (
        refusal_words(problem)
        == str(problem)
        == ("There is no camera /dev/video7: is it plugged in?")
    )
    with speaking_chinese():
        chinese = refusal_words(problem)
    assert "/dev/video7" in chinese and not LATIN.search(_english(chinese, "/dev/video7"))


def test_a_refusal_it_does_not_know_is_said_in_the_cores_words(qapp: QApplication) -> None:
    with speaking_chinese():
        assert refusal_words(PackdeskError("The disk is full.")) == "The disk is full."
        assert refusal_words(OrderActionRefused("As it was.", "new_kind")) == "As it was."


def test_the_task_queue_hands_on_error_the_words_in_the_windows_language(
    qtbot: QtBot, engine: Engine
) -> None:
    packer = _person(engine, "Li 李", "packer")
    queue = TaskQueue("refusals")
    said: list[tuple[str, bool]] = []

    def refused() -> None:
        permissions.require(engine, packer, Action.SHIP_SHORT)

    try:
        with speaking_chinese():
            queue.submit(refused, None, lambda words, bug: said.append((words, bug)))
            qtbot.waitUntil(lambda: bool(said), timeout=5_000)
    finally:
        queue.close()
    assert said == [("Li 李（打包员）无权批准缺件发货：请以主管或管理员身份登录。", False)]


def test_cancelling_a_print_job_is_refused_as_what_was_asked(
    qapp: QApplication, engine: Engine
) -> None:
    from tests.app.printing.test_acting import waiting_job

    job = waiting_job(engine)
    packer = _person(engine, "Li 李", "packer")
    with pytest.raises(NotAllowed) as refused:
        jobs.cancel(engine, job, user_id=packer)
    assert refused.value.action is Action.CANCEL_PRINT_JOB
    assert str(refused.value) == "Li 李 (packer) may not cancel print jobs; ask a lead or above."
    assert refusal_words(refused.value) == (
        "Li 李 (packer) may not cancel print jobs: sign in as a lead, a supervisor or an admin."
    )
    with speaking_chinese():
        assert refusal_words(refused.value) == (
            "Li 李（打包员）无权取消打印任务：请以组长、主管或管理员身份登录。"
        )


def _refused_pin(engine: Engine, name: str, pin: str) -> SignInRefused:
    with pytest.raises(SignInRefused) as refused:
        users.sign_in_with_pin(engine, name, pin)
    return refused.value


def test_a_refused_pin_is_said_in_the_words_the_pages_said_it_in(
    qapp: QApplication, engine: Engine
) -> None:
    add_person(engine, "Lin 林", "lead", pin="2468")
    add_person(engine, "Twin", "packer", pin="1357")
    add_person(engine, "twin", "packer", pin="2468")
    wrong, empty = _refused_pin(engine, "Lin 林", "0000"), _refused_pin(engine, "Lin 林", "")
    several = _refused_pin(engine, "Twin", "1357")
    for _ in range(credentials.PIN_TRIES):
        locked = _refused_pin(engine, "Lin 林", "0000")
    assert locked.kind == "locked" and str(wrong) == "Wrong name or PIN."  # (the core's)
    said = {
        wrong: ("Wrong name or PIN.", "姓名或 PIN 码错误。"),
        empty: (
            "Type your PIN: an empty PIN signs nobody in.",
            "请输入 PIN 码：空 PIN 码无法登录。",
        ),
        several: (
            "Several users have that name: scan your badge instead.",
            "有多个用户同名：请改为扫描工牌。",
        ),
        locked: (
            "Locked out after 5 wrong PINs: try later, or ask an admin.",
            "PIN 码错误 5 次，已锁定：请稍后再试，或联系管理员。",
        ),
    }
    for refused, (english, chinese) in said.items():
        assert refusal_words(refused) == english
        with speaking_chinese():
            assert refusal_words(refused) == chinese

    # a supervisor's name and PIN at a counter: what they would accept is not
    override = {
        "wrong": "姓名或 PIN 码错误：未接受任何操作。",
        "empty": "请输入 PIN 码：空的 PIN 码不能接受任何操作。",
        "locked": "PIN 码错误 5 次，已锁定：请稍后再试，或联系管理员。",
        "several": "有多个同名用户：请改刷主管工牌。",
        "role": "这不是主管的姓名和 PIN 码：未接受任何操作。",
        "nothing": "目前没有等待主管确认的重量。",
    }
    for kind, chinese in override.items():
        refused_here = OverrideRefused("the core's English", kind)
        assert refusal_words(refused_here) != "the core's English"
        with speaking_chinese():
            assert refusal_words(refused_here) == chinese
    assert refusal_words(OverrideRefused("", "wrong")) == "Wrong name or PIN: nothing accepted."


def test_an_order_not_found_is_said_with_its_number(qapp: QApplication, engine: Engine) -> None:
    with pytest.raises(NotFound) as by_number:
        order_actions.find_order_id(engine, " #404 ")
    assert str(by_number.value) == "There is no order #404."  # the command line's, as before
    assert (by_number.value.thing, by_number.value.key) == ("order", "#404")
    assert refusal_words(by_number.value) == "There is no order #404."
    with pytest.raises(NotFound) as by_id:
        order_view(engine, 424242)
    assert str(by_id.value) == "There is no order with id 424242."
    assert refusal_words(by_id.value) == "That order is no longer in the database (id 424242)."
    with speaking_chinese():
        assert refusal_words(by_number.value) == "没有订单 #404。"
        assert refusal_words(by_id.value) == "该订单已不在数据库中（ID 424242）。"
        assert refusal_words(NotFound("There is no mapping profile named 'x'.")) == (
            "There is no mapping profile named 'x'."  # (no facts: the core's words)
        )


def _job(problem: str | None, order: str | None = "#7") -> JobRow:
    when = datetime(2026, 12, 6, 8, 0, tzinfo=UTC)
    failed = JobStatus.FAILED
    return JobRow(1, "zebra", "waybill", "zpl", failed, 1, order, "the core's English", when,
                  None, None, *job_problem.read(problem))  # fmt: skip


def test_a_waybill_refused_in_the_spool_keeps_its_facts_for_the_print_queue(
    qapp: QApplication,
) -> None:
    stored = job_problem.of_failure(WaybillRefused([("#7", S.CANCELLED)]))
    assert stored == "waybill_refused:cancelled"
    assert job_problem.read(stored) == (JobProblem.WAYBILL_REFUSED, S.CANCELLED)
    assert job_problem.read("carrier_refused") == (JobProblem.CARRIER_REFUSED, None)
    assert job_problem.read("a_newer_kind:x") == (None, None)
    model = PrintQueueModel()
    model.set_rows([_job(stored)])
    english = model.index(0, ERROR).data()
    assert english.startswith("Order #7 is cancelled: no waybill is printed for it")
    with speaking_chinese():
        chinese = model.index(0, ERROR).data()
    assert chinese.startswith("订单 #7 已取消：不会为它打印面单")
    model.set_rows([_job(None), _job("waybill_refused:on_hold", order=None)])
    assert [model.index(r, ERROR).data() for r in (0, 1)] == ["the core's English"] * 2


def test_a_waybill_the_spool_did_not_send_is_said_with_why_for_the_print_queue(
    qapp: QApplication,
) -> None:
    assert job_problem.read("label_withheld:on_hold") == (JobProblem.LABEL_WITHHELD, S.ON_HOLD)
    assert job_problem.read("label_withheld:voided") == (JobProblem.LABEL_WITHHELD, None)
    model = PrintQueueModel()
    model.set_rows([_job("label_withheld:on_hold"), _job("label_withheld:voided")])
    held, voided = (model.index(r, ERROR).data() for r in (0, 1))
    assert held.startswith("Not sent: order #7 is on hold (reopened, held or cancelled")
    assert voided.startswith("Not sent: the tracking number on this waybill was voided")
    with speaking_chinese():
        held, voided = (model.index(r, ERROR).data() for r in (0, 1))
    assert held.startswith("未发送：订单 #7 当前为“已挂起”")
    assert voided.startswith("未发送：这张面单上的运单号已作废（订单 #7")
    assert not LATIN.search(held) and not LATIN.search(voided)


def test_an_old_label_tried_again_is_refused_with_what_to_do_instead(
    qapp: QApplication,
) -> None:
    voided = LabelVoided(12, "#7", "1Z999AA10100000013")
    assert str(voided).startswith("Print job 12's waybill for order #7 carries tracking number")
    english = refusal_words(voided)
    assert "must not be printed again. Print a fresh waybill" in english
    with speaking_chinese():
        chinese = refusal_words(voided)
    assert chinese.startswith("打印任务 12 中订单 #7 的面单带有运单号 1Z999AA10100000013")
    assert not LATIN.search(chinese.replace("1Z999AA10100000013", ""))
    nothing = LabelVoided(12, "#7", None)  # (no number recorded: made before its parcel's)
    assert "(none)" not in str(nothing) and refusal_words(nothing) == str(nothing)
    with speaking_chinese():
        chinese = refusal_words(nothing)
    assert chinese.startswith("打印任务 12 中订单 #7 的面单没有带其包裹当前的运单号")
    assert not LATIN.search(chinese)
