import { dealChangedEvent, eventsOfTimeline, standingChangedEvent } from './events';

const at = new Date('2026-03-02T09:00:00Z');
const entry = (kind: string, data: Record<string, unknown>) => ({ leadId: 'lead-1', partnerId: 'partner-1', at, kind, data });

describe('eventsOfTimeline', () => {
  it('derives each event from its timeline entry, with ids, codes and amounts but never free text', () => {
    const events = eventsOfTimeline([
      entry('created', {}),
      entry('offered', { assignmentId: 'a1', mode: 'automatic', acceptDueAt: at, contactDueAt: at, feedbackDueAt: at, decisionId: 'd1' }),
      entry('declined', { assignmentId: 'a1', reasonCode: 'other', reasonText: 'Their CEO is my brother', contactMissed: false }),
      entry('activity', { assignmentId: 'a1', type: 'note', notes: 'internal' }),
      entry('activity', { assignmentId: 'a1', type: 'call', notes: 'Spoke to Jane', occurredAt: at, firstContact: true }),
      entry('feedback', { assignmentId: 'a1', verdict: 'won', amountMinor: 1000, currency: 'EUR', reasonText: 'great' }),
      entry('breach', { assignmentId: 'a1', breach: 'contact', dueAt: at }),
    ]);
    expect(events.map((e) => e.type)).toEqual(['lead.offered', 'lead.declined', 'lead.contacted', 'lead.status_changed', 'sla.breached']);
    expect(events.map((e) => e.data)).toEqual([
      { leadId: 'lead-1', partnerId: 'partner-1', assignmentId: 'a1', acceptDueAt: at, contactDueAt: at, feedbackDueAt: at },
      { leadId: 'lead-1', partnerId: 'partner-1', assignmentId: 'a1', reasonCode: 'other' },
      { leadId: 'lead-1', partnerId: 'partner-1', assignmentId: 'a1', occurredAt: at, firstContact: true, activityType: 'call' },
      { leadId: 'lead-1', partnerId: 'partner-1', assignmentId: 'a1', reasonCode: null, amountMinor: 1000, currency: 'EUR', status: 'won' },
      { leadId: 'lead-1', partnerId: 'partner-1', assignmentId: 'a1', dueAt: at, clock: 'contact' },
    ]);
    expect(events.every((e) => e.occurredAt === at && e.leadId === 'lead-1' && e.partnerId === 'partner-1')).toBe(true);
  });

  it('sends no standing event when an override ends on the same standing', () => {
    expect(standingChangedEvent({ partnerId: 'p', from: 'good', to: 'good', at })).toBeNull();
    expect(standingChangedEvent({ partnerId: 'p', from: 'good', to: 'warning', at })).toMatchObject({ type: 'partner.standing_changed', leadId: null, partnerId: 'p' });
  });

  it('tells integrators of a deal registration by ids, codes and dates only', () => {
    expect(dealChangedEvent({ event: 'approved', dealId: 'd1', partnerId: 'p', leadId: 'l1', protectedUntil: at, reasonCode: null, at })).toEqual({
      type: 'deal.approved', occurredAt: at, leadId: 'l1', partnerId: 'p',
      data: { dealId: 'd1', partnerId: 'p', leadId: 'l1', protectedUntil: at, reasonCode: null },
    });
  });
});
