import type { OutcomeFigures, QualityFigures } from '@leadgate/reporting';
import { outcomeFigures, qualityFigures } from '@leadgate/reporting';
import { chartLabel, otherCurrencies, periodLabel, totalOutcomes, totalQuality } from './dashboard-view';

describe('dashboard period labels', () => {
  const now = new Date('2026-03-18T10:00:00Z');

  it('marks the period still running, so a part-month never reads as a collapse', () => {
    expect(periodLabel('2026-02-01', 'month', now)).toBe('2026-02');
    expect(periodLabel('2026-03-01', 'month', now)).toBe('2026-03 (so far)');
    expect(periodLabel('2026-03-16', 'week', now)).toBe('2026-03-16 (so far)');
    expect(periodLabel('2026-03-09', 'week', now)).toBe('2026-03-09');
    expect(periodLabel('2026-03-17', 'day', now)).toBe('2026-03-17');
    expect(periodLabel('2026-03-18', 'day', now)).toBe('2026-03-18 (so far)');
  });

  it('gives charts short axis labels', () => {
    expect(chartLabel('2026-03-01', 'month')).toBe('Mar 2026');
    expect(chartLabel('2026-03-02', 'week')).toBe('2 Mar');
  });
});

describe('dashboard totals', () => {
  const outcome = (over: Partial<OutcomeFigures>): OutcomeFigures =>
    outcomeFigures({ leads: 0, accepted: 0, contacted: 0, qualified: 0, disqualified: 0, recycled: 0, opportunities: 0, pipelineMinor: 0, won: 0, wonMinor: 0, spendMinor: 0, otherCurrencies: [], ...over });

  it('adds amounts per currency over periods, never one currency to another', () => {
    const total = totalOutcomes([
      outcome({ leads: 2, wonMinor: 1_000, otherCurrencies: [{ currency: 'USD', pipelineMinor: 0, wonMinor: 500, spendMinor: 0 }] }),
      outcome({ leads: 1, wonMinor: 2_000, otherCurrencies: [{ currency: 'USD', pipelineMinor: 0, wonMinor: 700, spendMinor: 0 }, { currency: 'CHF', pipelineMinor: 100, wonMinor: 0, spendMinor: 0 }] }),
    ]);
    expect(total).toMatchObject({ leads: 3, wonMinor: 3_000, wonPerLeadMinor: 1_000 });
    expect(total.otherCurrencies).toEqual([{ currency: 'CHF', pipelineMinor: 100, wonMinor: 0, spendMinor: 0 }, { currency: 'USD', pipelineMinor: 0, wonMinor: 1_200, spendMinor: 0 }]);
    expect(otherCurrencies(total.otherCurrencies)?.replace(/\s/g, ' ')).toBe('pipeline CHF 1.00, won US$12.00'); // Intl puts a no-break space after CHF
    expect(otherCurrencies([])).toBeNull();
  });

  it('adds reasons over periods and re-derives the shares from the summed counts', () => {
    const quality = (leads: number, recycled: Array<[string, number]>): QualityFigures =>
      qualityFigures({
        outcome: { leads, accepted: 0, contacted: 0, qualified: 0, disqualified: 0, recycled: recycled.reduce((a, [, n]) => a + n, 0), opportunities: 0, pipelineMinor: 0, won: 0, wonMinor: 0, spendMinor: 0, otherCurrencies: [] },
        reasons: recycled.map(([code, n]) => ({ outcome: 'recycled' as const, code, leads: n })),
      });
    const total = totalQuality([quality(4, [['early_research', 1]]), quality(6, [['early_research', 2], ['other', 3]])]);
    expect(total).toMatchObject({ leads: 10, recycled: 6, recycledShare: 0.6 });
    expect(total.recycledByReason).toEqual([{ code: 'early_research', leads: 3, share: 0.3 }, { code: 'other', leads: 3, share: 0.3 }]);
  });
});
