import fc from 'fast-check';
import { afterFailure } from './retry';

const settings = { baseSeconds: 30, maxSeconds: 3600, giveUpHours: 24 };
const createdAt = new Date('2026-03-02T09:00:00Z');
const later = (seconds: number) => new Date(createdAt.getTime() + seconds * 1000);

describe('afterFailure', () => {
  it('doubles the wait from the base, capped at the maximum', () => {
    const waits = [1, 2, 3, 4, 8, 20].map((attempts) => {
      const next = afterFailure({ attempts, createdAt }, createdAt, settings);
      return next.kind === 'retry' ? (next.at.getTime() - createdAt.getTime()) / 1000 : null;
    });
    expect(waits).toEqual([30, 60, 120, 240, 3600, 3600]);
  });

  it('gives up only once the event has waited the whole window', () => {
    expect(afterFailure({ attempts: 40, createdAt }, later(24 * 3600 - 1), settings).kind).toBe('retry');
    expect(afterFailure({ attempts: 40, createdAt }, later(24 * 3600), settings)).toEqual({ kind: 'give_up' });
  });

  it('never waits past the maximum, so a delivery is tried at least hourly until it is given up', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 0, max: 24 * 3600 - 1 }), (attempts, age) => {
        const next = afterFailure({ attempts, createdAt }, later(age), settings);
        return next.kind === 'retry' && next.at.getTime() - later(age).getTime() <= settings.maxSeconds * 1000;
      }),
    );
  });
});
