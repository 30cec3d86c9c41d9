import { DatabaseError } from 'pg';
import { QueryFailedError, TypeORMError } from 'typeorm';
import { isDatabaseUnavailable } from './http-exception.filter';

const failed = (code: string) => new QueryFailedError('SELECT 1', [], Object.assign(new DatabaseError('failed', 0, 'error'), { code }));

describe('isDatabaseUnavailable', () => {
  it('names deadlocks, serialization failures, timeouts and unreachable servers: the client may try again', () => {
    for (const code of ['40P01', '40001', '55P03', '57014', '57P01', '57P03', '53300', '08006']) expect(isDatabaseUnavailable(failed(code))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated due to connection timeout'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Query read timeout'))).toBe(true);
    // A pool that has not connected yet (the reports' replica down since start).
    expect(isDatabaseUnavailable(new TypeORMError('Driver not Connected'))).toBe(true);
  });

  it('leaves bad input and bugs alone', () => {
    for (const code of ['22P02', '23505', '23503', '42703']) expect(isDatabaseUnavailable(failed(code))).toBe(false);
    expect(isDatabaseUnavailable(new TypeError('x is undefined'))).toBe(false);
  });
});
