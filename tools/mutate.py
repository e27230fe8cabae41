#!/usr/bin/env python3
"""Writes variants of real disclosures, each broken the way published documents break.

libFuzzer (tools/fuzz.sh) changes bytes; these changes keep a document a document and reach the deep
stages with values no fixture has: figures with thousands separators, eighteen digits or eighteen
decimals, a weight run into its target, units swapped, lines cut, joined, repeated or lost, table cells
with absurd spans. tools/mutation_sweep.sh runs the sanitized build over them.

    tools/mutate.py SEED OUTDIR DOCUMENT...

The same seed and documents give the same variants, so a finding can be made again.
"""
import os
import random
import re
import sys

VARIANTS_PER_DOCUMENT = 40

# Words of the domain and characters that end, open or split things, inserted anywhere.
INSERTS = [
    "合计", "总计", "小计", "其中:", "单位:万元", "单位:元", "(万元)", "亿元", "%", "分", "一、", "(一)", "1.",
    "①", "|", "\t", ",", "。", "、", "：", "-", "—", "≥", "≤", "得分", "权重", "指标值", "实际完成值",
    "一级指标", "二级指标", "三级指标", "年初预算", "决算数", "比上年增加", "下降", "占", "同比",
    "表1 收入支出决算总表", "第二部分", "分别为", "包括", "以上", "约", "共计", "99999999999999999999",
    "0.0000000000000000001", "１２３．４５", "－", "%%", "(", ")", "（", "）", "<td>", "</td>", "<tr>",
    "</table>", "<table>", '<th colspan="3">', "&nbsp;", "&#x0;", "\u3000", "\ufeff", "\u200b", "\r", '"',
    ",,,", "||||", "100%", "-100%", "0%", "1e5", "0.00", "(10分)", "满分100分", "较上年", "增长", "减少",
    "万元万元",
]
SWAPPED = ["万元", "元", "%", "|", "、", "。", ",", "分", "(", ")"]
SWAPPED_FOR = ["万元", "元", "亿元", "千元", "%", "|", "、", "。", ",", "", "\n", "分"]
NUMBER = re.compile(r"\d+(?:\.\d+)?")


def with_thousands(m):
    whole, _, fraction = m.group(0).partition(".")
    return format(int(whole), ",") + ("." + fraction if fraction else "")


NUMBER_CHANGES = [
    with_thousands,
    lambda m: "9" * random.choice([17, 18, 19, 25]),
    lambda m: m.group(0) + m.group(0)[-1:],  # a digit run into the next cell
    lambda m: "-" + m.group(0),
    lambda m: m.group(0) + "." + "0" * random.choice([1, 17, 19]),
    lambda m: "0." + "0" * random.choice([10, 17, 18]) + "1",
    lambda m: "0",
]


def mutate_once(text, is_page):
    lines = text.split("\n")
    op = random.random()
    if op < 0.2:
        i = random.randrange(len(lines))
        at = random.randrange(len(lines[i]) + 1)
        lines[i] = lines[i][:at] + random.choice(INSERTS) + lines[i][at:]
    elif op < 0.3:
        del lines[random.randrange(len(lines))]
    elif op < 0.4:
        lines.insert(random.randrange(len(lines) + 1), lines[random.randrange(len(lines))])
    elif op < 0.5:
        i, j = random.randrange(len(lines)), random.randrange(len(lines))
        lines[i] += lines[j]
    elif op < 0.6 and is_page:
        def span(m):
            if random.random() >= 0.05:
                return m.group(0)
            attribute = random.choice(["colspan", "rowspan"])
            return f'<{m.group(1)} {attribute}="{random.choice([0, 2, 7, 1000, 65535, 99999999, -3])}"'
        return re.sub(r"<(td|th)", span, "\n".join(lines))
    elif op < 0.7:
        change = random.choice(NUMBER_CHANGES)
        return NUMBER.sub(lambda m: change(m) if random.random() < 0.2 else m.group(0), "\n".join(lines))
    elif op < 0.8:
        i = random.randrange(len(lines))
        lines[i] = lines[i][: random.randrange(len(lines[i]) + 1)]
    else:
        return "\n".join(lines).replace(random.choice(SWAPPED), random.choice(SWAPPED_FOR))
    return "\n".join(lines) if lines else ""


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    random.seed(int(sys.argv[1]))
    outdir = sys.argv[2]
    os.makedirs(outdir, exist_ok=True)
    written = 0
    for path in sys.argv[3:]:
        try:
            with open(path, "rb") as f:
                text = f.read().decode("utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # documents in other encodings are left to the decode fuzzer
        ext = os.path.splitext(path)[1]
        for _ in range(VARIANTS_PER_DOCUMENT):
            out = text
            for _ in range(random.choice([1, 3, 10, 30])):
                if out:
                    out = mutate_once(out, ext == ".html")
            if random.random() < 0.1:
                out = out[: random.randrange(len(out) + 1)]
            written += 1
            with open(os.path.join(outdir, f"m{written:05d}{ext}"), "w", encoding="utf-8") as f:
                f.write(out)
    print(written)


if __name__ == "__main__":
    main()
