"""Write nianbao's bundled sample reports: invented agencies, invented numbers, both forms.

    python scripts/make_samples.py        # rewrites samples/*.txt, *.html, *.pdf

Every figure comes from SAMPLES below, so tests can check ingest against the truth (`truth()`).
PDFs use reportlab's built-in CID font STSong-Light (no font file needed) and real ruled tables;
the applications table of liuxi-county_2021.pdf runs over a page break, with blank cells.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent / "samples"
sys.path.insert(0, str(HERE.parent))

from index import template as T  # noqa: E402

NARRATIVE = {
    1: [
        ("（一）主动公开情况", "{year}年，{short}坚持以公开为常态、不公开为例外，全年通过政府网站主动公开政府信息{pub}条，"
         "发布政策解读{interp}篇。我们围绕民生保障、营商环境和乡村振兴等重点领域，及时公开财政预决算、重大建设项目和"
         "公共资源交易信息。"),
        ("（二）依申请公开情况", "{short}规范依申请公开办理流程，建立受理、登记、审核、答复全程台账，全年新收政府信息公开"
         "申请{new_total}件，均在法定期限内答复。对申请内容不明确的，我们一次性告知补正事项，方便申请人。"),
        ("（三）政府信息管理情况", "严格落实公开属性源头认定机制，公文起草时同步明确公开属性。开展政策文件清理，"
         "及时更新现行有效规范性文件目录，确保群众看得到、看得懂、用得上。"),
        ("（四）政府信息公开平台建设情况", "优化政府门户网站政务公开专栏，整合政务新媒体账号，关停更新不及时的账号{closed}个。"
         "在政务服务中心设立政务公开专区，提供查阅、咨询和申请服务。"),
        ("（五）监督保障情况", "将政务公开纳入年度绩效考核，组织业务培训{train}次，培训工作人员{trainees}人次。"
         "聘请社会监督员对公开工作开展评议。"),
    ],
    5: "{year}年，{short}政务公开工作仍存在一些不足：一是部分单位政策解读形式单一，图解和视频解读较少；"
       "二是依申请公开答复文书的规范性有待提高。下一步，我们将加强政策解读的通俗化，开展答复文书评查，"
       "持续提升政务公开质量。",
    6: "{year}年，{short}未收取信息处理费。",
}


def _apps(rows: dict[str, list[int]], carried_over: list[int], forward: list[int], form: int) -> dict:
    """A consistent applications table from result rows (per applicant column)."""
    z = [0] * 6
    keys = T.application_rows(form)
    table = {k: list(rows.get(k, z)) for k in keys if k not in ("new_received", "carried_over", "handled_total",
                                                                  "carried_forward")}
    results = [k for k in table]
    handled = [sum(table[k][i] for k in results) for i in range(6)]
    new = [handled[i] + forward[i] - carried_over[i] for i in range(6)]
    out = {"new_received": new, "carried_over": list(carried_over)}
    out.update(table)
    out["handled_total"] = handled
    out["carried_forward"] = list(forward)
    return {k: v + [sum(v)] for k, v in out.items()}


SAMPLES = [
    {
        "stem": "liuxi-county_2020", "fmt": "text", "agency": "青川市柳溪县人民政府", "short": "柳溪县",
        "year": 2020, "form": 2019,
        "vars": {"pub": 3120, "interp": 46, "closed": 3, "train": 4, "trainees": 210},
        "active": {"rules": [0, 0, 0], "normative_documents": [6, 6, 41], "licensing": [210, 12, 1385],
                   "other_services": [35, -2, 460], "penalty": [880, 41, 327], "coercion": [12, 0, 9],
                   "fees": [18, -1], "procurement": [57, 3408.25]},
        "apps": _apps({"disclosed": [21, 4, 0, 0, 1, 0], "partially_disclosed": [3, 1, 0, 0, 0, 0],
                       "withheld_third_party": [2, 0, 0, 0, 0, 0], "withheld_process_info": [1, 0, 0, 0, 0, 0],
                       "unavailable_not_held": [7, 1, 0, 0, 0, 0], "unprocessed_repeat": [2, 0, 0, 0, 0, 0],
                       "other": [1, 0, 0, 0, 0, 0]},
                      [1, 0, 0, 0, 0, 0], [2, 0, 0, 0, 0, 0], 2019),
        "review": [[3, 1, 0, 1, 5], [2, 0, 1, 1, 4], [1, 0, 0, 0, 1]],
    },
    {
        "stem": "liuxi-county_2021", "fmt": "pdf", "agency": "青川市柳溪县人民政府", "short": "柳溪县",
        "year": 2021, "form": 2021,
        "vars": {"pub": 3388, "interp": 52, "closed": 1, "train": 5, "trainees": 236},
        "active": {"rules": [0, 0, 0], "normative_documents": [8, 3, 46], "licensing": [1502], "penalty": [351],
                   "coercion": [11], "fees": [96.5]},
        "apps": _apps({"disclosed": [25, 6, 0, 0, 2, 0], "partially_disclosed": [4, 0, 0, 0, 0, 0],
                       "withheld_prohibited": [1, 0, 0, 0, 0, 0], "withheld_admin_query": [2, 0, 0, 0, 0, 0],
                       "unavailable_not_held": [9, 2, 0, 0, 0, 0], "unavailable_unclear": [1, 0, 0, 0, 0, 0],
                       "unprocessed_petition": [3, 0, 0, 0, 0, 0], "other_no_correction": [2, 0, 0, 0, 0, 0],
                       "other_misc": [1, 0, 0, 0, 0, 0]},
                      [2, 0, 0, 0, 0, 0], [3, 1, 0, 0, 0, 0], 2021),
        "review": [[4, 1, 1, 0, 6], [2, 1, 0, 1, 4], [0, 0, 0, 0, 0]],
        "blank_zeros": True,  # zeros print as empty cells in the PDF
    },
    {
        "stem": "yunling-district_2021", "fmt": "text", "agency": "青川市云岭区人民政府", "short": "云岭区",
        "year": 2021, "form": 2021,
        "vars": {"pub": 2210, "interp": 31, "closed": 2, "train": 3, "trainees": 150},
        "active": {"rules": [0, 0, 0], "normative_documents": [4, 1, 22], "licensing": [806], "penalty": [199],
                   "coercion": [4], "fees": [12.8]},
        "apps": _apps({"disclosed": [14, 2, 0, 0, 0, 0], "partially_disclosed": [2, 0, 0, 0, 0, 0],
                       "withheld_internal_affairs": [1, 0, 0, 0, 0, 0], "unavailable_not_held": [5, 0, 0, 0, 0, 0],
                       "unprocessed_mass_repeat": [1, 0, 0, 0, 0, 0], "other_no_fee": [1, 0, 0, 0, 0, 0]},
                      [0, 0, 0, 0, 0, 0], [1, 0, 0, 0, 0, 0], 2021),
        # The printed reconsideration total disagrees with its parts (2+1+0+1 = 4, printed 5), as
        # real reports sometimes do: ingest keeps 5 and `nianbao check` reports it.
        "review": [[2, 1, 0, 1, 5], [1, 0, 0, 0, 1], [0, 0, 0, 0, 0]],
    },
    {
        "stem": "bailuwan-newarea_2022", "fmt": "html", "agency": "青川市白鹭湾新区管理委员会", "short": "白鹭湾新区",
        "year": 2022, "form": 2021,
        "vars": {"pub": 940, "interp": 12, "closed": 0, "train": 2, "trainees": 64},
        "active": {"rules": [0, 0, 0], "normative_documents": [2, 0, 9], "licensing": [233], "penalty": [41],
                   "coercion": [0], "fees": [0]},
        "apps": _apps({"disclosed": [6, 3, 0, 0, 0, 1], "unavailable_not_held": [2, 1, 0, 0, 0, 0],
                       "unavailable_needs_creation": [1, 0, 0, 0, 0, 0]},
                      [0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0], 2021),
        "review": [[1, 0, 0, 0, 1], [0, 0, 0, 0, 0], [0, 0, 0, 0, 0]],
        "blank_zeros": True,
    },
    {
        "stem": "qingchuan-education_2019", "fmt": "pdf", "agency": "青川市教育局", "short": "市教育局",
        "year": 2019, "form": 2019,
        "vars": {"pub": 1288, "interp": 18, "closed": 2, "train": 2, "trainees": 90},
        "active": {"rules": [0, 0, 0], "normative_documents": [3, 3, 17], "licensing": [12, 0, 340],
                   "other_services": [5, 1, 52], "penalty": [6, 0, 8], "coercion": [0, 0, 0],
                   "fees": [2, 0], "procurement": [14, 612.4]},
        "apps": _apps({"disclosed": [11, 0, 1, 0, 0, 0], "partially_disclosed": [1, 0, 0, 0, 0, 0],
                       "unavailable_not_held": [4, 0, 0, 0, 0, 0], "unprocessed_petition": [1, 0, 0, 0, 0, 0]},
                      [0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0], 2019),
        "review": [[1, 0, 0, 0, 1], [0, 0, 0, 0, 0], [0, 0, 0, 0, 0]],
    },
]


def _fmt(v) -> str:
    return str(int(v)) if float(v).is_integer() else str(v)


def _ctx(s: dict) -> dict:
    return {"year": s["year"], "short": s["short"], "new_total": s["apps"]["new_received"][-1], **s["vars"]}


def _app_label(key: str) -> str:
    return next(r.label for r in T.APPLICATION_ROWS if r.key == key)


def _active_blocks(s: dict):
    """(header label, column labels, [(row label, values)]) in the form's print order."""
    form = s["form"]
    groups = {2019: [("第二十条第（一）项", ["rules", "normative_documents"]),
                     ("第二十条第（五）项", ["licensing", "other_services"]),
                     ("第二十条第（六）项", ["penalty", "coercion"]),
                     ("第二十条第（八）项", ["fees"]), ("第二十条第（九）项", ["procurement"])],
              2021: [("第二十条第（一）项", ["rules", "normative_documents"]), ("第二十条第（五）项", ["licensing"]),
                     ("第二十条第（六）项", ["penalty", "coercion"]), ("第二十条第（八）项", ["fees"])]}[form]
    specs = {r.key: r for r in T.ACTIVE_ROWS[form]}
    for head, keys in groups:
        cols = [T.ACTIVE_COL_LABELS[c] for c in specs[keys[0]].cols]
        if "amount_wan_yuan" in specs[keys[0]].cols:
            cols[-1] = "采购总金额（单位：万元）" if form == 2019 else "本年收费金额（单位：万元）"
        yield head, cols, [(specs[k].label, s["active"][k]) for k in keys]


def render_text(s: dict) -> str:
    c = _ctx(s)
    out = [f"{s['agency']}{s['year']}年政府信息公开工作年度报告", "", "一、总体情况", ""]
    for head, body in NARRATIVE[1]:
        out += [head, body.format(**c), ""]
    out += ["二、主动公开政府信息情况", ""]
    for head, cols, rows in _active_blocks(s):
        out += [head, "信息内容\t" + "\t".join(cols)]
        out += [f"{label}\t" + "\t".join(_fmt(v) for v in vals) for label, vals in rows]
        out.append("")
    out += ["三、收到和处理政府信息公开申请情况", "",
            "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t申请人情况",
            "\t自然人\t法人或其他组织\t\t\t\t\t总计", "\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他"]
    for key, vals in s["apps"].items():
        label = _app_label(key)
        if key == "disclosed":
            label = "三、本年度办理结果 " + label
        if key == "other_no_correction":
            out.append("（六）其他处理")
        out.append(f"{label}\t" + "\t".join(_fmt(v) for v in vals))
    out += ["", "四、政府信息公开行政复议、行政诉讼情况", "", "行政复议\t行政诉讼",
            "结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t复议后起诉",
            "\t".join(["结果维持\t结果纠正\t其他结果\t尚未审结\t总计"] * 2),
            "\t".join(_fmt(v) for row in s["review"] for v in row), "",
            "五、存在的主要问题及改进情况", "", NARRATIVE[5].format(**c), "",
            "六、其他需要报告的事项", "", NARRATIVE[6].format(**c), ""]
    return "\n".join(out)


def _cell(v, blank: bool) -> str:
    return "" if blank and v == 0 else _fmt(v)


def render_html(s: dict) -> str:
    from html import escape

    c = _ctx(s)
    blank = s.get("blank_zeros", False)
    parts = [f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{escape(s['agency'])}</title></head><body>",
             "<nav>首页 &gt; 政府信息公开 &gt; 年度报告</nav>",
             f"<h1>{escape(s['agency'])}{s['year']}年政府信息公开工作年度报告</h1>", "<h2>一、总体情况</h2>"]
    for head, body in NARRATIVE[1]:
        parts.append(f"<p><strong>{head}</strong>{escape(body.format(**c))}</p>")
    parts.append("<h2>二、主动公开政府信息情况</h2><table border='1'>")
    for head, cols, rows in _active_blocks(s):
        parts.append(f"<tr><td colspan='{len(cols) + 1}'>{head}</td></tr>")
        parts.append("<tr><td>信息内容</td>" + "".join(f"<td>{x}</td>" for x in cols) + "</tr>")
        for label, vals in rows:
            parts.append(f"<tr><td>{label}</td>" + "".join(f"<td>{_cell(v, blank)}</td>" for v in vals) + "</tr>")
    parts.append("</table><h2>三、收到和处理政府信息公开申请情况</h2><table border='1'>")
    parts.append("<tr><td colspan='3' rowspan='3'>（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td>"
                 "<td colspan='7'>申请人情况</td></tr>"
                 "<tr><td rowspan='2'>自然人</td><td colspan='5'>法人或其他组织</td><td rowspan='2'>总计</td></tr>"
                 "<tr><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>")
    keys = list(s["apps"])
    results = keys[2:-1]
    for key in keys:
        vals = "".join(f"<td>{_cell(v, blank)}</td>" for v in s["apps"][key])
        label = _app_label(key)
        if key in ("new_received", "carried_over", "carried_forward"):
            parts.append(f"<tr><td colspan='3'>{label}</td>{vals}</tr>")
            continue
        lead = f"<td rowspan='{len(results)}'>三、本年度办理结果</td>" if key == results[0] else ""
        parts.append(f"<tr>{lead}<td colspan='2'>{label}</td>{vals}</tr>")
    parts.append("</table><h2>四、政府信息公开行政复议、行政诉讼情况</h2><table border='1'>"
                 "<tr><td colspan='5'>行政复议</td><td colspan='10'>行政诉讼</td></tr>"
                 "<tr>" + "".join(f"<td>{x}</td>" for x in ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"])
                 + "<td colspan='5'>未经复议直接起诉</td><td colspan='5'>复议后起诉</td></tr><tr>"
                 + "".join(f"<td>{_cell(v, blank)}</td>" for row in s["review"] for v in row) + "</tr></table>")
    parts += [f"<h2>五、存在的主要问题及改进情况</h2><p>{escape(NARRATIVE[5].format(**c))}</p>",
              f"<h2>六、其他需要报告的事项</h2><p>{escape(NARRATIVE[6].format(**c))}</p>",
              "<footer>主办单位：示例</footer></body></html>"]
    return "\n".join(parts)


def render_pdf(s: dict, path: Path) -> None:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    font = "STSong-Light"
    body = ParagraphStyle("body", fontName=font, fontSize=11, leading=18, wordWrap="CJK", firstLineIndent=22)
    h1 = ParagraphStyle("h1", fontName=font, fontSize=16, leading=24, alignment=1, spaceAfter=12)
    h2 = ParagraphStyle("h2", fontName=font, fontSize=12.5, leading=20, spaceBefore=8, spaceAfter=4)
    cell = ParagraphStyle("cell", fontName=font, fontSize=8, leading=10, wordWrap="CJK")
    blank = s.get("blank_zeros", False)
    c = _ctx(s)
    grid = TableStyle([("FONT", (0, 0), (-1, -1), font, 8), ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                       ("VALIGN", (0, 0), (-1, -1), "MIDDLE")])
    story = [Paragraph(f"{s['agency']}<br/>{s['year']}年政府信息公开工作年度报告", h1),
             Paragraph("一、总体情况", h2)]
    for head, text in NARRATIVE[1]:
        story.append(Paragraph(head + text.format(**c), body))
    story.append(Paragraph("二、主动公开政府信息情况", h2))
    rows = []
    for head, cols, items in _active_blocks(s):
        rows.append([head] + [""] * 3)
        rows.append(["信息内容"] + cols + [""] * (3 - len(cols)))
        rows += [[label] + [_cell(v, blank) for v in vals] + [""] * (3 - len(vals)) for label, vals in items]
    story.append(Table(rows, colWidths=[150, 100, 100, 100], style=grid))
    story.append(Paragraph("三、收到和处理政府信息公开申请情况", h2))
    header = [[Paragraph("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", cell), "", "申请人情况"] + [""] * 6,
              ["", "", "自然人", "法人或其他组织", "", "", "", "", "总计"],
              ["", "", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", ""]]
    rows = []
    for key, vals in s["apps"].items():
        group = "三、本年度办理结果" if key == "disclosed" else ""
        rows.append([group, Paragraph(_app_label(key), cell)] + [_cell(v, blank) for v in vals])
    style = TableStyle(list(grid.getCommands()) + [
        ("SPAN", (0, 0), (1, 2)), ("SPAN", (2, 0), (8, 0)), ("SPAN", (3, 1), (7, 1)), ("SPAN", (2, 1), (2, 2)),
        ("SPAN", (8, 1), (8, 2))])
    story.append(Table(header + rows, colWidths=[44, 170] + [38] * 7, style=style, repeatRows=0))
    story.append(Paragraph("四、政府信息公开行政复议、行政诉讼情况", h2))
    labels = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    rv = [["行政复议"] + [""] * 4 + ["行政诉讼"] + [""] * 9,
          labels + ["未经复议直接起诉"] + [""] * 4 + ["复议后起诉"] + [""] * 4,
          [""] * 5 + labels * 2,
          [_cell(v, blank) for row in s["review"] for v in row]]
    rstyle = TableStyle(list(grid.getCommands()) + [
        ("FONT", (0, 0), (-1, -1), font, 6.5), ("SPAN", (0, 0), (4, 0)), ("SPAN", (5, 0), (14, 0)),
        ("SPAN", (5, 1), (9, 1)), ("SPAN", (10, 1), (14, 1))] + [("SPAN", (i, 1), (i, 2)) for i in range(5)])
    story.append(Table(rv, colWidths=[32] * 15, style=rstyle))
    story += [Paragraph("五、存在的主要问题及改进情况", h2), Paragraph(NARRATIVE[5].format(**c), body),
              Paragraph("六、其他需要报告的事项", h2), Paragraph(NARRATIVE[6].format(**c), body), Spacer(1, 12)]
    SimpleDocTemplate(str(path), pagesize=A4, title=f"{s['agency']}{s['year']}年政府信息公开工作年度报告",
                      author="nianbao samples", invariant=1).build(story)


def truth(s: dict) -> dict[tuple[str, str, str], float]:
    """Every cell the sample prints: (table, row, col) → value."""
    out = {}
    for r in T.ACTIVE_ROWS[s["form"]]:
        for col, v in zip(r.cols, s["active"][r.key]):
            out[("active", r.key, col)] = v
    for row, vals in s["apps"].items():
        for col, v in zip(T.APPLICATION_COLS, vals):
            out[("applications", row, col)] = v
    for row, vals in zip(T.REVIEW_ROWS, s["review"]):
        for col, v in zip(T.REVIEW_COLS, vals):
            out[("review", row, col)] = v
    return out


def build(out_dir: Path = HERE) -> list[Path]:
    written = []
    for s in SAMPLES:
        path = out_dir / f"{s['stem']}.{ {'text': 'txt', 'html': 'html', 'pdf': 'pdf'}[s['fmt']] }"
        if s["fmt"] == "text":
            path.write_text(render_text(s), encoding="utf-8")
        elif s["fmt"] == "html":
            path.write_text(render_html(s), encoding="utf-8")
        else:
            render_pdf(s, path)
        written.append(path)
    return written


if __name__ == "__main__":
    for p in build():
        print(p.relative_to(HERE.parent))
