import { validateLeadInput } from './lead-input';

const valid = { email: 'jane@example.com', company: 'Example GmbH', country: 'DE', leadType: 'demo-request' };

function problemsOf(raw: unknown): Record<string, string[]> {
  const result = validateLeadInput(raw);
  if (!('errors' in result)) throw new Error('expected the input to be rejected');
  return Object.fromEntries(result.errors.map((e) => [e.field, e.problems]));
}

describe('validateLeadInput', () => {
  it('accepts a minimal lead and upper-cases a lower-case country', () => {
    const result = validateLeadInput({ ...valid, country: 'at' });
    expect(result).toEqual({ value: expect.objectContaining({ email: 'jane@example.com', country: 'AT' }) });
  });

  it('reads CSV-style text: a numeric score becomes a number and blank optional fields are dropped', () => {
    const result = validateLeadInput({ ...valid, score: ' 42 ', phone: '', campaign: '  ' });
    if (!('value' in result)) throw new Error(JSON.stringify(result.errors));
    expect(result.value.score).toBe(42);
    expect(result.value.phone).toBeUndefined();
    expect(result.value.campaign).toBeUndefined();
  });

  it('names each wrong field', () => {
    const problems = problemsOf({ email: 'not-an-email', company: '', country: 'XX', leadType: 'demo-request', score: 101, colour: 'red' });
    expect(Object.keys(problems).sort()).toEqual(['colour', 'company', 'country', 'email', 'score']);
    expect(problems.score.join(' ')).toMatch(/100/);
  });

  it('requires email, company, country and lead type', () => {
    expect(Object.keys(problemsOf({})).sort()).toEqual(['company', 'country', 'email', 'leadType']);
  });

  it('rejects a score that is text or a fraction', () => {
    expect(problemsOf({ ...valid, score: 'high' })).toHaveProperty('score');
    expect(problemsOf({ ...valid, score: 4.5 })).toHaveProperty('score');
  });

  it('rejects text holding a NUL character, which PostgreSQL cannot store', () => {
    expect(problemsOf({ ...valid, company: 'Example\u0000 GmbH' })).toEqual({ company: ['company must not contain NUL characters'] });
  });

  it('rejects something that is not an object', () => {
    expect(problemsOf('jane@example.com')).toEqual({ lead: ['a lead must be a JSON object'] });
    expect(problemsOf(null)).toHaveProperty('lead');
    expect(problemsOf([valid])).toHaveProperty('lead');
  });
});
