import fc from 'fast-check';
import { CLOSED_STATUSES, LEAD_STATUSES, LeadStatus, OPEN_ASSIGNMENT_STATUSES, OPEN_PARTNER_STATUSES } from './statuses';
import { ALLOCATABLE_STATUSES, assignmentAfter, checkAction, leadAfter, LIFECYCLE_EVENTS, LifecycleEvent, MANUALLY_ASSIGNABLE_STATUSES, nextStatus, REASSIGNABLE_STATUSES, TRANSITIONS } from './transitions';

// The expected lead status after each event (columns) from each status (rows); '-' is refused.
// Columns: offer assign park recall reassign register accept decline contact note qualified disqualified recycled opportunity won lost
const COLUMNS: LifecycleEvent[] = ['offer', 'assign', 'park', 'recall', 'reassign', 'register', 'accept', 'decline', 'contact', 'note', 'qualified', 'disqualified', 'recycled', 'opportunity', 'won', 'lost'];
const EXPECTED: Record<LeadStatus, string> = {
  new: '         offered offered unallocated - - accepted - - - - - - - - - -',
  offered: '     - - - recalled recalled - accepted declined - - - - - - - -',
  accepted: '    - - - - recalled - - declined contacted accepted - disqualified recycled - - -',
  contacted: '   - - - - - - - - contacted contacted qualified disqualified recycled opportunity won lost',
  qualified: '   - - - - - - - - qualified qualified - disqualified recycled opportunity won lost',
  opportunity: ' - - - - - - - - opportunity opportunity - - - - won lost',
  won: '         - - - - - - - - - - - - - - - -',
  lost: '        - - - - - - - - - - - - - - - -',
  declined: '    offered offered unallocated - - - - - - - - - - - - -',
  recalled: '    offered offered unallocated - - - - - - - - - - - - -',
  disqualified: '- - - - - - - - - - - - - - - -',
  recycled: '    - - - - - - - - - - - - - - - -',
  unallocated: ' offered offered unallocated - - - - - - - - - - - - -',
};

describe('the transition table', () => {
  it('lists every event once', () => {
    expect([...LIFECYCLE_EVENTS].sort()).toEqual([...COLUMNS].sort());
  });

  const pairs = LEAD_STATUSES.flatMap((status) => {
    const cells = EXPECTED[status].trim().split(/\s+/);
    return COLUMNS.map((event, i) => [status, event, cells[i] === '-' ? null : cells[i]] as const);
  });
  it.each(pairs)('from %s, %s leads to %s', (status, event, expected) => {
    expect(nextStatus(status, event)).toBe(expected);
  });

  it('derives the allocation queues from the table', () => {
    expect(ALLOCATABLE_STATUSES).toEqual(['new', 'declined', 'recalled', 'unallocated']);
    expect(REASSIGNABLE_STATUSES).toEqual(['offered', 'accepted']);
    expect(MANUALLY_ASSIGNABLE_STATUSES).toEqual(['new', 'declined', 'recalled', 'unallocated', 'offered', 'accepted']);
  });

  it('pairs each event with its assignment change and capacity effect', () => {
    const summary = Object.fromEntries(
      LIFECYCLE_EVENTS.map((event) => {
        const { assignment, capacity } = TRANSITIONS[event];
        return [event, `${assignment ? `${assignment.from?.join('|') ?? 'new'}→${assignment.to}` : '-'} ${capacity ?? '-'}`];
      }),
    );
    expect(summary).toEqual({
      offer: 'new→offered claim',
      assign: 'new→offered claim',
      park: '- -',
      recall: 'offered→recalled release',
      reassign: 'offered|accepted→reassigned release',
      register: 'new→accepted claim',
      accept: 'offered→accepted -',
      decline: 'offered|accepted→declined release',
      contact: '- -',
      note: '- -',
      qualified: '- -',
      disqualified: 'accepted→closed release',
      recycled: 'accepted→closed release',
      opportunity: '- -',
      won: 'accepted→closed release',
      lost: 'accepted→closed release',
    });
  });

  it('refuses to name the outcome of a transition the table does not have', () => {
    expect(leadAfter('recall', 'offered')).toBe('recalled');
    expect(() => leadAfter('recall', 'accepted')).toThrow('no recall from accepted');
    expect(assignmentAfter('won')).toBe('closed');
    expect(() => assignmentAfter('contact')).toThrow('contact does not move an assignment');
  });

  const status = fc.constantFrom(...LEAD_STATUSES);
  const event = fc.constantFrom(...LIFECYCLE_EVENTS);

  it('never lets an event leave a closed lead', () => {
    fc.assert(fc.property(fc.constantFrom(...CLOSED_STATUSES), event, (closed, e) => nextStatus(closed, e) === null));
  });

  it('releases capacity exactly when an open assignment ends, and claims it exactly when one opens', () => {
    fc.assert(
      fc.property(event, (e) => {
        const { assignment, capacity } = TRANSITIONS[e];
        const opens = !!assignment && assignment.from === null && OPEN_ASSIGNMENT_STATUSES.includes(assignment.to);
        const ends = !!assignment?.from && assignment.from.every((s) => OPEN_ASSIGNMENT_STATUSES.includes(s)) && !OPEN_ASSIGNMENT_STATUSES.includes(assignment.to);
        return (capacity === 'claim') === opens && (capacity === 'release') === ends;
      }),
    );
  });

  it('keeps the lead held by a partner exactly while an assignment is open', () => {
    // Walk random event sequences from a new lead; track whether an open assignment exists.
    fc.assert(
      fc.property(fc.array(event, { maxLength: 30 }), (events) => {
        let lead: LeadStatus = LeadStatus.New;
        let open = false;
        const step = (e: LifecycleEvent): boolean => {
          const next = nextStatus(lead, e);
          if (!next) return true;
          const { capacity } = TRANSITIONS[e];
          if (capacity === 'claim' && open) return false;
          if (capacity === 'release' && !open) return false;
          if (capacity) open = capacity === 'claim';
          lead = next;
          return true;
        };
        for (const e of events) {
          // A manual offer of an offered lead reassigns it first; a reassignment is always followed by that offer.
          if (!step(e)) return false;
          if (OPEN_PARTNER_STATUSES.includes(lead) !== open) return false;
        }
        return true;
      }),
    );
  });

  it('always moves a lead somewhere it can go on from, unless it is closed', () => {
    fc.assert(
      fc.property(status, (s) => CLOSED_STATUSES.includes(s) || LIFECYCLE_EVENTS.some((e) => nextStatus(s, e) !== null)),
    );
  });
});

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
    ['qualified', { kind: 'feedback', verdict: 'recycled' }, 'recycled'],
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
    ['recycled', { kind: 'activity', type: 'call' }],
    ['opportunity', { kind: 'feedback', verdict: 'recycled' }],
  ] as const)('refuses %s → %j with a message naming the status', (status, action) => {
    const result = checkAction(status, action);
    expect(result.allowed).toBe(false);
    if (!result.allowed) expect(result.message).toContain(`This lead is ${status}`);
  });

  it('keeps the exact refusal messages', () => {
    expect(checkAction('offered', { kind: 'activity', type: 'call' })).toEqual({
      allowed: false,
      message: 'This lead is offered, so you cannot log an activity now; that is possible when it is accepted, contacted, qualified, opportunity.',
    });
    expect(checkAction('contacted', { kind: 'decline' })).toEqual({
      allowed: false,
      message: 'This lead is contacted, so you cannot decline now; that is possible when it is offered, accepted.',
    });
    expect(checkAction('won', { kind: 'feedback', verdict: 'lost' })).toEqual({
      allowed: false,
      message: 'This lead is won, so you cannot mark it lost now; that is possible when it is contacted, qualified, opportunity.',
    });
  });

  it('tells a partner to log contact before qualifying', () => {
    const result = checkAction('accepted', { kind: 'feedback', verdict: 'qualified' });
    expect(result.allowed).toBe(false);
    if (!result.allowed) expect(result.message).toMatch(/first contact/);
  });
});
