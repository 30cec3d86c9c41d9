import { rejectedRowsCsv } from './lead-csv';

describe('the rejected rows report', () => {
  it('writes what the file said as text, never as a live spreadsheet formula', () => {
    const csv = rejectedRowsCsv([
      { line: 2, email: '=HYPERLINK("http://evil.example","x")', externalId: '@SUM(A1)', errors: [{ field: 'email', problems: ['email must be a valid email address'] }] },
      { line: 3, email: '-2+3', externalId: '+1', errors: [{ field: 'company', problems: ['company should not be empty'] }] },
    ]);
    expect(csv).toBe(
      'line,email,externalId,problems\n' +
        `2,"'=HYPERLINK(""http://evil.example"",""x"")",'@SUM(A1),email: email must be a valid email address\n` +
        "3,'-2+3,'+1,company: company should not be empty\n",
    );
  });
});
