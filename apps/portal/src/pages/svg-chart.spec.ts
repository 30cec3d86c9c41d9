import fc from 'fast-check';
import { axisTicks, barChart, escapeXml, funnelChart } from './svg-chart';

describe('svg charts', () => {
  it('draws one bar per series and period against round axis ticks', () => {
    const svg = barChart('Leads per month', ['2026-02', '2026-03'], [{ label: 'Leads', values: [1, 8] }, { label: 'Won', values: [1, 0] }]);
    expect(svg.match(/<rect [^>]*><title>/g)).toHaveLength(4);
    expect(svg).toContain('<title>Leads, 2026-03: 8</title>');
    // Ticks 0, 2, 4, 6, 8: the tallest bar reaches the top tick.
    expect([...svg.matchAll(/text-anchor="end" font-size="15">([\d,]+)</g)].map((m) => m[1])).toEqual(['0', '2', '4', '6', '8']);
    expect(svg).toMatch(/<rect x="[\d.]+" y="12" width="[\d.]+" height="178" fill="#0072b2"><title>Leads, 2026-03: 8/);
    expect(svg).toContain('aria-label="Leads per month"');
  });

  it('writes every text at 15 units, so it stays at least 12 px on a phone', () => {
    const svg = barChart('x', ['a'], [{ label: 'Leads', values: [3] }]) + funnelChart('f', [{ label: 'Leads', value: 3 }]);
    const sizes = [...svg.matchAll(/font-size="(\d+)"/g)].map((m) => Number(m[1]));
    expect(sizes.length).toBeGreaterThan(4);
    expect(sizes.every((size) => size === 15)).toBe(true);
  });

  it('has four or five round ticks covering the largest value, starting at 0', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), (max) => {
        const ticks = axisTicks(max);
        const step = ticks[1] - ticks[0];
        return ticks[0] === 0 && ticks.at(-1)! >= max && ticks.length >= 2 && ticks.length <= 6 && /^[125]0*$/.test(String(step));
      }),
    );
  });

  it('thins the axis labels of a long weekly run so none overlaps the next', () => {
    const labels = Array.from({ length: 26 }, (_, i) => `${i + 1} Mar`);
    const svg = barChart('Weekly', labels, [{ label: 'Leads', values: labels.map(() => 1) }]);
    const xs = [...svg.matchAll(/<text x="([\d.]+)" y="[\d.]+" text-anchor="middle" font-size="15">[^<]+<\/text>/g)].map((m) => Number(m[1]));
    expect(xs.length).toBeGreaterThan(3);
    expect(xs.length).toBeLessThan(26);
    const gaps = xs.slice(1).map((x, i) => x - xs[i]);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(6 * 15 * 0.6);
  });

  it('marks the period still running: pale dashed bars, a starred label and a legend line', () => {
    const svg = barChart('Leads', ['Feb 2026', 'Mar 2026'], [{ label: 'Leads', values: [5, 2] }], { incomplete: [false, true] });
    expect(svg).toContain('<title>Leads, Mar 2026 (still running): 2</title>');
    expect(svg).toMatch(/fill-opacity="0.35" stroke="#0072b2" stroke-dasharray="3 2"><title>Leads, Mar 2026/);
    expect(svg).toContain('>Mar 2026*</text>');
    expect(svg).toContain('still running: pale, dashed bars are not final');
    expect(barChart('Leads', ['Feb 2026'], [{ label: 'Leads', values: [5] }])).not.toContain('still running');
  });

  it('draws no bar for a missing value, which is not a zero', () => {
    const svg = barChart('Accepted within SLA, %', ['2026-02', '2026-03'], [{ label: 'You', values: [null, 50] }, { label: 'Program median', values: [100, 0] }], { unit: '%' });
    expect(svg.match(/<rect [^>]*><title>/g)).toHaveLength(3);
    expect(svg).not.toContain('You, 2026-02');
    expect(svg).toContain('<title>Program median, 2026-03: 0%</title>');
    expect(svg).toContain('>100%</text>');
  });

  it('labels each funnel stage with its count and its share of the first stage', () => {
    const svg = funnelChart('Funnel', [{ label: 'Leads', value: 4 }, { label: 'Won', value: 1 }]);
    expect(svg).toContain('>4 (100 %)</text>');
    expect(svg).toContain('>1 (25 %)</text>');
  });

  it('escapes text so a campaign or period name cannot inject markup', () => {
    expect(escapeXml(`<b>"A&B"</b>`)).toBe('&lt;b&gt;&quot;A&amp;B&quot;&lt;/b&gt;');
    expect(funnelChart('<x>', [{ label: '<script>', value: 0 }])).not.toContain('<script>');
  });
});
