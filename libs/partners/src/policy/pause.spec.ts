import { checkPause, PauseWindow } from './pause';

const NOW = new Date('2026-03-02T09:00:00Z');
const at = (iso: string) => new Date(iso);

describe('checkPause', () => {
  it('takes a pause in the future as asked', () => {
    expect(checkPause({ from: at('2026-03-10T00:00:00Z'), until: at('2026-03-17T00:00:00Z') }, [], NOW, 60)).toEqual({
      startsAt: at('2026-03-10T00:00:00Z'),
      endsAt: at('2026-03-17T00:00:00Z'),
    });
  });

  it('starts a pause whose from has passed now', () => {
    expect(checkPause({ from: at('2026-03-02T08:59:58Z'), until: at('2026-03-03T00:00:00Z') }, [], NOW, 60)).toEqual({
      startsAt: NOW,
      endsAt: at('2026-03-03T00:00:00Z'),
    });
  });

  it('refuses an until before from, in the past, or more than the maximum after the start', () => {
    expect(checkPause({ from: at('2026-03-10T00:00:00Z'), until: at('2026-03-09T00:00:00Z') }, [], NOW, 60)).toEqual([
      { field: 'until', problems: ['until must be after from'] },
    ]);
    expect(checkPause({ from: at('2026-03-01T00:00:00Z'), until: at('2026-03-01T12:00:00Z') }, [], NOW, 60)).toEqual([
      { field: 'until', problems: ['until must be in the future (it is now 2 March 2026, 09:00 UTC)'] },
    ]);
    expect(checkPause({ from: at('2026-03-10T00:00:00Z'), until: at('2026-05-09T00:00:01Z') }, [], NOW, 60)).toEqual([
      { field: 'until', problems: ['a pause may last at most 60 days'] },
    ]);
    expect(checkPause({ from: at('2026-03-10T00:00:00Z'), until: at('2026-05-09T00:00:00Z') }, [], NOW, 60)).not.toBeInstanceOf(Array);
  });

  it('refuses a pause that overlaps another, naming it on both fields; touching ends do not overlap', () => {
    const other: PauseWindow = { startsAt: at('2026-03-10T00:00:00Z'), endsAt: at('2026-03-17T00:00:00Z') };
    const problem = ['overlaps the pause from 10 March 2026, 00:00 UTC until 17 March 2026, 00:00 UTC'];
    expect(checkPause({ from: at('2026-03-16T00:00:00Z'), until: at('2026-03-20T00:00:00Z') }, [other], NOW, 60)).toEqual([
      { field: 'from', problems: problem },
      { field: 'until', problems: problem },
    ]);
    expect(checkPause({ from: at('2026-03-17T00:00:00Z'), until: at('2026-03-20T00:00:00Z') }, [other], NOW, 60)).toEqual({
      startsAt: at('2026-03-17T00:00:00Z'),
      endsAt: at('2026-03-20T00:00:00Z'),
    });
  });
});
