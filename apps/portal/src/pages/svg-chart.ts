// Server-rendered SVG charts for the dashboards: no script, no CDN, readable when printed. Pure.

export interface ChartSeries {
  label: string;
  /** One value per label; null draws no bar (nothing to show, which is not the same as 0). */
  values: Array<number | null>;
}

const WIDTH = 640;
const HEIGHT = 220;
const PAD = { top: 16, right: 16, bottom: 48, left: 48 };
// Colour-blind-safe (Okabe–Ito); the legend also names each series, so colour is never the only cue.
const COLOURS = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9'];

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Grouped bars, one group per label (period), one bar per series; the y axis starts at 0. */
export function barChart(title: string, labels: string[], series: ChartSeries[]): string {
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const max = Math.max(1, ...series.flatMap((s) => s.values.filter((v): v is number => v !== null)));
  const groupW = plotW / Math.max(1, labels.length);
  const barW = (groupW * 0.8) / Math.max(1, series.length);
  const y = (v: number) => PAD.top + plotH - (v / max) * plotH;
  const parts: string[] = [];
  parts.push(`<line x1="${PAD.left}" y1="${PAD.top + plotH}" x2="${WIDTH - PAD.right}" y2="${PAD.top + plotH}" stroke="#5b6575"/>`);
  parts.push(`<text x="${PAD.left - 6}" y="${PAD.top + 4}" text-anchor="end" font-size="11">${max}</text>`);
  parts.push(`<text x="${PAD.left - 6}" y="${PAD.top + plotH}" text-anchor="end" font-size="11">0</text>`);
  labels.forEach((label, i) => {
    const x0 = PAD.left + i * groupW + groupW * 0.1;
    series.forEach((s, j) => {
      const v = s.values[i] ?? null;
      if (v === null) return;
      const x = x0 + j * barW;
      parts.push(`<rect x="${fix(x)}" y="${fix(y(v))}" width="${fix(barW - 1)}" height="${fix(PAD.top + plotH - y(v))}" fill="${COLOURS[j % COLOURS.length]}"><title>${escapeXml(`${s.label}, ${label}: ${v}`)}</title></rect>`);
    });
    parts.push(`<text x="${fix(x0 + (groupW * 0.8) / 2)}" y="${PAD.top + plotH + 16}" text-anchor="middle" font-size="11">${escapeXml(label)}</text>`);
  });
  series.forEach((s, j) => {
    const x = PAD.left + j * 130;
    parts.push(`<rect x="${x}" y="${HEIGHT - 18}" width="10" height="10" fill="${COLOURS[j % COLOURS.length]}"/>`);
    parts.push(`<text x="${x + 14}" y="${HEIGHT - 9}" font-size="11">${escapeXml(s.label)}</text>`);
  });
  return svg(title, WIDTH, HEIGHT, parts);
}

/** Horizontal bars from the widest stage down, each labelled with its count and share of the first stage. */
export function funnelChart(title: string, stages: Array<{ label: string; value: number }>): string {
  const rowH = 28;
  const labelW = 110;
  const height = stages.length * rowH + 8;
  const first = stages[0]?.value ?? 0;
  const max = Math.max(1, ...stages.map((s) => s.value));
  const barMax = WIDTH - labelW - 140;
  const parts = stages.map((stage, i) => {
    const y = 4 + i * rowH;
    const w = (stage.value / max) * barMax;
    const share = first > 0 ? ` (${Math.round((stage.value / first) * 100)} %)` : '';
    return (
      `<text x="${labelW - 8}" y="${y + 17}" text-anchor="end" font-size="12">${escapeXml(stage.label)}</text>` +
      `<rect x="${labelW}" y="${y}" width="${fix(w)}" height="${rowH - 6}" fill="${COLOURS[0]}"/>` +
      `<text x="${fix(labelW + w + 6)}" y="${y + 17}" font-size="12">${stage.value}${share}</text>`
    );
  });
  return svg(title, WIDTH, height, parts);
}

function svg(title: string, width: number, height: number, parts: string[]): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="${escapeXml(title)}"><title>${escapeXml(title)}</title>${parts.join('')}</svg>`;
}

const fix = (n: number): string => (Math.round(n * 10) / 10).toString();
