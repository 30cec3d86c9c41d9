// Server-rendered SVG charts for the dashboards: no script, no CDN, readable when printed. Pure.
// Drawn 400 units wide with 15-unit text: shown at most 400 px wide (portal.css), so text stays ≥ 12 px
// down to a 390 px phone, where the chart shrinks to about 340 px.

export interface ChartSeries {
  label: string;
  /** One value per label; null draws no bar (nothing to show, which is not the same as 0). */
  values: Array<number | null>;
}

export interface BarChartOptions {
  /** Per label: the period is still running, so its bars are drawn pale and dashed, and the legend says why. */
  incomplete?: boolean[];
  /** Appended to the axis ticks and tooltips, e.g. '%'. */
  unit?: string;
}

const WIDTH = 400;
const HEIGHT = 260;
const FONT = 15;
/** A rough width of one character at FONT, enough to keep axis labels from running into each other. */
const CHAR_W = FONT * 0.6;
const PAD = { top: 12, right: 8, bottom: 70, left: 52 };
// Colour-blind-safe (Okabe–Ito); the legend also names each series, so colour is never the only cue.
const COLOURS = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9'];

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Round tick values from 0 to at least `max`: steps of 1, 2 or 5 × a power of ten (never below 1), four or five of them. */
export function axisTicks(max: number): number[] {
  const raw = Math.max(1, max) / 4;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = Math.max(1, [1, 2, 5, 10].map((n) => n * power).find((candidate) => candidate >= raw)!);
  const top = Math.max(step, Math.ceil(max / step) * step);
  return Array.from({ length: Math.round(top / step) + 1 }, (_, i) => i * step);
}

/** Grouped bars, one group per label (period), one bar per series; the y axis starts at 0 and has round ticks. */
export function barChart(title: string, labels: string[], series: ChartSeries[], options: BarChartOptions = {}): string {
  const unit = options.unit ?? '';
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const ticks = axisTicks(Math.max(0, ...series.flatMap((s) => s.values.filter((v): v is number => v !== null))));
  const top = ticks[ticks.length - 1];
  const groupW = plotW / Math.max(1, labels.length);
  const barW = (groupW * 0.8) / Math.max(1, series.length);
  const y = (v: number) => PAD.top + plotH - (v / top) * plotH;
  const parts: string[] = [];
  for (const tick of ticks) {
    parts.push(`<line x1="${PAD.left}" y1="${fix(y(tick))}" x2="${WIDTH - PAD.right}" y2="${fix(y(tick))}" stroke="${tick === 0 ? '#5b6575' : '#d5dae1'}"/>`);
    parts.push(`<text x="${PAD.left - 6}" y="${fix(y(tick) + FONT / 3)}" text-anchor="end" font-size="${FONT}">${tick.toLocaleString('en-GB')}${escapeXml(unit)}</text>`);
  }
  // Every label gets its bars; only every n-th is written under the axis, so long weekly runs never overlap.
  const longest = Math.max(1, ...labels.map((label) => label.length));
  const every = Math.max(1, Math.ceil((longest * CHAR_W + 8) / groupW));
  labels.forEach((label, i) => {
    const x0 = PAD.left + i * groupW + groupW * 0.1;
    const running = options.incomplete?.[i] === true;
    series.forEach((s, j) => {
      const v = s.values[i] ?? null;
      if (v === null) return;
      const colour = COLOURS[j % COLOURS.length];
      const style = running ? ` fill-opacity="0.35" stroke="${colour}" stroke-dasharray="3 2"` : '';
      const tip = `${s.label}, ${label}${running ? ' (still running)' : ''}: ${v}${unit}`;
      parts.push(`<rect x="${fix(x0 + j * barW)}" y="${fix(y(v))}" width="${fix(barW - 1)}" height="${fix(PAD.top + plotH - y(v))}" fill="${colour}"${style}><title>${escapeXml(tip)}</title></rect>`);
    });
    if (i % every === 0) {
      const text = `${label}${running ? '*' : ''}`;
      parts.push(`<text x="${fix(x0 + (groupW * 0.8) / 2)}" y="${PAD.top + plotH + FONT + 4}" text-anchor="middle" font-size="${FONT}">${escapeXml(text)}</text>`);
    }
  });
  const legendY = HEIGHT - 28;
  let x = 4;
  series.forEach((s, j) => {
    parts.push(`<rect x="${x}" y="${legendY - 11}" width="12" height="12" fill="${COLOURS[j % COLOURS.length]}"/>`);
    parts.push(`<text x="${x + 16}" y="${legendY}" font-size="${FONT}">${escapeXml(s.label)}</text>`);
    x += 16 + s.label.length * CHAR_W + 14;
  });
  if (options.incomplete?.some(Boolean)) {
    parts.push(`<text x="4" y="${HEIGHT - 6}" font-size="${FONT}">* still running: pale, dashed bars are not final</text>`);
  }
  return svg(title, WIDTH, HEIGHT, parts);
}

/** Horizontal bars from the widest stage down, each labelled with its count and share of the first stage. */
export function funnelChart(title: string, stages: Array<{ label: string; value: number }>): string {
  const rowH = 30;
  const labelW = 100;
  const height = stages.length * rowH + 8;
  const first = stages[0]?.value ?? 0;
  const max = Math.max(1, ...stages.map((s) => s.value));
  const barMax = WIDTH - labelW - 120;
  const parts = stages.map((stage, i) => {
    const y = 4 + i * rowH;
    const w = (stage.value / max) * barMax;
    const share = first > 0 ? ` (${Math.round((stage.value / first) * 100)} %)` : '';
    return (
      `<text x="${labelW - 8}" y="${y + 18}" text-anchor="end" font-size="${FONT}">${escapeXml(stage.label)}</text>` +
      `<rect x="${labelW}" y="${y}" width="${fix(w)}" height="${rowH - 6}" fill="${COLOURS[0]}"/>` +
      `<text x="${fix(labelW + w + 6)}" y="${y + 18}" font-size="${FONT}">${stage.value.toLocaleString('en-GB')}${share}</text>`
    );
  });
  return svg(title, WIDTH, height, parts);
}

function svg(title: string, width: number, height: number, parts: string[]): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="${escapeXml(title)}"><title>${escapeXml(title)}</title>${parts.join('')}</svg>`;
}

const fix = (n: number): string => (Math.round(n * 10) / 10).toString();
