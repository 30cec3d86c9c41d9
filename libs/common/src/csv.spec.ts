import { csvCell, toCsv } from './csv';

describe('csvCell', () => {
  it.each(['=1+2', '+1', '-1+2', '@SUM(A1)', '\t=1', '\r=1', '=HYPERLINK("http://x","y")'])('writes %j as text, not a formula', (value) => {
    const cell = csvCell(value);
    // Unquoted, or quoted: either way the cell's text starts with the apostrophe.
    expect(cell.replace(/^"/, '').startsWith(`'${value[0]}`)).toBe(true);
  });

  it('keeps numbers as numbers, negative ones too', () => {
    expect(csvCell(-0.25)).toBe('-0.25');
    expect(csvCell(BigInt(-5))).toBe('-5');
    expect(csvCell(0)).toBe('0');
  });

  it('quotes separators, quotes and line breaks, and leaves plain text alone', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('=a,b')).toBe(`"'=a,b"`);
    expect(csvCell('Acme GmbH')).toBe('Acme GmbH');
    expect(csvCell(null)).toBe('');
  });

  it('writes rows with the given line end', () => {
    expect(toCsv([['a', 'b'], [1, '=x']])).toBe("a,b\r\n1,'=x\r\n");
    expect(toCsv([['a']], '\n')).toBe('a\n');
  });
});
