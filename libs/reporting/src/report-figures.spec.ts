import type { ReportDto } from './dto/report.dto';
import { reportFileName, reportToCsv } from './report-csv';
import { median, medianFigures, outcomeFigures, qualityFigures, wholePeriods } from './report-figures';

describe('report figures', () => {
  it.each([
    ['day', '2026-03-10', '2026-03-12', '2026-03-10', '2026-03-12'],
    // 10 March 2026 is a Tuesday, 12 March a Thursday; weeks run Monday to Sunday.
    ['week', '2026-03-10', '2026-03-12', '2026-03-09', '2026-03-15'],
    ['week', '2026-03-09', '2026-03-15', '2026-03-09', '2026-03-15'],
    ['week', '2026-12-30', '2027-01-01', '2026-12-28', '2027-01-03'],
    ['month', '2026-03-10', '2026-03-12', '2026-03-01', '2026-03-31'],
    ['month', '2026-01-31', '2026-02-01', '2026-01-01', '2026-02-28'],
    ['month', '2028-02-10', '2028-02-10', '2028-02-01', '2028-02-29'],
    ['month', '2026-12-05', '2026-12-31', '2026-12-01', '2026-12-31'],
  ] as const)('widens %s reports from %s–%s to whole periods %s–%s', (granularity, from, to, wholeFrom, wholeTo) => {
    expect(wholePeriods(from, to, granularity)).toEqual({ from: wholeFrom, to: wholeTo });
  });

  it('derives cost, ROI and revenue conversion, and leaves ratios without a denominator empty', () => {
    const sums = { leads: 4, accepted: 3, contacted: 2, qualified: 0, disqualified: 0, recycled: 0, opportunities: 0, pipelineMinor: 0, won: 0, wonMinor: 0, spendMinor: 1_000, otherCurrencies: [] };
    expect(outcomeFigures(sums)).toMatchObject({ costPerLeadMinor: 250, costPerQualifiedLeadMinor: null, roi: -1, wonPerLeadMinor: 0, wonPerSpend: 0 });
    expect(outcomeFigures({ ...sums, leads: 0, spendMinor: 0 })).toMatchObject({ costPerLeadMinor: null, roi: null, wonPerSpend: null });
  });

  it('takes the median of the values present, the mean of the middle two for an even count', () => {
    expect(median([3, null, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(median([null])).toBeNull();
  });

  it('withholds a median with fewer than the minimum of partners behind it, per figure, and says which', () => {
    const sets = [{ leads: 1, roi: 0.5 }, { leads: 2, roi: null }, { leads: 3, roi: 1 }];
    expect(medianFigures(sets, ['leads', 'roi'], 3)).toEqual({ leads: 2, roi: null, withheld: ['roi'], note: 'withheld: fewer than 3 partners behind roi' });
    expect(medianFigures(sets.slice(0, 2), ['leads', 'roi'], 3)).toEqual({ leads: null, roi: null, withheld: ['leads', 'roi'], note: 'withheld: fewer than 3 partners' });
    expect(medianFigures([...sets, { leads: 4, roi: 2 }], ['leads', 'roi'], 3)).toEqual({ leads: 2.5, roi: 1, withheld: [], note: null });
  });

  it('neutralises formulas in report CSV, and adds the median note column only when there are median rows', () => {
    const base: Omit<ReportDto<{ roi: number | null }>, 'rows'> = { from: '2026-03-01', to: '2026-03-31', granularity: 'month', groupBy: 'partner', currency: 'EUR', definitions: { roi: 'ROI' } };
    const rows = [{ period: '2026-03-01', groupId: 'p1', groupName: '=HYPERLINK("http://evil")', roi: -0.5 }];
    expect(reportToCsv({ ...base, rows })).toBe(`period,groupId,groupName,roi\r\n2026-03-01,p1,"'=HYPERLINK(""http://evil"")",-0.5\r\n`);
    const programMedian = [{ period: '2026-03-01', groupId: null, groupName: 'Program median', roi: null, withheld: ['roi'], note: 'withheld: fewer than 5 partners' }];
    expect(reportToCsv<{ roi: number | null }>({ ...base, rows: [], programMedian })).toBe('period,groupId,groupName,roi,note\r\n2026-03-01,,Program median,,withheld: fewer than 5 partners\r\n');
  });

  it('writes CSV with quoted names and empty cells for missing figures', () => {
    const csv = reportToCsv({
      from: '2026-03-01', to: '2026-03-31', granularity: 'month', groupBy: 'partner', currency: 'EUR',
      definitions: { leads: 'Leads', roi: 'ROI' },
      rows: [{ period: '2026-03-01', groupId: 'p1', groupName: 'Smith, "Jones" & Co', leads: 2, roi: null }],
    });
    expect(csv).toBe('period,groupId,groupName,leads,roi\r\n2026-03-01,p1,"Smith, ""Jones"" & Co",2,\r\n');
  });

  it('writes amounts in major units, naming the currency in the header (the JSON keeps minor units)', () => {
    const report = {
      from: '2026-03-01', to: '2026-03-31', granularity: 'month' as const, groupBy: 'none' as const, currency: 'EUR',
      definitions: { wonMinor: 'Won', costPerLeadMinor: 'Cost per lead' },
      rows: [{ period: '2026-03-01', groupId: null, groupName: null, wonMinor: 4_200_050, costPerLeadMinor: 1234.5 }],
    };
    expect(reportToCsv(report)).toBe('period,groupId,groupName,won (EUR),costPerLead (EUR)\r\n2026-03-01,,,42000.50,12.35\r\n');
    expect(reportToCsv({ ...report, currency: 'JPY' })).toContain('4200050,1235');
    expect(reportFileName('outcomes', report)).toBe('outcomes-2026-03-01-to-2026-03-31.csv');
    expect(reportFileName('sla', { ...report, groupBy: 'partner' })).toBe('sla-2026-03-01-to-2026-03-31-by-partner.csv');
  });

  it('gives each other currency its own columns, never adding it to the report currency', () => {
    const csv = reportToCsv({
      from: '2026-03-01', to: '2026-03-31', granularity: 'month', groupBy: 'none', currency: 'EUR',
      definitions: { wonMinor: 'Won', otherCurrencies: 'Other currencies' },
      rows: [
        { period: '2026-03-01', groupId: null, groupName: null, wonMinor: 100_000, otherCurrencies: [{ currency: 'USD', pipelineMinor: 0, wonMinor: 3_900_000, spendMinor: 0 }] },
        { period: '2026-04-01', groupId: null, groupName: null, wonMinor: 0, otherCurrencies: [] },
      ],
    });
    expect(csv).toBe(
      'period,groupId,groupName,won (EUR),pipeline (USD),won (USD),spend (USD)\r\n' +
      '2026-03-01,,,1000.00,0.00,39000.00,0.00\r\n2026-04-01,,,0.00,0.00,0.00,0.00\r\n',
    );
  });

  it('states lead quality: shares of the leads qualified, disqualified and recycled, each per reason', () => {
    const outcome = { leads: 10, accepted: 8, contacted: 6, qualified: 3, disqualified: 2, recycled: 3, opportunities: 1, pipelineMinor: 50_000, won: 1, wonMinor: 40_000, spendMinor: 20_000, otherCurrencies: [] };
    const figures = qualityFigures({
      outcome,
      reasons: [{ outcome: 'disqualified', code: 'no_budget', leads: 2 }, { outcome: 'recycled', code: 'early_research', leads: 2 }, { outcome: 'recycled', code: 'other', leads: 1 }],
    });
    expect(figures).toMatchObject({
      qualifiedShare: 0.3, disqualifiedShare: 0.2, recycledShare: 0.3, costPerQualifiedLeadMinor: 6667, wonPerLeadMinor: 4000, wonPerSpend: 2,
      disqualifiedByReason: [{ code: 'no_budget', leads: 2, share: 0.2 }],
      recycledByReason: [{ code: 'early_research', leads: 2, share: 0.2 }, { code: 'other', leads: 1, share: 0.1 }],
    });
    const csv = reportToCsv({
      from: '2026-03-01', to: '2026-03-31', granularity: 'month', groupBy: 'none', currency: 'EUR',
      definitions: { recycledShare: 'Share', recycledByReason: 'By reason' },
      rows: [{ period: '2026-03-01', groupId: null, groupName: null, recycledShare: figures.recycledShare, recycledByReason: figures.recycledByReason }],
    });
    expect(csv).toBe('period,groupId,groupName,recycledShare,recycled: early research,recycled: early research (share),recycled: other,recycled: other (share)\r\n' +
      '2026-03-01,,,0.3,2,0.2,1,0.1\r\n');
  });
});
