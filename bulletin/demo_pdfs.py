"""The demo gazette's PDFs, made with reportlab when the demo is loaded: each document's
full text (its attachment) and each issue's official PDF (cover, table of contents and
every document). The Traditional Chinese text uses reportlab's built-in CID font
MSung-Light, which PDF readers supply, so no font file is shipped and the files stay a few
kilobytes. `invariant` keeps the bytes the same from one load to the next."""

import datetime
import html
import io
import re

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer

from portal.dates import format_roc_date

FONT = "MSung-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))
PUBLISHER = "高雄市政府"


def _style(name, size, space_after=6, alignment=0, indent=0):
    return ParagraphStyle(name, fontName=FONT, fontSize=size, leading=size * 1.6,
                          spaceAfter=space_after, alignment=alignment, wordWrap="CJK",
                          leftIndent=indent)


MASTHEAD = _style("masthead", 9, alignment=2)
COVER = _style("cover", 30, space_after=18, alignment=1)
COVER_LINE = _style("cover-line", 14, alignment=1)
HEADING = _style("heading", 15, space_after=10)
FACT = _style("fact", 10.5, space_after=2)
BODY = _style("body", 12, space_after=8)
CONTENTS_GROUP = _style("contents-group", 12, space_after=4)
CONTENTS = _style("contents", 10.5, space_after=3, indent=8 * mm)


def paragraphs(body_html):
    """The paragraphs of a document body as plain text."""
    return [html.unescape(re.sub(r"<[^>]+>", "", part))
            for part in re.findall(r"<p>(.*?)</p>", body_html, flags=re.S)]


def _date(iso):
    return format_roc_date(datetime.date.fromisoformat(iso))


def _text(value):
    return html.escape(value, quote=False)


def _document_flowables(record, anchor=""):
    code_name = record["agency"]["name"]
    kind = record["subtype"] or record["type"]
    title = _text(record["title"])
    heading = f'<a name="{anchor}"/>{title}' if anchor else title
    flowables = [
        Paragraph(f"{_text(code_name)}　{_text(kind)}", FACT),
        Paragraph(f"發文日期：中華民國{_date(record['signed']).removeprefix('民國')}", FACT),
        Paragraph(f"發文字號：{_text(record['document_number'])}", FACT),
    ]
    if record.get("effective"):
        flowables.append(Paragraph(f"生效日期：{_date(record['effective'])}", FACT))
    flowables += [Spacer(1, 4 * mm), Paragraph(heading, HEADING)]
    flowables += [Paragraph(_text(text), BODY) for text in paragraphs(record["body_html"])]
    return flowables


def _build(flowables, title, masthead):
    out = io.BytesIO()

    def page_furniture(canvas, doc):
        canvas.saveState()
        canvas.setFont(FONT, 9)
        canvas.drawString(20 * mm, A4[1] - 12 * mm, masthead)
        canvas.drawRightString(A4[0] - 20 * mm, 12 * mm, f"第 {doc.page} 頁")
        canvas.restoreState()

    document = SimpleDocTemplate(out, pagesize=A4, title=title, author=PUBLISHER,
                                 leftMargin=20 * mm, rightMargin=20 * mm, topMargin=20 * mm,
                                 bottomMargin=20 * mm, invariant=True)
    document.build(flowables, onFirstPage=page_furniture, onLaterPages=page_furniture)
    return out.getvalue()


def document_pdf(record, issue_label):
    """One document as it appears in the gazette."""
    return _build(_document_flowables(record), record["title"],
                  f"{PUBLISHER}公報　{issue_label}")


def issue_pdf(issue_label, published, records):
    """The whole issue: its cover with the table of contents by document type, then each
    document on its own page. The contents link to the documents."""
    flowables = [Spacer(1, 30 * mm), Paragraph(f"{PUBLISHER}公報", COVER),
                 Paragraph(_text(issue_label), COVER_LINE),
                 Paragraph(f"中華民國{format_roc_date(published).removeprefix('民國')}出版",
                           COVER_LINE),
                 Spacer(1, 12 * mm), Paragraph("目　次", HEADING)]
    groups = {}
    for number, record in enumerate(records, start=1):
        groups.setdefault(record["type"], []).append((number, record))
    for kind, entries in groups.items():
        flowables.append(Paragraph(f"【{_text(kind)}】", CONTENTS_GROUP))
        flowables += [Paragraph(f'<a href="#document-{number}">{number}. '
                                f'{_text(record["title"])}（{_text(record["document_number"])}）'
                                "</a>", CONTENTS) for number, record in entries]
    for number, record in enumerate(records, start=1):
        flowables += [PageBreak(), *_document_flowables(record, f"document-{number}")]
    return _build(flowables, f"{PUBLISHER}公報 {issue_label}",
                  f"{PUBLISHER}公報　{issue_label}")
