"""Charts as inline SVG, drawn on the server.

The Content-Security-Policy forbids inline scripts and inline styles, so a chart is plain SVG
with presentation attributes (``fill``, ``stroke``), no JavaScript and no external library.
Every chart has a ``<title>`` and ``<desc>`` for screen readers; the table beside it holds the
exact numbers.
"""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

PALETTE = ["#154273", "#e17000", "#39870c", "#a90061", "#8fcae7", "#673327"]
FONT = 'font-family="sans-serif" font-size="12"'


def _number(value) -> float:
    # Drawing coordinates only: figures themselves stay Decimal or integer cents.
    return float(value or 0)


def bar_chart(
    title: str,
    labels: list[str],
    series: list[tuple[str, list]],
    *,
    fmt=str,
    reference: tuple[str, float] | None = None,
) -> SafeString:
    """Horizontal grouped bars: one group per label, one bar per series; `reference` draws a line."""
    label_width, bar_height, gap, width = 220, 14, 10, 760
    plot = width - label_width - 90
    group_height = bar_height * len(series) + gap
    legend_height = 24
    height = legend_height + max(len(labels), 1) * group_height + 20
    values = [_number(value) for _name, values in series for value in values]
    if reference:
        values.append(_number(reference[1]))
    top = max(values + [0]) or 1
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" aria-labelledby="chart-title">',
        f"<title>{escape(title)}</title><desc>{escape(title)}: zie de tabel voor de exacte waarden.</desc>",
    ]
    x = label_width
    for index, (name, _values) in enumerate(series):
        colour = PALETTE[index % len(PALETTE)]
        parts.append(f'<rect x="{x}" y="4" width="12" height="12" fill="{colour}"/>')
        parts.append(f'<text x="{x + 16}" y="14" {FONT}>{escape(name)}</text>')
        x += 24 + 8 * len(name)
    for row, label in enumerate(labels):
        y0 = legend_height + row * group_height
        parts.append(
            f'<text x="{label_width - 6}" y="{y0 + bar_height * len(series) / 2 + 4:.1f}" '
            f'text-anchor="end" {FONT}>{escape(label[:34])}</text>'
        )
        for index, (_name, values) in enumerate(series):
            value = values[row]
            length = max(_number(value), 0) / top * plot
            y = y0 + index * bar_height
            colour = PALETTE[index % len(PALETTE)]
            parts.append(
                f'<rect x="{label_width}" y="{y}" width="{length:.1f}" height="{bar_height - 2}" '
                f'fill="{colour}">'
                f"<title>{escape(label)}: {escape(fmt(value))}</title></rect>"
            )
            parts.append(
                f'<text x="{label_width + length + 4:.1f}" y="{y + bar_height - 4}" {FONT}>'
                f"{escape(fmt(value))}</text>"
            )
    if reference:
        x = label_width + _number(reference[1]) / top * plot
        parts.append(
            f'<line x1="{x:.1f}" y1="{legend_height}" x2="{x:.1f}" y2="{height - 16}" stroke="#d52b1e" '
            f'stroke-width="2" stroke-dasharray="4 3"/>'
        )
        parts.append(
            f'<text x="{x:.1f}" y="{height - 4}" text-anchor="middle" {FONT}>{escape(reference[0])}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped


def line_chart(
    title: str,
    labels: list[str],
    series: list[tuple[str, list]],
    *,
    fmt=str,
    reference: tuple[str, float] | None = None,
) -> SafeString:
    """A line per series over the labels (e.g. quarters); `reference` draws a horizontal target line."""
    width, height, left, right, top_margin, bottom = 760, 300, 90, 20, 30, 40
    plot_w, plot_h = width - left - right, height - top_margin - bottom
    values = [_number(value) for _name, values in series for value in values if value is not None]
    if reference:
        values.append(_number(reference[1]))
    top = max(values + [0]) * 1.1 or 1.0
    step = plot_w / max(len(labels) - 1, 1)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}">',
        f"<title>{escape(title)}</title><desc>{escape(title)}: zie de tabel voor de exacte waarden.</desc>",
        f'<line x1="{left}" y1="{top_margin + plot_h}" x2="{left + plot_w}" y2="{top_margin + plot_h}" '
        'stroke="#555"/>',
        f'<line x1="{left}" y1="{top_margin}" x2="{left}" y2="{top_margin + plot_h}" stroke="#555"/>',
        f'<text x="{left - 6}" y="{top_margin + 4}" text-anchor="end" {FONT}>{escape(fmt(top))}</text>',
        f'<text x="{left - 6}" y="{top_margin + plot_h + 4}" text-anchor="end" {FONT}>0</text>',
    ]
    for index, label in enumerate(labels):
        x = left + index * step
        parts.append(
            f'<text x="{x:.1f}" y="{height - bottom + 18}" text-anchor="middle" {FONT}>{escape(label)}</text>'
        )
    for number, (name, series_values) in enumerate(series):
        colour = PALETTE[number % len(PALETTE)]
        points = [
            (left + index * step, top_margin + plot_h - _number(value) / top * plot_h, value)
            for index, value in enumerate(series_values)
            if value is not None
        ]
        if points:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y, _value in points)
            parts.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"/>')
        for x, y, value in points:
            parts.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{colour}"><title>{escape(name)}: '
                f"{escape(fmt(value))}</title></circle>"
            )
        parts.append(f'<rect x="{left + 10 + number * 200}" y="6" width="12" height="12" fill="{colour}"/>')
        parts.append(f'<text x="{left + 26 + number * 200}" y="16" {FONT}>{escape(name)}</text>')
    if reference:
        y = top_margin + plot_h - _number(reference[1]) / top * plot_h
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" stroke="#d52b1e" '
            f'stroke-width="2" stroke-dasharray="4 3"/>'
        )
        parts.append(
            f'<text x="{left + plot_w}" y="{y - 4:.1f}" text-anchor="end" {FONT}>'
            f"{escape(reference[0])}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped
