#!/usr/bin/env python3
"""Reads `perf script` output (samples with call stacks) on standard input and prints the share of
the samples of each stage of budgetlens, of the busiest functions, and of the callers of the C
library's string functions. Used by tools/samples.sh."""
import collections
import os
import re
import sys

# Stages as tools/work.sh names them: a sample counts for every stage on its stack.
STAGES = [
    ("reading and decoding (source/)", r"^budgetlens::source::read_source$"),
    ("  of which web pages (Gumbo, render)", r"^budgetlens::source::detail::render_page$"),
    ("  of which SHA-256", r"^budgetlens::source::sha256_hex"),
    ("layout (layout/)", r"^budgetlens::layout::build_layout$"),
    ("sections (sections/)", r"^budgetlens::sections::build_outline$"),
    ("tables (tables/)", r"^budgetlens::tables::build_tables$"),
    ("quantities, indicators (extract/)", r"^budgetlens::extract::extract_quantities$"),
    ("checks (checks/)", r"^budgetlens::checks::run_checks$"),
    ("coverage (pipeline/)", r"^budgetlens::pipeline::account_for$"),
    ("JSON Lines (emit/)", r"^budgetlens::emit::append_jsonl$"),
    ("writing the output (kernel)", r"^ksys_write$"),
]
LIBRARY_CALLS = [("memcpy, memmove", r"^__mem(cpy|move)"), ("memcmp", r"^__memcmp"), ("memchr", r"^__memchr")]
FRAME = re.compile(r"^\s+[0-9a-f]+\s+(.*?)\s+\(([^()]*)\)$")


def name_of(symbol):
    """The function's name without its offset and its arguments, templates' included."""
    symbol = re.sub(r"\+0x[0-9a-f]+$", "", symbol)
    depth, out = 0, []
    for i, c in enumerate(symbol):
        if c == "(" and not symbol.startswith("(anonymous namespace)", i):
            depth += 1
        elif c == ")" and depth:
            depth -= 1
        elif depth == 0:
            out.append(c)
    return "".join(out).removesuffix("[abi:cxx11]").strip()


def stacks(lines):
    """Each sample's frames, innermost first."""
    frames = []
    for line in lines:
        match = FRAME.match(line.rstrip("\n"))
        if match:
            name = name_of(match.group(1))
            # A library without symbols: its name stands for its functions.
            frames.append(name if name != "[unknown]" else "[" + match.group(2).rsplit("/", 1)[-1] + "]")
        elif not line.strip() and frames:
            yield frames
            frames = []
    if frames:
        yield frames


def caller_of(frames):
    """The first frame above the library call that is neither the library nor the C++ library."""
    for frame in frames[1:]:
        if not frame.startswith(("__mem", "std::", "void std::", "[")):
            return frame
    return "?"


def main():
    stage_patterns = [(label, re.compile(p)) for label, p in STAGES]
    call_patterns = [(label, re.compile(p)) for label, p in LIBRARY_CALLS]
    total = 0
    in_stage = collections.Counter()
    own = collections.Counter()
    callers = {label: collections.Counter() for label, _ in LIBRARY_CALLS}
    for frames in stacks(sys.stdin):
        total += 1
        own[frames[0]] += 1
        for label, pattern in stage_patterns:
            if any(pattern.search(f) for f in frames):
                in_stage[label] += 1
        for label, pattern in call_patterns:
            if pattern.search(frames[0]):
                callers[label][caller_of(frames)] += 1
    if total == 0:
        sys.exit("samples: no samples were read")

    def share(n):
        return 100.0 * n / total

    print(f"  {total} samples")
    print("by stage (each with what it calls):")
    for label, _ in STAGES:
        print(f"  {label:<38} {share(in_stage[label]):5.1f}%")
    print("busiest functions (without what they call):")
    for name, n in own.most_common(int(os.environ.get("TOP", "20"))):
        print(f"  {share(n):5.2f}%  {name[:100]}")
    for label, _ in LIBRARY_CALLS:
        n = sum(callers[label].values())
        print(f"{label}, {share(n):.2f}% of the samples, by caller:")
        for name, m in callers[label].most_common(6):
            print(f"  {share(m):5.2f}%  {name[:100]}")


if __name__ == "__main__":
    main()
