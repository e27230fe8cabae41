#!/usr/bin/env python3
"""Write an HTML rendition of a text disclosure, as its publisher's web page could have shown it.

usage: tools/html-rendition.py TEXT [--style plain|word|broken] [--encoding utf-8|gbk] [--meta|--no-meta]
                               [--separate-tables] [--build DIR] > OUT.html

The text is read by budgetlens itself (`inspect` for its blocks, `extract` for its tables), and each block
becomes markup: a paragraph a <p> (its hard-wrapped lines joined by <br>), a heading a <p> or <h2>/<h3>, a
table a <table> whose cells carry the rowspan and colspan of the grid budgetlens read. Review every
rendition by hand before committing it: where the text reading of a table is wrong, fix the markup.

Styles:
  plain   clean HTML5 with <th> for header cells
  word    what Word's "save as web page" writes: MsoNormal paragraphs, nested spans, <o:p>, mso styles,
          conditional comments, a hidden spacer row under each table
  broken  unclosed <p>, <td> and <tr>, a caption paragraph inside <table>, stray </tr> tags
Logical tables that share one text block go into a single <table> (the reader splits it again at the
inner header rows), unless --separate-tables.
"""
import argparse
import html
import json
import os
import re
import subprocess
import sys


def run(build, args):
    out = subprocess.run([os.path.join(build, "budgetlens")] + args, capture_output=True, check=True)
    return out.stdout.decode("utf-8")


def blocks_of(build, path):
    """[(first_line 0-based, kind)] from `budgetlens inspect`."""
    blocks = []
    in_blocks = False
    for line in run(build, ["inspect", path]).splitlines():
        if line.startswith("blocks:"):
            in_blocks = True
            continue
        if in_blocks:
            m = re.match(r"\s+\d+ L(\d+)\s+(\w+)", line)
            if not m:
                break
            blocks.append((int(m.group(1)) - 1, m.group(2)))
    return blocks


def tables_of(build, path):
    tables = []
    for line in run(build, ["extract", path, "-o", "-", "-q"]).splitlines():
        rec = json.loads(line)
        if rec["type"] == "table":
            tables.append(rec)
    return tables


def squeeze(s):
    return re.sub(r"[\s|\u3000\u00a0]", "", s)


def page_breaks(grid, lines):
    """Rows of `grid` before which the text printed the table's header row again (a page break)."""
    header = [c for c in grid["cells"] if c["header"]]
    if not header:
        return []
    first = min(c["row"] for c in header)
    sig = squeeze("".join(c["text"] for c in sorted(header, key=lambda c: c["col"]) if c["row"] == first))
    body = [c for c in grid["cells"] if not c["header"] and c["span"]["line"] > 0]
    if not sig or not body:
        return []
    first_line = min(c["span"]["line"] for c in header)
    last_line = max(c["span"]["line"] for c in body)
    rows = []
    for i in range(first_line, last_line):  # 0-based index i is line i + 1
        if squeeze(lines[i]) == sig and i + 1 > first_line:
            after = [c["row"] for c in body if c["span"]["line"] > i + 1]
            if after:
                rows.append(min(after))
    return sorted(set(rows))


def esc(s):
    return html.escape(s, quote=False)


class Writer:
    def __init__(self, style):
        self.style = style
        self.out = []

    def paragraph(self, lines, heading=None):
        body = "<br>\n".join(self.inline(l) for l in lines)
        if heading:
            tag = "h2" if heading == 1 else "h3"
            if self.style == "word":
                self.out.append(f"<{tag}><span style='font-family:黑体'>{body}<o:p></o:p></span></{tag}>")
            else:
                self.out.append(f"<{tag}>{body}</{tag}>")
            return
        if self.style == "word":
            self.out.append(f"<p class=MsoNormal style='text-indent:21.0pt;mso-char-indent-count:2.0'>{body}<o:p></o:p></p>")
        elif self.style == "broken":
            self.out.append(f"<p>{body}")
        else:
            self.out.append(f"<p>{body}</p>")

    def inline(self, text):
        text = esc(text.strip())
        if self.style == "word":
            # Word splits runs at every change of language (figures in spans of their own) and wraps
            # dates in smart tags.
            text = re.sub(r"([0-9][0-9.,%]*)", r"<span lang=EN-US>\1</span>", text)
            text = re.sub(r"((?:<span lang=EN-US>\d{4}</span>)年(?:<span lang=EN-US>\d{1,2}</span>)月(?:<span lang=EN-US>\d{1,2}</span>)日)",
                          r"<st1:chsdate IsROCDate=\"False\" IsLunarDate=\"False\" w:st=\"on\">\1</st1:chsdate>", text)
            return f"<span style='font-family:宋体'>{text}</span>"
        return text

    def cell(self, text, header, rowspan, colspan):
        spans = (f" rowspan={rowspan}" if rowspan > 1 else "") + (f" colspan={colspan}" if colspan > 1 else "")
        lines = [esc(l) for l in text.split("\n")] if text else []
        if self.style == "word":
            inner = "".join(
                f"<p class=MsoNormal align=center style='text-align:center'><span style='font-size:10.5pt;"
                f"font-family:宋体'>{l}<o:p></o:p></span></p>" for l in lines) or \
                "<p class=MsoNormal><span lang=EN-US><o:p>&nbsp;</o:p></span></p>"
            return f"<td{spans} valign=top style='border:solid windowtext 1.0pt;padding:0cm 5.4pt 0cm 5.4pt'>{inner}</td>"
        body = "<br>".join(lines) if lines else "&nbsp;"
        if self.style == "broken":
            return f"<td{spans}>{body}"
        tag = "th" if header else "td"
        return f"<{tag}{spans}>{body}</{tag}>"

    def table(self, grids, caption_inside=None, breaks=None):
        width = max(g["n_cols"] for g in grids)
        if self.style == "word":
            self.out.append("<table class=MsoNormalTable border=1 cellspacing=0 cellpadding=0 "
                            "style='border-collapse:collapse;mso-table-layout-alt:fixed;mso-padding-alt:0cm 5.4pt 0cm 5.4pt'>")
        else:
            self.out.append("<table border=1>")
        if caption_inside:
            self.out.append(f"<p>{esc(caption_inside)}</p>")
        for gi, g in enumerate(grids):
            n, m = g["n_rows"], g["n_cols"]
            cuts = sorted((breaks or {}).get(gi, []))
            cells = [dict(c) for c in g["cells"]]
            # A cell reaching over a row where the text printed its header again is cut there and
            # printed again below (an HTML span cannot cross the repeated header row).
            for r in cuts:
                for c in list(cells):
                    if c["row"] < r < c["row"] + c["rowspan"]:
                        below = dict(c, row=r, rowspan=c["row"] + c["rowspan"] - r)
                        c["rowspan"] = r - c["row"]
                        cells.append(below)
            g = dict(g, cells=cells)
            anchor = {(c["row"], c["col"]): c for c in g["cells"]}
            covered = set()
            for c in g["cells"]:
                for r in range(c["row"], c["row"] + c["rowspan"]):
                    for k in range(c["col"], c["col"] + c["colspan"]):
                        if (r, k) != (c["row"], c["col"]):
                            covered.add((r, k))
            header_lines = []
            for r in range(n):
                if r in cuts:
                    self.out.extend(header_lines)
                cells = []
                widened = False
                for k in range(m):
                    if (r, k) in covered:
                        continue
                    c = anchor.get((r, k))
                    if c is None:
                        cells.append(self.cell("", False, 1, 1))
                        continue
                    colspan = c["colspan"]
                    if c["col"] + colspan == m and m < width:  # a row across its table spans the page's table
                        colspan += width - m
                        widened = True
                    cells.append(self.cell(c["text"], c["header"], c["rowspan"], colspan))
                if m < width and not widened and (r, m - 1) not in covered:
                    cells.extend(self.cell("", False, 1, 1) for _ in range(width - m))
                if self.style == "broken":
                    self.out.append("<tr>" + "".join(cells) + ("</tr></tr>" if r % 3 == 1 else ""))
                else:
                    self.out.append(" <tr>" + "".join(cells) + "</tr>")
                if r < g["header_rows"] and all(c["header"] for c in g["cells"] if c["row"] == r):
                    header_lines.append(self.out[-1])
        if self.style == "word":
            self.out.append("<![if !supportMisalignedColumns]><tr height=0>" + "<td width=60 style='border:none'></td>" * width +
                            "</tr><![endif]>")
        self.out.append("</table>")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("text")
    ap.add_argument("--style", default="plain", choices=["plain", "word", "broken"])
    ap.add_argument("--encoding", default="utf-8")
    ap.add_argument("--meta", dest="meta", action="store_true", default=True)
    ap.add_argument("--no-meta", dest="meta", action="store_false")
    ap.add_argument("--separate-tables", action="store_true")
    ap.add_argument("--headings", action="store_true", help="write headings as <h2>/<h3>")
    ap.add_argument("--build", default=os.path.join(os.path.dirname(__file__), "..", "build"))
    a = ap.parse_args()

    raw = open(a.text, "rb").read()
    text = None
    for enc in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(enc)
            break
        except UnicodeDecodeError:
            pass
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    blocks = blocks_of(a.build, a.text)
    tables = tables_of(a.build, a.text)

    w = Writer(a.style)
    title = next((l.strip() for l in lines if l.strip()), "")
    charset = {"utf-8": "utf-8", "gbk": "gb2312"}[a.encoding]
    if a.style == "word":
        w.out.append("<html xmlns:v=\"urn:schemas-microsoft-com:vml\" xmlns:o=\"urn:schemas-microsoft-com:office:office\" "
                     "xmlns:w=\"urn:schemas-microsoft-com:office:word\" xmlns=\"http://www.w3.org/TR/REC-html40\">")
        w.out.append("<head>")
        if a.meta:
            w.out.append(f"<meta http-equiv=Content-Type content=\"text/html; charset={charset}\">")
        w.out.append("<meta name=Generator content=\"Microsoft Word 15\">")
        w.out.append(f"<title>{esc(title)}</title>")
        w.out.append("<!--[if gte mso 9]><xml><w:WordDocument><w:View>Print</w:View></w:WordDocument></xml><![endif]-->")
        w.out.append("<style>\n<!--\np.MsoNormal{margin:0cm;text-align:justify;font-size:10.5pt;font-family:宋体;}\n-->\n</style>")
        w.out.append("</head>")
        w.out.append("<body lang=ZH-CN style='tab-interval:21.0pt;text-justify-trim:punctuation'>")
        w.out.append("<div class=WordSection1 style='layout-grid:15.6pt'>")
    else:
        w.out.append("<!DOCTYPE html>")
        w.out.append("<html><head>")
        if a.meta:
            w.out.append(f"<meta charset=\"{charset}\">")
        w.out.append(f"<title>{esc(title)}</title>")
        w.out.append("<style>td,th{border:1px solid #999}</style><script>var _hmt = _hmt || [];</script>")
        w.out.append("</head><body>")

    # Block extents: a block runs to the line before the next one, blank lines at its end left out.
    starts = sorted(set(b[0] for b in blocks))
    kind_at = {}
    for first, kind in blocks:
        kind_at.setdefault(first, []).append(kind)
    for bi, first in enumerate(starts):
        end = starts[bi + 1] if bi + 1 < len(starts) else len(lines)
        last = end - 1
        while last > first and not lines[last].strip():
            last -= 1
        kinds = kind_at[first]
        if "table" in kinds:
            grids = [t for t in tables if first <= t["span"]["line"] - 1 <= last]
            if not grids:
                continue
            groups = [[g] for g in grids] if a.separate_tables else [grids]
            for gi, group in enumerate(groups):
                breaks = {k: page_breaks(g, lines) for k, g in enumerate(group)}
                caption = None
                if a.style == "broken" and gi == 0 and w.out and w.out[-1].startswith("<p>") and "<br>" not in w.out[-1]:
                    caption = w.out.pop()[3:]  # a paragraph the page put inside the table: the browser moves it out
                    caption = html.unescape(caption)
                w.table(group, caption, breaks)
            continue
        para = [lines[i] for i in range(first, last + 1) if lines[i].strip()]
        if not para:
            continue
        heading = None
        if kinds == ["heading"] and a.headings and len(para) == 1:
            heading = 1 if re.match(r"^\s*(第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、)", para[0]) else 2
        w.paragraph(para, heading)

    if a.style == "word":
        w.out.append("</div>")
    w.out.append("</body></html>" if a.style != "broken" else "</body>")
    data = "\n".join(w.out) + "\n"
    sys.stdout.buffer.write(data.encode("gb18030" if a.encoding == "gbk" else "utf-8"))


if __name__ == "__main__":
    main()
