import { parseLeadCsv, rejectedRowsCsv } from './lead-csv';

describe('the rejected rows report', () => {
  it('writes each row as the file had it, then its problems and line, never as a live spreadsheet formula', () => {
    const csv = rejectedRowsCsv([
      { line: 2, fields: { email: '=HYPERLINK("http://evil.example","x")', company: 'A AG', externalId: '@SUM(A1)' }, errors: [{ field: 'email', problems: ['email must be a valid email address'] }] },
      { line: 3, fields: { email: '-2+3', company: '', externalId: '+1' }, errors: [{ field: 'company', problems: ['company should not be empty'] }] },
    ]);
    expect(csv).toBe(
      'email,company,externalId,problems,line\n' +
        `"'=HYPERLINK(""http://evil.example"",""x"")",A AG,'@SUM(A1),email: email must be a valid email address,2\n` +
        "'-2+3,,'+1,company: company should not be empty,3\n",
    );
  });

  it('reads a corrected report back as leads: its problems and line columns are not lead fields', () => {
    const rows = parseLeadCsv('email,company,country,leadType,problems,line\nanna@x.example,A AG,DE,demo,email: was wrong,7\n');
    expect(rows).toEqual([{ line: 2, fields: { email: 'anna@x.example', company: 'A AG', country: 'DE', leadType: 'demo' } }]);
  });
});
