"""The national annual-report form as data: sections, tables, row and column keys, identities.

This module is the code twin of shared/docs/template.md. Everything else (parsers, checks,
SQL views, the export) takes its keys from here, so a key is spelled in exactly one place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# --- sections ---------------------------------------------------------------------------

SECTION_NUMERALS = "一二三四五六"


@dataclass(frozen=True)
class SectionSpec:
    num: int
    title: str
    pattern: re.Pattern  # matched against the heading text after its numeral
    table: str | None


SECTIONS: tuple[SectionSpec, ...] = (
    SectionSpec(1, "总体情况", re.compile(r"总体情况"), None),
    SectionSpec(2, "主动公开政府信息情况", re.compile(r"主动公开"), "active"),
    SectionSpec(3, "收到和处理政府信息公开申请情况", re.compile(r"(收到|受理).{0,4}处理.*申请"), "applications"),
    SectionSpec(4, "政府信息公开行政复议、行政诉讼情况", re.compile(r"复议.{0,12}诉讼"), "review"),
    SectionSpec(5, "存在的主要问题及改进情况", re.compile(r"主要问题|存在.{0,4}问题"), None),
    SectionSpec(6, "其他需要报告的事项", re.compile(r"其他需要报告"), None),
)
SECTION_BY_NUM = {s.num: s for s in SECTIONS}
TABLE_SECTION = {s.table: s.num for s in SECTIONS if s.table}


def section_label(num: int) -> str:
    """'三、收到和处理政府信息公开申请情况' for 3; '前言' for the preamble (0)."""
    if num == 0:
        return "前言"
    return f"{SECTION_NUMERALS[num - 1]}、{SECTION_BY_NUM[num].title}"


# --- table "applications" (section 三) -------------------------------------------------

APPLICANT_COLS = ("natural_person", "commercial", "research", "public_interest", "legal_service", "other_org")
APPLICATION_COLS = APPLICANT_COLS + ("total",)
APPLICATION_COL_LABELS = {
    "natural_person": "自然人",
    "commercial": "商业企业",
    "research": "科研机构",
    "public_interest": "社会公益组织",
    "legal_service": "法律服务机构",
    "other_org": "其他",
    "total": "总计",
}


@dataclass(frozen=True)
class RowSpec:
    key: str
    label: str
    anchor: re.Pattern  # finds the row label in whitespace-free normalised text
    forms: tuple[int, ...] = (2019, 2021)


def _a(p: str) -> re.Pattern:
    return re.compile(p)


# Order is the form's print order. Anchors are distinctive fragments, tolerant of the typos and
# line breaks seen in real reports (e.g. 洪泽 prints 其他法律行政止公开).
APPLICATION_ROWS: tuple[RowSpec, ...] = (
    RowSpec("new_received", "一、本年新收政府信息公开申请数量", _a(r"本年新收")),
    RowSpec("carried_over", "二、上年结转政府信息公开申请数量", _a(r"上年结转")),
    RowSpec("disclosed", "（一）予以公开", _a(r"予以公开")),
    RowSpec("partially_disclosed", "（二）部分公开", _a(r"部分公开")),
    RowSpec("withheld_state_secret", "（三）不予公开 1.属于国家秘密", _a(r"国家秘密")),
    RowSpec("withheld_prohibited", "2.其他法律行政法规禁止公开", _a(r"其他法律|禁止公开|行政止公开")),
    RowSpec("withheld_three_safeties", "3.危及“三安全一稳定”", _a(r"三安全")),
    RowSpec("withheld_third_party", "4.保护第三方合法权益", _a(r"第三方")),
    RowSpec("withheld_internal_affairs", "5.属于三类内部事务信息", _a(r"内部事务")),
    RowSpec("withheld_process_info", "6.属于四类过程性信息", _a(r"过程性")),
    RowSpec("withheld_enforcement_file", "7.属于行政执法案卷", _a(r"执法案卷")),
    RowSpec("withheld_admin_query", "8.属于行政查询事项", _a(r"行政查询")),
    RowSpec("unavailable_not_held", "（四）无法提供 1.本机关不掌握相关政府信息", _a(r"不掌握")),
    RowSpec("unavailable_needs_creation", "2.没有现成信息需要另行制作", _a(r"另行制作|没有现成")),
    RowSpec("unavailable_unclear", "3.补正后申请内容仍不明确", _a(r"仍不明确|补正后申请")),
    RowSpec("unprocessed_petition", "（五）不予处理 1.信访举报投诉类申请", _a(r"信访")),
    RowSpec("unprocessed_repeat", "2.重复申请", _a(r"重复申请")),
    RowSpec("unprocessed_publication", "3.要求提供公开出版物", _a(r"出版物")),
    RowSpec("unprocessed_mass_repeat", "4.无正当理由大量反复申请", _a(r"大量反复")),
    RowSpec("unprocessed_confirmation", "5.要求行政机关确认或重新出具已获取信息", _a(r"重新出具|确认或")),
    RowSpec("other", "（六）其他处理", _a(r"其他处理")),
    RowSpec("other_no_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
            _a(r"逾期不补|不补正"), (2021,)),
    RowSpec("other_no_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
            _a(r"缴纳费用|收费通知"), (2021,)),
    RowSpec("other_misc", "3.其他", _a(r"3[.、．]其他(?!法律|处理|对外|需要)"), (2021,)),
    RowSpec("handled_total", "（七）总计", _a(r"[（(]七[）)]总计")),
    RowSpec("carried_forward", "四、结转下年度继续办理", _a(r"结转下年")),
)
APPLICATION_ROW_KEYS = tuple(r.key for r in APPLICATION_ROWS)
OTHER_PARTS = ("other_no_correction", "other_no_fee", "other_misc")
WITHHELD_ROWS = tuple(k for k in APPLICATION_ROW_KEYS if k.startswith("withheld_"))
UNAVAILABLE_ROWS = tuple(k for k in APPLICATION_ROW_KEYS if k.startswith("unavailable_"))
UNPROCESSED_ROWS = tuple(k for k in APPLICATION_ROW_KEYS if k.startswith("unprocessed_"))
RESULT_ROWS = ("disclosed", "partially_disclosed") + WITHHELD_ROWS + UNAVAILABLE_ROWS + UNPROCESSED_ROWS
DERIVED_ROWS = {"withheld": WITHHELD_ROWS, "unavailable": UNAVAILABLE_ROWS, "unprocessed": UNPROCESSED_ROWS}


def application_rows(form: int) -> tuple[str, ...]:
    """Rows a report of this form stores. The 2021 form prints (六) as three rows; its `other`
    is derived (views sum the three), so it is stored only when a report prints it alone."""
    if form == 2021:
        return tuple(k for k in APPLICATION_ROW_KEYS if k != "other")
    return tuple(r.key for r in APPLICATION_ROWS if 2019 in r.forms)


# --- table "review" (section 四) --------------------------------------------------------

REVIEW_ROWS = ("reconsideration", "litigation_direct", "litigation_after_review")
REVIEW_COLS = ("upheld", "corrected", "other", "pending", "total")
REVIEW_ROW_LABELS = {
    "reconsideration": "行政复议",
    "litigation_direct": "行政诉讼·未经复议直接起诉",
    "litigation_after_review": "行政诉讼·复议后起诉",
}
REVIEW_COL_LABELS = {"upheld": "结果维持", "corrected": "结果纠正", "other": "其他结果",
                     "pending": "尚未审结", "total": "总计"}

# --- table "active" (section 二) --------------------------------------------------------


@dataclass(frozen=True)
class ActiveRowSpec:
    key: str
    label: str
    anchor: re.Pattern
    cols: tuple[str, ...]


_ACTIVE_2019 = (
    ActiveRowSpec("rules", "规章", _a(r"规章"), ("new_made", "new_published", "total_published")),
    ActiveRowSpec("normative_documents", "规范性文件", _a(r"规范性文件"),
                  ("new_made", "new_published", "total_published")),
    ActiveRowSpec("licensing", "行政许可", _a(r"行政许可"), ("previous_items", "change", "decisions")),
    ActiveRowSpec("other_services", "其他对外管理服务事项", _a(r"其他对外管理|对外管理服务"),
                  ("previous_items", "change", "decisions")),
    ActiveRowSpec("penalty", "行政处罚", _a(r"行政处罚"), ("previous_items", "change", "decisions")),
    ActiveRowSpec("coercion", "行政强制", _a(r"行政强制"), ("previous_items", "change", "decisions")),
    ActiveRowSpec("fees", "行政事业性收费", _a(r"事业性收费"), ("previous_items", "change")),
    ActiveRowSpec("procurement", "政府集中采购", _a(r"集中采购"), ("projects", "amount_wan_yuan")),
)
_ACTIVE_2021 = (
    ActiveRowSpec("rules", "规章", _a(r"规章"), ("issued", "repealed", "in_force")),
    ActiveRowSpec("normative_documents", "行政规范性文件", _a(r"规范性文件"), ("issued", "repealed", "in_force")),
    ActiveRowSpec("licensing", "行政许可", _a(r"行政许可"), ("decisions",)),
    ActiveRowSpec("penalty", "行政处罚", _a(r"行政处罚"), ("decisions",)),
    ActiveRowSpec("coercion", "行政强制", _a(r"行政强制"), ("decisions",)),
    ActiveRowSpec("fees", "行政事业性收费", _a(r"事业性收费"), ("amount_wan_yuan",)),
)
ACTIVE_ROWS = {2019: _ACTIVE_2019, 2021: _ACTIVE_2021}
ACTIVE_COL_LABELS = {
    "new_made": "本年新制作数量", "new_published": "本年新公开数量", "total_published": "对外公开总数量",
    "previous_items": "上一年项目数量", "change": "本年增/减", "decisions": "处理决定数量",
    "projects": "采购项目数量", "amount_wan_yuan": "金额（万元）",
    "issued": "本年制发件数", "repealed": "本年废止件数", "in_force": "现行有效件数",
}
# Cells in 万元: a report printing 元 is converted.
MONEY_COLS = {"amount_wan_yuan"}

TABLES = ("active", "applications", "review")


def expected_cells(form: int) -> list[tuple[str, str, str]]:
    """Every (table, row, col) a report of this form should have, in print order."""
    cells = [("active", r.key, c) for r in ACTIVE_ROWS[form] for c in r.cols]
    cells += [("applications", r, c) for r in application_rows(form) for c in APPLICATION_COLS]
    cells += [("review", r, c) for r in REVIEW_ROWS for c in REVIEW_COLS]
    return cells


def row_label(table: str, row: str, form: int = 2019) -> str:
    if table == "applications":
        return next(r.label for r in APPLICATION_ROWS if r.key == row)
    if table == "review":
        return REVIEW_ROW_LABELS[row]
    return next(r.label for r in ACTIVE_ROWS[form] + ACTIVE_ROWS[2019] if r.key == row)


def col_label(table: str, col: str) -> str:
    return {"applications": APPLICATION_COL_LABELS, "review": REVIEW_COL_LABELS,
            "active": ACTIVE_COL_LABELS}[table][col]


# Words that tell the two forms apart, when a report says which it uses only through its tables.
FORM_2021_MARKERS = re.compile(r"本年制发件数|本年废止件数|现行有效件数|逾期不补正|本年收费金额")
FORM_2019_MARKERS = re.compile(r"本年新制作数量|上一年项目数量|对外公开总数量|集中采购")
