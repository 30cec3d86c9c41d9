import { barChart, escapeXml, funnelChart } from './svg-chart';

describe('svg charts', () => {
  it('draws one bar per series and period, the tallest reaching the top of the plot', () => {
    const svg = barChart('Leads per month', ['2026-02', '2026-03'], [{ label: 'Leads', values: [1, 5] }, { label: 'Won', values: [1, 0] }]);
    expect(svg.match(/<rect [^>]*><title>/g)).toHaveLength(4);
    expect(svg).toContain('<title>Leads, 2026-03: 5</title>');
    expect(svg).toMatch(/<rect x="[\d.]+" y="16" width="[\d.]+" height="156" fill="#0072b2"><title>Leads, 2026-03: 5/);
    expect(svg).toContain('aria-label="Leads per month"');
  });

  it('draws no bar for a missing value, which is not a zero', () => {
    const svg = barChart('Accepted within SLA, %', ['2026-02', '2026-03'], [{ label: 'You', values: [null, 50] }, { label: 'Program median', values: [100, 0] }]);
    expect(svg.match(/<rect [^>]*><title>/g)).toHaveLength(3);
    expect(svg).not.toContain('You, 2026-02');
    expect(svg).toContain('<title>Program median, 2026-03: 0</title>');
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
