import { plainPauseProblem, pauseRequestOf } from './pause-form';

const now = new Date('2026-03-02T09:00:00Z');

describe('pause form', () => {
  it('reads the dates in the partner’s zone and sends them as instants', () => {
    expect(pauseRequestOf({ from: '2026-03-10T09:00', until: '2026-03-13T18:00', reason: ' Trade fair ' }, 'Europe/Berlin', now)).toEqual({
      from: '2026-03-10T08:00:00.000Z', until: '2026-03-13T17:00:00.000Z', reason: 'Trade fair',
    });
  });

  it('begins now when the start is left empty', () => {
    expect(pauseRequestOf({ until: '2026-03-03T10:00', reason: 'Ill' }, 'UTC', now)).toMatchObject({ from: '2026-03-02T09:00:00.000Z' });
  });

  it('names each field’s problem in plain words, an end before the start among them', () => {
    expect(pauseRequestOf({ from: '2026-03-10T09:00', until: '2026-03-09T09:00' }, 'UTC', now)).toEqual([
      { field: 'until', problems: ['The end must come after the start.'] },
      { field: 'reason', problems: ['Say why you pause, such as "Trade fair week".'] },
    ]);
    expect(pauseRequestOf({ from: 'next week', reason: 'x' }, 'UTC', now)).toEqual([
      { field: 'from', problems: ['Enter the day and time the pause begins, or leave it empty to begin now.'] },
      { field: 'until', problems: ['Enter the day and time the pause ends.'] },
    ]);
  });

  it('turns the service’s words into the form’s', () => {
    expect(plainPauseProblem('until must be after from')).toBe('The end must be after the start.');
    expect(plainPauseProblem('a pause may last at most 60 days')).toBe('A pause may last at most 60 days.');
    expect(plainPauseProblem('until must be in the future (it is now 2 March 2026, 09:00 UTC)')).toBe('The end must be in the future (it is now 2 March 2026, 09:00 UTC)');
  });
});
