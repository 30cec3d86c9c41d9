import { checkAction } from './lead-actions';

describe('checkAction', () => {
  it.each([
    ['offered', { kind: 'accept' }, 'accepted'],
    ['offered', { kind: 'decline' }, 'declined'],
    ['accepted', { kind: 'decline' }, 'declined'],
    ['accepted', { kind: 'activity', type: 'call' }, 'contacted'],
    ['accepted', { kind: 'activity', type: 'note' }, 'accepted'],
    ['qualified', { kind: 'activity', type: 'meeting' }, 'qualified'],
    ['contacted', { kind: 'feedback', verdict: 'qualified' }, 'qualified'],
    ['qualified', { kind: 'feedback', verdict: 'opportunity' }, 'opportunity'],
    ['opportunity', { kind: 'feedback', verdict: 'won' }, 'won'],
    ['opportunity', { kind: 'feedback', verdict: 'lost' }, 'lost'],
    ['accepted', { kind: 'feedback', verdict: 'disqualified' }, 'disqualified'],
  ] as const)('from %s, %j leads to %s', (status, action, next) => {
    expect(checkAction(status, action)).toEqual({ allowed: true, next });
  });

  it.each([
    ['accepted', { kind: 'accept' }],
    ['won', { kind: 'activity', type: 'call' }],
    ['offered', { kind: 'activity', type: 'call' }],
    ['contacted', { kind: 'decline' }],
    ['lost', { kind: 'feedback', verdict: 'won' }],
    ['new', { kind: 'accept' }],
  ] as const)('refuses %s → %j with a message naming the status', (status, action) => {
    const result = checkAction(status, action);
    expect(result.allowed).toBe(false);
    if (!result.allowed) expect(result.message).toContain(`This lead is ${status}`);
  });

  it('tells a partner to log contact before qualifying', () => {
    const result = checkAction('accepted', { kind: 'feedback', verdict: 'qualified' });
    expect(result.allowed).toBe(false);
    if (!result.allowed) expect(result.message).toMatch(/first contact/);
  });
});
