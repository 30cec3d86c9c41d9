import { ConfigurationError, validateEnvironment } from './environment';

describe('validateEnvironment', () => {
  it('applies defaults when nothing is set', () => {
    const env = validateEnvironment({});
    expect(env.PORT).toBe(3000);
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.DUPLICATE_WINDOW_DAYS).toBe(30);
  });

  it('names the variable that is wrong', () => {
    expect(() => validateEnvironment({ PORT: 'eighty' })).toThrow(/PORT="eighty"/);
    expect(() => validateEnvironment({ DATABASE_URL: 'mysql://x' })).toThrow(ConfigurationError);
    expect(() => validateEnvironment({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
  });

  it('parses numbers and booleans from strings', () => {
    const env = validateEnvironment({ PORT: '8080', DEMO_SEED: 'false' });
    expect(env.PORT).toBe(8080);
    expect(env.DEMO_SEED).toBe(false);
  });
});
