// Every message LeadGate sends: a subject, an HTML part and a plain-text part, each inside the shared layout.
import type { Standing } from '@leadgate/common';
import { DEAL_MESSAGES, DealTemplateData } from './deal-messages';

export interface LeadSummary {
  id: string;
  company: string;
  leadTypeName: string;
  country: string;
}

/** What each template needs; the renderer adds recipientName and publicUrl. */
export interface TemplateData extends DealTemplateData {
  'lead-offered': { partnerName: string; lead: LeadSummary; acceptDueAt: Date };
  'lead-recalled': { partnerName: string; lead: LeadSummary; acceptDueAt: Date };
  'lead-reassigned': { partnerName: string; lead: LeadSummary; reason: string };
  /** A clock still open at CLOCK_WARNING_AT of its window. */
  'clock-warning': { partnerName: string; lead: LeadSummary; kind: 'accept' | 'contact' | 'feedback' | 'update'; dueAt: Date };
  'sla-breached': { partnerName: string; lead: LeadSummary; kind: 'contact' | 'feedback' | 'update'; dueAt: Date };
  /** A breach still open graceMinutes after its due time, told to the partner's channel manager. */
  'clock-escalated': {
    partnerId: string;
    partnerName: string;
    lead: LeadSummary;
    kind: 'accept' | 'contact' | 'feedback' | 'update';
    dueAt: Date;
    graceMinutes: number;
  };
  'standing-changed': {
    partnerId: string;
    partnerName: string;
    from: Standing;
    to: Standing;
    reason: string;
    /** The channel manager gets the vendor's view of what to do next. */
    forChannelManager: boolean;
  };
  'partner-scorecard': {
    partnerId: string;
    partnerName: string;
    standing: Standing;
    /** "92%", or null while no clock came due in the window. */
    score: string | null;
    windowDays: number;
    lastWeek: ClockTally;
    window: ClockTally;
    openBreachCount: number;
    /** The oldest open breaches; openBreachCount says how many there are in all. */
    openBreaches: { leadId: string; company: string; kind: 'contact' | 'feedback'; dueAt: Date }[];
  };
  'channel-digest': {
    /** Admins see every partner; a channel manager the partners it manages. */
    forAdmin: boolean;
    since: Date;
    breachCount: number;
    /** The first breaches of breachCount, by partner. */
    breaches: { partnerName: string; leadId: string; company: string; kind: 'accept' | 'contact' | 'feedback' | 'update'; dueAt: Date }[];
    partnersAtRisk: { partnerId: string; partnerName: string; standing: Standing; reason: string }[];
    unallocated: number;
    /** Of those, waiting longer than attentionHours (UNALLOCATED_ATTENTION_HOURS): they need a person. */
    waitingLong: number;
    attentionHours: number;
  };
  /** Their `resetUrl` comes from the message's one-time link (OutboundMessage.oneTimeLinkId), its secret filled in at sending. */
  'password-reset': { expiresAt: Date };
  'invitation': { inviterName: string; partnerName: string; expiresAt: Date };
  'staff-invitation': { inviterName: string; roleName: string; expiresAt: Date };
  'webhook-disabled': { url: string; reason: string; lastError: string };
  /** Leads a partner admin gave to the recipient. */
  'leads-assigned': { assignedBy: string; leads: OwnedLeadLine[] };
  /** A deactivated user's leads, now without an owner: told to the partner's admins. */
  'leads-unowned': { userName: string; leads: OwnedLeadLine[] };
}

export interface OwnedLeadLine {
  id: string;
  company: string;
}

export interface ClockTally {
  met: number;
  missed: number;
}

export type TemplateName = keyof TemplateData;

/** Messages that help but need no action of their own; the rest must be acted on. */
export const OPTIONAL_TEMPLATES: ReadonlySet<TemplateName> = new Set(['clock-warning', 'clock-escalated', 'channel-digest']);

export interface MessageTemplate {
  subject: string;
  html: string;
  text: string;
}

export const MESSAGES: Record<TemplateName, MessageTemplate> = {
  ...DEAL_MESSAGES,
  'lead-offered': {
    subject: 'New lead: {{lead.company}} ({{lead.leadTypeName}})',
    html: `{{#> layout}}
<p>{{partnerName}} has been offered a new lead. Please accept or decline it by <strong>{{datetime acceptDueAt}}</strong>; after that it goes to another partner.</p>
{{> leadFacts}}
{{> button url=(link "leads" lead.id) label="Open the lead"}}
{{/layout}}`,
    text: `{{#> layout}}
{{partnerName}} has been offered a new lead. Please accept or decline it by {{datetime acceptDueAt}}; after that it goes to another partner.

{{> leadFacts}}

{{> button url=(link "leads" lead.id) label="Open the lead"}}
{{/layout}}`,
  },
  'clock-warning': {
    subject: '{{#if (eq kind "accept")}}Reminder: accept or decline the lead from {{lead.company}}{{else}}Due soon: {{> breachKind}} for {{lead.company}}{{/if}}',
    html: `{{#> layout}}
<p>{{> clockWarning}}</p>
{{> leadFacts}}
{{> button url=(link "leads" lead.id) label="Open the lead"}}
{{/layout}}`,
    text: `{{#> layout}}
{{> clockWarning}}

{{> leadFacts}}

{{> button url=(link "leads" lead.id) label="Open the lead"}}
{{/layout}}`,
  },
  // A channel manager moved the lead: the partner no longer holds it, so the link goes to the leads that left it.
  'lead-reassigned': {
    subject: 'Lead moved: {{lead.company}}',
    html: `{{#> layout}}
<p>The lead from {{lead.company}} has been taken back from {{partnerName}} by the vendor's channel team. Reason given: {{reason}}</p>
<p>You need do nothing more with it; it no longer counts against your capacity or your SLAs.</p>
{{> leadFacts}}
{{> button url=(link "leads" "history") label="See the leads that left you"}}
{{/layout}}`,
    text: `{{#> layout}}
The lead from {{lead.company}} has been taken back from {{partnerName}} by the vendor's channel team. Reason given: {{reason}}

You need do nothing more with it; it no longer counts against your capacity or your SLAs.

{{> leadFacts}}

{{> button url=(link "leads" "history") label="See the leads that left you"}}
{{/layout}}`,
  },
  'clock-escalated': {
    subject: 'Still overdue at {{partnerName}}: {{> breachKind}} for {{lead.company}}',
    html: `{{#> layout}}
<p>{{> clockEscalated}}</p>
{{> leadFacts}}
{{> button url=(link "manage" "leads" lead.id) label="Open the lead"}}
{{> button url=(link "partners" partnerId) label="See the partner's compliance"}}
{{/layout}}`,
    text: `{{#> layout}}
{{> clockEscalated}}

{{> leadFacts}}

{{> button url=(link "manage" "leads" lead.id) label="Open the lead"}}
{{> button url=(link "partners" partnerId) label="See the partner's compliance"}}
{{/layout}}`,
  },
  // The partner no longer holds a recalled lead, so it cannot open the lead's page: the link goes to the score the recall counts against.
  'lead-recalled': {
    subject: 'Lead recalled: {{lead.company}}',
    html: `{{#> layout}}
<p>The lead from {{lead.company}} was not accepted by {{datetime acceptDueAt}}, so it has been taken back from {{partnerName}} to be offered elsewhere. This counts as a missed SLA in your compliance score.</p>
<p>Accept or decline new leads as soon as they arrive to keep receiving them.</p>
{{> leadFacts}}
{{> button url=(link "standing") label="See your standing"}}
{{/layout}}`,
    text: `{{#> layout}}
The lead from {{lead.company}} was not accepted by {{datetime acceptDueAt}}, so it has been taken back from {{partnerName}} to be offered elsewhere. This counts as a missed SLA in your compliance score.

Accept or decline new leads as soon as they arrive to keep receiving them.

{{> leadFacts}}

{{> button url=(link "standing") label="See your standing"}}
{{/layout}}`,
  },
  'sla-breached': {
    subject: 'Overdue: {{> breachKind}} for {{lead.company}}',
    html: `{{#> layout}}
<p>{{> clockBreached}}</p>
<p>Overdue leads lower {{partnerName}}'s compliance score; too many of them stop new leads from being sent to you.</p>
{{> leadFacts}}
{{> button url=(link "leads" lead.id) label="Open the lead"}}
{{/layout}}`,
    text: `{{#> layout}}
{{> clockBreached}}

Overdue leads lower {{partnerName}}'s compliance score; too many of them stop new leads from being sent to you.

{{> leadFacts}}

{{> button url=(link "leads" lead.id) label="Open the lead"}}
{{/layout}}`,
  },
  'standing-changed': {
    subject: '{{partnerName}} is {{#if (eq to "good")}}back in good standing{{else if (eq to "warning")}}now on warning{{else}}now suspended{{/if}}',
    html: `{{#> layout}}
<p>{{partnerName}}'s standing changed from <strong>{{from}}</strong> to <strong>{{to}}</strong>.</p>
<p>Why: {{reason}}</p>
{{> nextSteps}}
{{#if forChannelManager}}{{> button url=(link "partners" partnerId) label="See the partner's compliance"}}{{else}}{{> button url=(link "standing") label="See your standing"}}{{/if}}
{{/layout}}`,
    text: `{{#> layout}}
{{partnerName}}'s standing changed from {{from}} to {{to}}.

Why: {{reason}}

{{> nextSteps}}

{{#if forChannelManager}}{{> button url=(link "partners" partnerId) label="See the partner's compliance"}}{{else}}{{> button url=(link "standing") label="See your standing"}}{{/if}}
{{/layout}}`,
  },
  'partner-scorecard': {
    subject: 'Weekly scorecard for {{partnerName}}: {{#if score}}{{score}} of SLA deadlines met{{else}}no score yet{{/if}}, {{openBreachCount}} overdue',
    html: `{{#> layout}}
<p>Here is how {{partnerName}} kept its lead deadlines (accept, first contact, feedback).</p>
<table role="presentation" cellpadding="4" style="border-collapse:collapse">
<tr><td style="color:#616e7c">Standing</td><td><strong>{{standing}}</strong></td></tr>
<tr><td style="color:#616e7c">Compliance score</td><td>{{> scoreLine}}</td></tr>
<tr><td style="color:#616e7c">Last 7 days</td><td>{{lastWeek.met}} met, {{lastWeek.missed}} missed</td></tr>
<tr><td style="color:#616e7c">Last {{windowDays}} days</td><td>{{window.met}} met, {{window.missed}} missed</td></tr>
</table>
{{#if openBreachCount}}
<p>{{openBreachCount}} lead(s) are overdue:</p>
<ul>
{{#each openBreaches}}<li><a href="{{link "leads" leadId}}">{{company}}</a>: {{#if (eq kind "contact")}}first contact{{else}}feedback{{/if}} was due by {{datetime dueAt}}</li>
{{/each}}
</ul>
{{else}}
<p>No lead is overdue.</p>
{{/if}}
<p>{{> scorecardNextSteps}}</p>
{{> button url=(link "standing") label="See your standing"}}
{{/layout}}`,
    text: `{{#> layout}}
Here is how {{partnerName}} kept its lead deadlines (accept, first contact, feedback).

Standing:          {{standing}}
Compliance score:  {{> scoreLine}}
Last 7 days:       {{lastWeek.met}} met, {{lastWeek.missed}} missed
Last {{windowDays}} days:      {{window.met}} met, {{window.missed}} missed

{{#if openBreachCount}}
{{openBreachCount}} lead(s) are overdue:
{{#each openBreaches}}
- {{company}}: {{#if (eq kind "contact")}}first contact{{else}}feedback{{/if}} was due by {{datetime dueAt}}. {{link "leads" leadId}}
{{/each}}
{{else}}
No lead is overdue.
{{/if}}

{{> scorecardNextSteps}}

{{> button url=(link "standing") label="See your standing"}}
{{/layout}}`,
  },
  'channel-digest': {
    subject: 'Daily digest: {{breachCount}} new breach(es), {{partnersAtRisk.length}} partner(s) on warning or suspended, {{unallocated}} unallocated lead(s)',
    html: `{{#> layout}}
<p>Here is what happened with {{#if forAdmin}}all partners{{else}}the partners you manage{{/if}} since {{datetime since}}.</p>
<p><strong>New SLA breaches: {{breachCount}}</strong></p>
{{#if breachCount}}
<ul>
{{#each breaches}}<li>{{partnerName}}: <a href="{{link "manage" "leads" leadId}}">{{company}}</a>, {{> breachKind}} was due by {{datetime dueAt}}</li>
{{/each}}
</ul>
{{/if}}
<p><strong>Partners on warning or suspended: {{partnersAtRisk.length}}</strong></p>
{{#if partnersAtRisk.length}}
<ul>
{{#each partnersAtRisk}}<li><a href="{{link "partners" partnerId}}">{{partnerName}}</a> is {{standing}}: {{reason}}</li>
{{/each}}
</ul>
{{/if}}
<p><strong>Unallocated leads: {{unallocated}}</strong>{{#if unallocated}} (no partner could take them: <a href="{{link "queue"}}">offer them by hand</a>){{/if}}</p>
{{#if waitingLong}}<p><strong>Waiting more than {{attentionHours}} hours: {{waitingLong}}</strong> (they need your attention)</p>{{/if}}
<p>{{> digestNextSteps}}</p>
{{/layout}}`,
    text: `{{#> layout}}
Here is what happened with {{#if forAdmin}}all partners{{else}}the partners you manage{{/if}} since {{datetime since}}.

New SLA breaches: {{breachCount}}
{{#each breaches}}
- {{partnerName}}: {{company}}, {{> breachKind}} was due by {{datetime dueAt}}. {{link "manage" "leads" leadId}}
{{/each}}

Partners on warning or suspended: {{partnersAtRisk.length}}
{{#each partnersAtRisk}}
- {{partnerName}} is {{standing}}: {{reason}} {{link "partners" partnerId}}
{{/each}}

Unallocated leads: {{unallocated}}{{#if unallocated}} (no partner could take them; offer them by hand): {{link "queue"}}{{/if}}
{{#if waitingLong}}Waiting more than {{attentionHours}} hours: {{waitingLong}} (they need your attention)
{{/if}}
{{> digestNextSteps}}
{{/layout}}`,
  },
  'password-reset': {
    subject: 'Reset your LeadGate password',
    html: `{{#> layout}}
<p>Someone asked to reset the password of your LeadGate account. If it was you, choose a new password by <strong>{{datetime expiresAt}}</strong>; the link works once.</p>
{{> button url=resetUrl label="Choose a new password"}}
<p>If you did not ask for this, ignore this email: your password stays as it is.</p>
{{/layout}}`,
    text: `{{#> layout}}
Someone asked to reset the password of your LeadGate account. If it was you, choose a new password by {{datetime expiresAt}}; the link works once.

{{> button url=resetUrl label="Choose a new password"}}

If you did not ask for this, ignore this email: your password stays as it is.
{{/layout}}`,
  },
  'invitation': {
    subject: 'You are invited to LeadGate for {{partnerName}}',
    html: `{{#> layout}}
<p>{{inviterName}} invited you to work with {{partnerName}}'s leads in LeadGate. Set your password by <strong>{{datetime expiresAt}}</strong> to activate your account; the link works once.</p>
{{> button url=resetUrl label="Set your password"}}
{{/layout}}`,
    text: `{{#> layout}}
{{inviterName}} invited you to work with {{partnerName}}'s leads in LeadGate. Set your password by {{datetime expiresAt}} to activate your account; the link works once.

{{> button url=resetUrl label="Set your password"}}
{{/layout}}`,
  },
  'staff-invitation': {
    subject: 'You are invited to LeadGate as {{roleName}}',
    html: `{{#> layout}}
<p>{{inviterName}} invited you to LeadGate as {{roleName}}. Set your password by <strong>{{datetime expiresAt}}</strong> to activate your account; the link works once.</p>
{{> button url=resetUrl label="Set your password"}}
{{/layout}}`,
    text: `{{#> layout}}
{{inviterName}} invited you to LeadGate as {{roleName}}. Set your password by {{datetime expiresAt}} to activate your account; the link works once.

{{> button url=resetUrl label="Set your password"}}
{{/layout}}`,
  },
  'webhook-disabled': {
    subject: 'Webhook disabled: {{url}}',
    html: `{{#> layout}}
<p>LeadGate stopped sending events to the webhook you registered at <strong>{{url}}</strong>: {{reason}}. The last attempt got: {{lastError}}.</p>
<p>What to do next: fix the receiver, then register the URL again (<code>POST /api/v1/webhooks</code>); events of the time it was disabled are not sent.</p>
{{/layout}}`,
    text: `{{#> layout}}
LeadGate stopped sending events to the webhook you registered at {{url}}: {{reason}}. The last attempt got: {{lastError}}.

What to do next: fix the receiver, then register the URL again (POST /api/v1/webhooks); events of the time it was disabled are not sent.
{{/layout}}`,
  },
  'leads-assigned': {
    subject: '{{#if (eq leads.length 1)}}A lead is yours: {{leads.0.company}}{{else}}{{leads.length}} leads are yours{{/if}}',
    html: `{{#> layout}}
<p>{{assignedBy}} made you the owner of {{#if (eq leads.length 1)}}this lead{{else}}these leads{{/if}}. Emails about {{#if (eq leads.length 1)}}it{{else}}them{{/if}} now come to you.</p>
<ul>{{#each leads}}<li><a href="{{link "leads" id}}">{{company}}</a></li>{{/each}}</ul>
{{> button url=(link "leads") label="Open your leads"}}
{{/layout}}`,
    text: `{{#> layout}}
{{assignedBy}} made you the owner of {{#if (eq leads.length 1)}}this lead{{else}}these leads{{/if}}. Emails about {{#if (eq leads.length 1)}}it{{else}}them{{/if}} now come to you.

{{#each leads}}- {{company}}: {{link "leads" id}}
{{/each}}

{{> button url=(link "leads") label="Open your leads"}}
{{/layout}}`,
  },
  'leads-unowned': {
    subject: '{{userName}} was deactivated: {{leads.length}} lead(s) have no owner',
    html: `{{#> layout}}
<p>{{userName}} was deactivated, so the leads they owned have no owner now. Until you give them to someone, emails about them go to the whole team.</p>
<ul>{{#each leads}}<li><a href="{{link "leads" id}}">{{company}}</a></li>{{/each}}</ul>
{{> button url=(link "leads") label="Open the leads"}}
{{/layout}}`,
    text: `{{#> layout}}
{{userName}} was deactivated, so the leads they owned have no owner now. Until you give them to someone, emails about them go to the whole team.

{{#each leads}}- {{company}}: {{link "leads" id}}
{{/each}}

{{> button url=(link "leads") label="Open the leads"}}
{{/layout}}`,
  },
};

/** An admin's copy of emails about leads another user owns (a preference, not a template). */
export const OWNED_LEAD_COPIES = 'owned-lead-copies';

/** Partials of the digests, the same in both parts (plain text, no markup). */
export const DIGEST_PARTIALS = {
  scoreLine: `{{#if score}}{{score}} of deadlines met in the last {{windowDays}} days{{else}}none yet: no deadline came due in the last {{windowDays}} days{{/if}}`,
  digestNextSteps: `What to do next: {{#if breachCount}}talk to the partners with new breaches about their overdue leads{{else if partnersAtRisk.length}}check in with the partners on warning or suspended{{else}}nothing for your partners today{{/if}}{{#if unallocated}}, and offer the unallocated leads to a partner{{/if}}.`,
  breachKind: `{{#if (eq kind "accept")}}accepting the offer{{else if (eq kind "contact")}}first contact{{else if (eq kind "update")}}an update{{else}}feedback{{/if}}`,
  scorecardNextSteps: `{{#if (eq standing "suspended")}}What to do next: {{partnerName}} receives no new leads while suspended. Log contact and give feedback on every overdue lead; your standing is reviewed automatically every few minutes.{{else if openBreachCount}}What to do next: log contact and give feedback on the overdue leads above. Overdue leads lower your score, and too many of them stop new leads from being sent to you.{{else}}What to do next: nothing new. Keep accepting, contacting and reporting on time{{#if (eq standing "warning")}} to get back to good standing{{/if}}.{{/if}}`,
} as const;

/** What the clock messages say, per clock; shared by both parts (plain text, no markup). */
export const CLOCK_PARTIALS = {
  clockWarning: `{{#if (eq kind "accept")}}The lead from {{lead.company}} offered to {{partnerName}} is still waiting. Accept or decline it by {{datetime dueAt}}, or it goes to another partner and counts as a missed SLA.{{else if (eq kind "contact")}}No first contact with {{lead.company}} has been logged yet. It is due by {{datetime dueAt}}: contact the buyer and log the call, email or meeting on the lead. After that it counts as a missed deadline in {{partnerName}}'s compliance score.{{else if (eq kind "feedback")}}No feedback on the lead from {{lead.company}} has been given yet. It is due by {{datetime dueAt}}: record whether it is qualified, disqualified, an opportunity, won or lost. After that it counts as a missed deadline in {{partnerName}}'s compliance score.{{else}}The lead from {{lead.company}} needs an update by {{datetime dueAt}}: log an activity or change its status. After that it counts as a missed deadline in {{partnerName}}'s compliance score.{{/if}}`,
  clockBreached: `{{#if (eq kind "contact")}}No first contact with {{lead.company}} has been logged, and it was due by {{datetime dueAt}}. Contact the buyer now and log the call, email or meeting on the lead.{{else if (eq kind "feedback")}}No feedback on the lead from {{lead.company}} has been given, and it was due by {{datetime dueAt}}. Record whether it is qualified, disqualified, an opportunity, won or lost.{{else}}The lead from {{lead.company}} had no update by {{datetime dueAt}}, as its cadence asks. Log an activity or change its status now.{{/if}}`,
  clockEscalated: `{{partnerName}} missed {{> breachKind}} for the lead from {{lead.company}}, due by {{datetime dueAt}}, and it is still not done {{graceMinutes}} minutes later. What to do next: talk to the partner about the lead, or assign it to another partner.`,
} as const;

/** What to do next after a standing change, per audience; shared by both parts (plain text, no markup). */
export const NEXT_STEPS_PARTIAL = `{{#if forChannelManager}}{{#if (eq to "suspended")}}What to do next: {{partnerName}} receives no new leads until its score recovers or you set an override. Talk to the partner about its open leads.{{else if (eq to "warning")}}What to do next: {{partnerName}} now receives fewer leads. Check its open breaches with the partner before it slips further.{{else}}What to do next: nothing; {{partnerName}} receives leads as usual again.{{/if}}{{else}}{{#if (eq to "suspended")}}What to do next: you receive no new leads while suspended. Log contact and give feedback on every overdue lead; your standing is reviewed automatically every few minutes.{{else if (eq to "warning")}}What to do next: you now receive fewer leads. Log contact and give feedback on your overdue leads to get back to good standing.{{else}}What to do next: nothing; you receive new leads as usual again. Keep accepting, contacting and reporting on time.{{/if}}{{/if}}`;
