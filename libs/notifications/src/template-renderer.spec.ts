import { renderEmail } from './template-renderer';

const context = { publicUrl: 'https://leads.example.com', recipientName: 'Rita Rep', timeZone: 'UTC' };
const lead = { id: '6f1c2b1e-0000-4000-8000-000000000001', company: 'Acme <GmbH>', leadTypeName: 'Demo request', country: 'DE' };

describe('email templates', () => {
  it('renders a new-lead offer with the deadline, the lead and a link into the portal in both parts', () => {
    const email = renderEmail('lead-offered', { partnerName: 'Nordic IT', lead, acceptDueAt: new Date('2026-03-02T13:00:00Z') }, context);
    expect(email.subject).toBe('New lead: Acme <GmbH> (Demo request)');
    expect(email.text).toContain('Hello Rita Rep,');
    expect(email.text).toContain('accept or decline it by 2 March 2026, 13:00 UTC');
    expect(email.text).toContain(`Open the lead: https://leads.example.com/leads/${lead.id}`);
    expect(email.text).toContain('Company:   Acme <GmbH>');
    expect(email.html).toContain(`href="https://leads.example.com/leads/${lead.id}"`);
    expect(email.html).toContain('Acme &lt;GmbH&gt;');
    expect(email.html).not.toContain('Acme <GmbH>');
  });

  it('writes every instant in the recipient’s own zone, naming it', () => {
    const data = { partnerName: 'Nordic IT', lead, acceptDueAt: new Date('2026-03-02T13:00:00Z') };
    const berlin = renderEmail('lead-offered', data, { ...context, timeZone: 'Europe/Berlin' });
    expect(berlin.text).toContain('accept or decline it by 2 March 2026, 14:00 CET');
    expect(berlin.html).toContain('2 March 2026, 14:00 CET');
    expect(renderEmail('lead-offered', data, { ...context, timeZone: 'America/New_York' }).text).toContain('by 2 March 2026, 08:00 GMT-5');
  });

  it('marks a warning as optional in the footer, and an offer as one to act on', () => {
    const dueAt = new Date('2026-03-02T13:00:00Z');
    const reminder = renderEmail('clock-warning', { partnerName: 'Nordic IT', lead, kind: 'accept', dueAt }, context);
    expect(reminder.subject).toBe('Reminder: accept or decline the lead from Acme <GmbH>');
    expect(reminder.text).toContain('It is a reminder: if you have dealt with this already, there is nothing to do.');
    expect(reminder.html).toContain('It is a reminder');
    expect(renderEmail('lead-offered', { partnerName: 'Nordic IT', lead, acceptDueAt: dueAt }, context).text).toContain('It cannot be turned off: it needs you to act.');
  });

  it('warns of each clock in plain words, with the due time in the recipient’s zone', () => {
    const data = { partnerName: 'Nordic IT', lead, dueAt: new Date('2026-03-03T10:00:00Z') };
    const berlin = { ...context, timeZone: 'Europe/Berlin' };
    const subjects = (['accept', 'contact', 'feedback', 'update'] as const).map((kind) => renderEmail('clock-warning', { ...data, kind }, context).subject);
    expect(subjects).toEqual([
      'Reminder: accept or decline the lead from Acme <GmbH>',
      'Due soon: first contact for Acme <GmbH>',
      'Due soon: feedback for Acme <GmbH>',
      'Due soon: an update for Acme <GmbH>',
    ]);
    const contact = renderEmail('clock-warning', { ...data, kind: 'contact' }, berlin);
    expect(contact.text).toContain('It is due by 3 March 2026, 11:00 CET: contact the buyer');
    expect(contact.text).toContain(`Open the lead: https://leads.example.com/leads/${lead.id}`);
  });

  it('escalates to the channel manager with what to do next and links to the lead and the partner', () => {
    const data = { partnerId: 'p-1', partnerName: 'Nordic IT', lead, kind: 'feedback', dueAt: new Date('2026-03-03T10:00:00Z'), graceMinutes: 240 } as const;
    const email = renderEmail('clock-escalated', data, context);
    expect(email.subject).toBe('Still overdue at Nordic IT: feedback for Acme <GmbH>');
    expect(email.text).toContain('Nordic IT missed feedback for the lead from Acme <GmbH>, due by 3 March 2026, 10:00 UTC, and it is still not done 240 minutes later.');
    expect(email.text).toContain(`https://leads.example.com/manage/leads/${lead.id}`);
    expect(email.text).toContain('https://leads.example.com/partners/p-1');
  });

  it('says which clock was missed in a breach', () => {
    const data = { partnerName: 'Nordic IT', lead, dueAt: new Date('2026-03-03T10:00:00Z') };
    expect(renderEmail('sla-breached', { ...data, kind: 'contact' }, context).subject).toBe('Overdue: first contact for Acme <GmbH>');
    const feedback = renderEmail('sla-breached', { ...data, kind: 'feedback' }, context);
    expect(feedback.subject).toBe('Overdue: feedback for Acme <GmbH>');
    expect(feedback.text).toContain('No feedback on the lead from Acme <GmbH> has been given, and it was due by 3 March 2026, 10:00 UTC');
  });

  it('tells a suspended partner and its channel manager different next steps', () => {
    const change = { partnerId: 'p-1', partnerName: 'Nordic IT', from: 'warning', to: 'suspended', reason: '4 breaches open for more than 24 hours' } as const;
    const partner = renderEmail('standing-changed', { ...change, forChannelManager: false }, context);
    const manager = renderEmail('standing-changed', { ...change, forChannelManager: true }, context);
    expect(partner.subject).toBe('Nordic IT is now suspended');
    expect(partner.text).toContain('Why: 4 breaches open for more than 24 hours');
    expect(partner.text).toContain('you receive no new leads while suspended');
    expect(manager.text).toContain('Nordic IT receives no new leads until its score recovers or you set an override');
    expect(partner.text).toContain('See your standing: https://leads.example.com/standing');
    expect(manager.text).toContain('https://leads.example.com/partners/p-1');
  });

  it('calls a return to good standing a reinstatement', () => {
    const email = renderEmail(
      'standing-changed',
      { partnerId: 'p-1', partnerName: 'Nordic IT', from: 'suspended', to: 'good', reason: 'score back at 95%', forChannelManager: false },
      context,
    );
    expect(email.subject).toBe('Nordic IT is back in good standing');
    const warning = renderEmail('standing-changed', { partnerId: 'p-1', partnerName: 'Nordic IT', from: 'good', to: 'warning', reason: 'score 85%', forChannelManager: false }, context);
    expect(warning.subject).toBe('Nordic IT is now on warning');
    expect(email.text).toContain('you receive new leads as usual again');
  });

  it('refuses to render with a field missing rather than send a blank', () => {
    const incomplete = { partnerName: 'Nordic IT', lead: { id: 'x', company: 'Acme', country: 'DE' } } as never;
    expect(() => renderEmail('lead-offered', incomplete, context)).toThrow(/leadTypeName/);
  });
});
