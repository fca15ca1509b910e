// Small SVG charts for the benchmark results, rasterised to PNG with @resvg/resvg-js (prebuilt
// binaries from npm, loads under Bun): line charts (latency percentiles, lag over time) and grouped
// bar charts. Plain SVG strings, so a chart is easy to read and to diff.
import { Resvg } from "@resvg/resvg-js";

export interface Series {
  name: string;
  points: [number, number][];
}

export interface LineChart {
  title: string;
  xLabel: string;
  yLabel: string;
  series: Series[];
  /** log scale on y (latencies spanning ms to seconds) */
  yLog?: boolean;
  /** vertical markers (a kill, a restart) */
  markers?: { x: number; label: string }[];
  /** horizontal lines (a target) */
  thresholds?: { y: number; label: string }[];
  /** draw points only (a scatter), no connecting lines */
  scatter?: boolean;
}

export interface BarChart {
  title: string;
  yLabel: string;
  categories: string[];
  series: { name: string; values: number[] }[];
  yLog?: boolean;
  thresholds?: { y: number; label: string }[];
}

const W = 900;
const H = 420;
const M = { left: 70, right: 20, top: 40, bottom: 80 };
const COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"];
const esc = (s: string) => s.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
const fmt = (v: number) =>
  Math.abs(v) >= 10_000
    ? `${(v / 1000).toFixed(0)}k`
    : Math.abs(v) >= 100
      ? v.toFixed(0)
      : Math.abs(v) >= 1
        ? v.toFixed(1).replace(/\.0$/, "")
        : v.toPrecision(1);

function yScale(values: number[], log: boolean) {
  const finite = values.filter((v) => Number.isFinite(v) && (!log || v > 0));
  let lo = log ? Math.min(...finite, 1) : Math.min(0, ...finite);
  let hi = Math.max(...finite, log ? 10 : 1);
  if (log) {
    lo = 10 ** Math.floor(Math.log10(lo));
    hi = 10 ** Math.ceil(Math.log10(hi));
  } else hi *= 1.08;
  const plotH = H - M.top - M.bottom;
  const to = (v: number) =>
    log
      ? M.top +
        plotH * (1 - (Math.log10(Math.max(v, lo)) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo)))
      : M.top + plotH * (1 - (v - lo) / (hi - lo || 1));
  const ticks = log
    ? Array.from({ length: Math.round(Math.log10(hi) - Math.log10(lo)) + 1 }, (_, i) => lo * 10 ** i)
    : Array.from({ length: 6 }, (_, i) => lo + ((hi - lo) * i) / 5);
  return { to, ticks };
}

function frame(
  title: string,
  yLabel: string,
  xLabel: string,
  body: string[],
  yTicks: string[],
  legend: string[],
): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="DejaVu Sans, sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${W / 2}" y="22" text-anchor="middle" font-size="15" font-weight="bold">${esc(title)}</text>`,
    `<text transform="translate(16 ${(H - M.bottom + M.top) / 2}) rotate(-90)" text-anchor="middle">${esc(yLabel)}</text>`,
    `<text x="${(W + M.left - M.right) / 2}" y="${H - 44}" text-anchor="middle">${esc(xLabel)}</text>`,
    ...yTicks,
    `<line x1="${M.left}" y1="${H - M.bottom}" x2="${W - M.right}" y2="${H - M.bottom}" stroke="#333"/>`,
    `<line x1="${M.left}" y1="${M.top}" x2="${M.left}" y2="${H - M.bottom}" stroke="#333"/>`,
    ...body,
    ...legend,
    "</svg>",
  ].join("\n");
}

function legendItems(names: string[]): string[] {
  let x = M.left;
  return names.map((name, i) => {
    const item = `<rect x="${x}" y="${H - 24}" width="12" height="12" fill="${COLORS[i % COLORS.length]}"/><text x="${x + 16}" y="${H - 14}">${esc(name)}</text>`;
    x += 26 + name.length * 7;
    return item;
  });
}

const yTickLines = (ticks: number[], to: (v: number) => number) =>
  ticks.map(
    (t) =>
      `<line x1="${M.left}" y1="${to(t)}" x2="${W - M.right}" y2="${to(t)}" stroke="#eee"/><text x="${M.left - 6}" y="${to(t) + 4}" text-anchor="end">${fmt(t)}</text>`,
  );

const thresholdLines = (thresholds: { y: number; label: string }[] | undefined, to: (v: number) => number) =>
  (thresholds ?? []).map(
    (t) =>
      `<line x1="${M.left}" y1="${to(t.y)}" x2="${W - M.right}" y2="${to(t.y)}" stroke="#d62728" stroke-dasharray="6 4"/><text x="${M.left + 6}" y="${to(t.y) - 4}" fill="#d62728">${esc(t.label)}</text>`,
  );

export function lineChartSvg(chart: LineChart): string {
  const xs = chart.series
    .flatMap((s) => s.points.map((p) => p[0]))
    .concat((chart.markers ?? []).map((m) => m.x));
  const ys = chart.series
    .flatMap((s) => s.points.map((p) => p[1]))
    .concat((chart.thresholds ?? []).map((t) => t.y));
  const [xLo, xHi] = [Math.min(...xs, 0), Math.max(...xs, 1)];
  const plotW = W - M.left - M.right;
  const x = (v: number) => M.left + (plotW * (v - xLo)) / (xHi - xLo || 1);
  const { to, ticks } = yScale(ys, chart.yLog ?? false);
  const xTicks = Array.from({ length: 7 }, (_, i) => xLo + ((xHi - xLo) * i) / 6).map(
    (t) => `<text x="${x(t)}" y="${H - M.bottom + 16}" text-anchor="middle">${fmt(t)}</text>`,
  );
  const body = chart.series.map((s, i) => {
    const color = COLORS[i % COLORS.length];
    if (chart.scatter)
      return s.points
        .map(
          ([px, py]) =>
            `<circle cx="${x(px).toFixed(1)}" cy="${to(py).toFixed(1)}" r="2" fill="${color}" fill-opacity="0.6"/>`,
        )
        .join("");
    return (
      `<polyline fill="none" stroke="${color}" stroke-width="2" points="${s.points.map(([px, py]) => `${x(px).toFixed(1)},${to(py).toFixed(1)}`).join(" ")}"/>` +
      s.points
        .map(
          ([px, py]) =>
            `<circle cx="${x(px).toFixed(1)}" cy="${to(py).toFixed(1)}" r="2.5" fill="${color}"/>`,
        )
        .join("")
    );
  });
  const markers = (chart.markers ?? []).map(
    (m, i) =>
      `<line x1="${x(m.x)}" y1="${M.top}" x2="${x(m.x)}" y2="${H - M.bottom}" stroke="#888" stroke-dasharray="3 3"/><text x="${x(m.x) + 3}" y="${M.top + 12 + (i % 3) * 13}" fill="#555" font-size="11">${esc(m.label)}</text>`,
  );
  return frame(
    chart.title,
    chart.yLabel,
    chart.xLabel,
    [...xTicks, ...thresholdLines(chart.thresholds, to), ...markers, ...body],
    yTickLines(ticks, to),
    legendItems(chart.series.map((s) => s.name)),
  );
}

export function barChartSvg(chart: BarChart): string {
  const ys = chart.series.flatMap((s) => s.values).concat((chart.thresholds ?? []).map((t) => t.y));
  const { to, ticks } = yScale(ys, chart.yLog ?? false);
  const plotW = W - M.left - M.right;
  const group = plotW / chart.categories.length;
  const bar = (group * 0.8) / chart.series.length;
  const base = H - M.bottom;
  const body = chart.categories.flatMap((category, c) => [
    `<text x="${M.left + group * (c + 0.5)}" y="${H - M.bottom + 16}" text-anchor="middle">${esc(category)}</text>`,
    ...chart.series.map((s, i) => {
      const v = s.values[c] ?? NaN;
      if (!Number.isFinite(v) || (chart.yLog && v <= 0)) return "";
      const bx = M.left + group * c + group * 0.1 + bar * i;
      return `<rect x="${bx.toFixed(1)}" y="${to(v).toFixed(1)}" width="${(bar - 2).toFixed(1)}" height="${Math.max(0, base - to(v)).toFixed(1)}" fill="${COLORS[i % COLORS.length]}"/><text x="${(bx + bar / 2).toFixed(1)}" y="${(to(v) - 3).toFixed(1)}" text-anchor="middle" font-size="10">${fmt(v)}</text>`;
    }),
  ]);
  return frame(
    chart.title,
    chart.yLabel,
    "",
    [...thresholdLines(chart.thresholds, to), ...body],
    yTickLines(ticks, to),
    legendItems(chart.series.map((s) => s.name)),
  );
}

/** Rasterises an SVG chart into a PNG file. */
export async function writePng(svg: string, path: string): Promise<void> {
  const png = new Resvg(svg, {
    font: { loadSystemFonts: true, defaultFontFamily: "DejaVu Sans" },
    fitTo: { mode: "width", value: W },
  })
    .render()
    .asPng();
  await Bun.write(path, png);
}
