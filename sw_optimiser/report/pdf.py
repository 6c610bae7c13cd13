"""The review as a PDF (A4, page numbers, table of contents, bookmarks), drawn with fpdf2 from the
same document as the HTML report. fpdf2 is pure Python; the font is the DejaVu Sans that ships
inside matplotlib's wheel (it has €, − and →), so nothing comes from the system.
"""

from __future__ import annotations

import io
import math
from pathlib import Path

from . import charts
from .data import ReportData
from .document import Bullets, Chart, Document, Paragraph, Section, Table, build_document
from .text import Say

FONT = "DejaVu"
ACCENT = (31, 95, 139)
INK = (34, 34, 34)
MUTED = (102, 102, 102)
NEG = (176, 58, 46)
LINE = (200, 207, 214)
HEAD_FILL = (233, 238, 243)
STRONG_FILL = (246, 248, 250)
ALERT_FILL = (255, 244, 229)
ADVICE_FILL = (238, 245, 250)
MARGIN = 18  # mm


def _font_dir() -> Path:
    import matplotlib

    return Path(matplotlib.get_data_path()) / "fonts" / "ttf"


def _pdf_class():
    from fpdf import FPDF

    class ReportPDF(FPDF):
        def __init__(self, doc: Document):
            super().__init__(orientation="P", unit="mm", format="A4")
            self.doc = doc
            self.set_margins(MARGIN, 16, MARGIN)
            self.set_auto_page_break(True, margin=18)
            fonts = _font_dir()
            self.add_font(FONT, "", str(fonts / "DejaVuSans.ttf"))
            self.add_font(FONT, "B", str(fonts / "DejaVuSans-Bold.ttf"))
            self.add_font(FONT, "I", str(fonts / "DejaVuSans-Oblique.ttf"))
            self.add_font(FONT, "BI", str(fonts / "DejaVuSans-BoldOblique.ttf"))
            self.set_title(doc.title)
            self.set_lang(doc.lang)
            self.set_creator("sw-optimiser")

        def header(self):
            if self.page_no() == 1:
                return
            self.set_font(FONT, "", 7.5)
            self.set_text_color(*MUTED)
            self.set_y(8)
            self.cell(0, 4, self.doc.title, align="L")
            self.set_draw_color(*LINE)
            self.line(MARGIN, 13, self.w - MARGIN, 13)
            self.set_y(16)
            self.set_text_color(*INK)

        def footer(self):
            self.set_y(-12)
            self.set_font(FONT, "", 7.5)
            self.set_text_color(*MUTED)
            label = self.doc.labels["page"].replace("{page}", str(self.page_no())).replace("{pages}", "{nb}")
            self.cell(0, 5, label, align="C")
            self.set_text_color(*INK)

    return ReportPDF


def render_pdf(data: ReportData, document: Document | None = None) -> bytes:
    doc = document or build_document(data)
    pdf = _pdf_class()(doc)
    writer = _Writer(pdf, doc, data)
    writer.cover()
    writer.contents()
    for section in doc.sections:
        writer.section(section)
    out = pdf.output()
    return bytes(out)


class _Writer:
    def __init__(self, pdf, doc: Document, data: ReportData):
        self.pdf, self.doc, self.data = pdf, doc, data
        self.say = Say(data.lang)

    # ----- pages --------------------------------------------------------------------------------------
    def cover(self):
        pdf = self.pdf
        pdf.add_page()
        pdf.set_y(60)
        pdf.set_draw_color(*ACCENT)
        pdf.set_line_width(1.2)
        pdf.line(MARGIN, 55, pdf.w - MARGIN, 55)
        pdf.set_line_width(0.2)
        pdf.set_font(FONT, "B", 24)
        pdf.set_text_color(*ACCENT)
        pdf.multi_cell(0, 11, self.doc.title, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
        pdf.set_font(FONT, "", 11)
        pdf.set_text_color(*MUTED)
        pdf.multi_cell(0, 6, self.doc.subtitle, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(10)
        pdf.set_text_color(*INK)
        for name, value in self.doc.meta:
            pdf.set_font(FONT, "", 10)
            pdf.set_text_color(*MUTED)
            pdf.cell(45, 7, name)
            pdf.set_text_color(*INK)
            pdf.multi_cell(0, 7, value, new_x="LMARGIN", new_y="NEXT")
        pdf.set_y(-40)
        pdf.set_font(FONT, "I", 8)
        pdf.set_text_color(*MUTED)
        pdf.multi_cell(0, 4.5, self.doc.labels["generated"], align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(*INK)

    def contents(self):
        title = self.doc.labels["contents"]

        def render(pdf, outline):
            pdf.set_xy(MARGIN, pdf.t_margin + 4)
            pdf.set_font(FONT, "B", 16)
            pdf.set_text_color(*ACCENT)
            pdf.cell(0, 10, title, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(3)
            pdf.set_text_color(*INK)
            for entry in outline:
                level = entry.level
                pdf.set_font(FONT, "B" if level == 0 else "", 10.5 if level == 0 else 9.5)
                if level == 0:
                    pdf.ln(1.5)
                link = pdf.add_link(page=entry.page_number)
                indent = 7 * level
                pdf.set_x(MARGIN + indent)
                label = entry.name
                page = str(entry.page_number)
                width = pdf.epw - indent - 12
                pdf.cell(width, 6.5, label, link=link)
                pdf.cell(12, 6.5, page, align="R", link=link, new_x="LMARGIN", new_y="NEXT")

        self.pdf.add_page()
        self.pdf.insert_toc_placeholder(render, pages=1)

    def section(self, s: Section):
        pdf = self.pdf
        if s.level == 1:
            if pdf.get_y() > pdf.t_margin + 1:  # the contents placeholder leaves a fresh page behind
                pdf.add_page()
        elif pdf.get_y() > pdf.page_break_trigger - 45:
            pdf.add_page()
        else:
            pdf.ln(4)
        pdf.start_section(f"{s.number} {s.title}", level=s.level - 1)
        pdf.set_text_color(*ACCENT)
        pdf.set_font(FONT, "B", 16 if s.level == 1 else 12.5)
        pdf.multi_cell(0, 8 if s.level == 1 else 6.5, f"{s.number}  {s.title}", new_x="LMARGIN", new_y="NEXT")
        if s.level == 1:
            pdf.set_draw_color(*LINE)
            pdf.line(MARGIN, pdf.get_y() + 0.5, pdf.w - MARGIN, pdf.get_y() + 0.5)
        pdf.ln(3)
        pdf.set_text_color(*INK)
        for block in s.blocks:
            if isinstance(block, Paragraph):
                self.paragraph(block)
            elif isinstance(block, Bullets):
                self.bullets(block)
            elif isinstance(block, Table):
                self.table(block)
            elif isinstance(block, Chart):
                self.chart(block)

    # ----- blocks ---------------------------------------------------------------------------------------
    def paragraph(self, p: Paragraph):
        pdf = self.pdf
        if p.style == "heading":
            if pdf.get_y() > pdf.page_break_trigger - 25:
                pdf.add_page()
            pdf.ln(1.5)
            pdf.set_font(FONT, "B", 10)
            pdf.multi_cell(0, 5.5, p.text, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(0.5)
            return
        if p.style == "alert":
            pdf.set_font(FONT, "", 9)
            pdf.set_fill_color(*ALERT_FILL)
            pdf.set_draw_color(232, 163, 61)
            pdf.multi_cell(0, 4.8, p.text, border="L", fill=True, padding=(2, 3, 2, 3), align="L", new_x="LMARGIN",
                           new_y="NEXT")
            pdf.ln(2.5)
            return
        size, style, color = {"lead": (10.5, "", INK), "note": (9, "I", MUTED)}.get(p.style, (9.5, "", INK))
        pdf.set_font(FONT, style, size)
        pdf.set_text_color(*color)
        pdf.multi_cell(0, size * 0.52, p.text, align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(*INK)
        pdf.ln(2.2)

    def bullets(self, b: Bullets):
        pdf = self.pdf
        fill = b.style in ("advice", "numbered")
        pdf.set_font(FONT, "", 9.2)
        for number, item in enumerate(b.items, start=1):
            if pdf.get_y() > pdf.page_break_trigger - 10:
                pdf.add_page()
            y = pdf.get_y()
            if b.style == "warning":
                pdf.set_fill_color(*ALERT_FILL)
            elif fill:
                pdf.set_fill_color(*ADVICE_FILL)
            pdf.set_x(MARGIN + 5)
            pdf.multi_cell(pdf.epw - 5, 4.8, item, fill=fill or b.style == "warning", padding=(0.6, 2, 0.6, 1),
                           align="L",
                           new_x="LMARGIN", new_y="NEXT")
            if pdf.page_no() and pdf.get_y() > y:  # the bullet on the first line of the item
                mark = f"{number}." if b.style == "numbered" else "▸" if fill else "•"
                pdf.set_text_color(*(ACCENT if fill else INK))
                pdf.text(MARGIN + 1.2, y + 4.0, mark)
                pdf.set_text_color(*INK)
            pdf.ln(0.8)
        pdf.ln(1.5)

    def _widths(self, t: Table, size: float) -> list[float] | None:
        """Column widths (mm) at font size `size` so that numbers never wrap; None if they cannot fit."""
        pdf = self.pdf
        pad = 2.6
        need, words = [], []
        for j, head in enumerate(t.headings):
            widest = longest_word = 0.0
            for i, r in enumerate(t.rows):
                pdf.set_font(FONT, "B" if i in t.strong else "", size)
                widest = max(widest, pdf.get_string_width(r[j]))
                longest_word = max([longest_word] + [pdf.get_string_width(w) for w in r[j].split()])
            pdf.set_font(FONT, "B", size)
            head_words = str(head).split()
            word = max((pdf.get_string_width(w) for w in head_words), default=0.0)
            two_lines = pdf.get_string_width(str(head)) / 2 if len(head_words) > 1 else 0.0
            need.append(max(widest, word, min(two_lines, 30.0)) + pad)
            words.append(max(longest_word, word) + pad)
        pdf.set_font(FONT, "", size)
        numeric = [j for j, a in enumerate(t.align) if a == "R"]
        text = [j for j, a in enumerate(t.align) if a != "R"]
        fixed = sum(need[j] for j in numeric)
        minimum = {j: min(need[j], max(24.0, min(words[j], 45.0))) for j in text}  # no word split if possible
        if fixed + sum(minimum.values()) > pdf.epw:
            return None
        widths = list(need)
        room = pdf.epw - fixed
        wanted = sum(need[j] for j in text)
        if text and wanted > room:  # text columns share the room, none below its minimum
            free = room - sum(minimum.values())
            extra = {j: need[j] - minimum[j] for j in text}
            total_extra = sum(extra.values()) or 1.0
            for j in text:
                widths[j] = minimum[j] + free * extra[j] / total_extra
        return widths

    def _height(self, t: Table, widths: list[float], size: float) -> float:
        """The table's height in mm (rows wrap where their text is wider than the column)."""
        pdf = self.pdf
        line = size * 0.5
        total = 0.0
        for i, row in enumerate([t.headings] + t.rows):
            pdf.set_font(FONT, "B" if i == 0 or (i - 1) in t.strong else "", size)
            lines = max(max(1, math.ceil(pdf.get_string_width(str(v)) / max(w - 2.2, 1.0)))
                        for v, w in zip(row, widths))
            total += lines * line + 1.2
        return total

    def table(self, t: Table):
        from fpdf.fonts import FontFace

        pdf = self.pdf
        size, widths = 8.0, None
        for size in (8.0, 7.5, 7.0, 6.5, 6.0, 5.5, 5.0):
            widths = self._widths(t, size)
            if widths is not None:
                break
        if widths is None:
            widths = [pdf.epw / len(t.headings)] * len(t.headings)
        if sum(widths) > pdf.epw - 0.01:
            factor = (pdf.epw - 0.01) / sum(widths)
            widths = [w * factor for w in widths]
        total = sum(widths)
        height = 1.15 * self._height(t, widths, size) + (6 if t.title else 0) + 4
        page = pdf.page_break_trigger - pdf.t_margin
        room = pdf.page_break_trigger - pdf.get_y()
        if (height <= page * 0.9 and height > room) or room < 35:  # keep a table on one page where it fits
            pdf.add_page()
        if t.title:
            pdf.set_font(FONT, "B", 9)
            pdf.multi_cell(0, 5, t.title, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(0.5)
        pdf.set_font(FONT, "", size)
        pdf.set_draw_color(*LINE)
        heading = FontFace(emphasis="BOLD", fill_color=HEAD_FILL, color=INK)
        line_height = size * 0.5
        with pdf.table(width=total, col_widths=widths, align="LEFT", text_align=tuple(
                "RIGHT" if a == "R" else "LEFT" for a in t.align), line_height=line_height,
                headings_style=heading, borders_layout="HORIZONTAL_LINES", padding=(0.6, 1.1, 0.6, 1.1),
                repeat_headings=1) as tbl:
            row = tbl.row()
            for h in t.headings:
                row.cell(h)
            for i, values in enumerate(t.rows):
                row = tbl.row()
                strong = i in t.strong
                for j, value in enumerate(values):
                    negative = t.negative[i][j] if t.negative else False
                    style = None
                    if strong or negative:
                        style = FontFace(emphasis="BOLD" if strong else None, color=NEG if negative else INK,
                                         fill_color=STRONG_FILL if strong else None)
                    row.cell(value, style=style)
        if t.note:
            pdf.ln(0.8)
            pdf.set_font(FONT, "I", 7.5)
            pdf.set_text_color(*MUTED)
            pdf.multi_cell(0, 3.8, t.note, align="L", new_x="LMARGIN", new_y="NEXT")
            pdf.set_text_color(*INK)
        pdf.ln(3.5)

    def chart(self, c: Chart):
        pdf = self.pdf
        image, w_in, h_in = charts.png(c.name, self.data.charts[c.name], self.say)
        width = pdf.epw
        height = width * h_in / w_in
        if height > pdf.page_break_trigger - pdf.t_margin - 10:
            height = pdf.page_break_trigger - pdf.t_margin - 10
            width = height * w_in / h_in
        if pdf.get_y() + height + 8 > pdf.page_break_trigger:
            pdf.add_page()
        pdf.image(io.BytesIO(image), x=MARGIN + (pdf.epw - width) / 2, w=width, h=height)
        pdf.set_font(FONT, "I", 7.5)
        pdf.set_text_color(*MUTED)
        pdf.multi_cell(0, 4, c.title, align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(*INK)
        pdf.ln(3)
