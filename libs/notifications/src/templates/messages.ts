// Every message LeadGate sends: a subject, an HTML part and a plain-text part, each inside the shared layout.
import type { Standing } from '@leadgate/common';

export interface LeadSummary {
  id: string;
  company: string;
  leadTypeName: string;
  country: string;
}

/** What each template needs; the renderer adds recipientName and publicUrl. */
export interface TemplateData {
  'lead-offered': { partnerName: string; lead: LeadSummary; acceptDueAt: Date };
  'lead-recalled': { partnerName: string; lead: LeadSummary; acceptDueAt: Date };
  'accept-reminder': { partnerName: string; lead: LeadSummary; acceptDueAt: Date };
  'sla-breached': { partnerName: string; lead: LeadSummary; kind: 'contact' | 'feedback'; dueAt: Date };
  'standing-changed': {
    partnerId: string;
    partnerName: string;
    from: Standing;
    to: Standing;
    reason: string;
    /** The channel manager gets the vendor's view of what to do next. */
    forChannelManager: boolean;
  };
}

export type TemplateName = keyof TemplateData;

/** Messages that help but need no action of their own; the rest must be acted on. */
export const OPTIONAL_TEMPLATES: ReadonlySet<TemplateName> = new Set(['accept-reminder']);

export interface MessageTemplate {
  subject: string;
  html: string;
  text: string;
}

export const MESSAGES: Record<TemplateName, MessageTemplate> = {
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
  'accept-reminder': {
    subject: 'Reminder: accept or decline the lead from {{lead.company}}',
    html: `{{#> layout}}
<p>The lead from {{lead.company}} offered to {{partnerName}} is still waiting. Accept or decline it by <strong>{{datetime acceptDueAt}}</strong>, or it goes to another partner and counts as a missed SLA.</p>
{{> leadFacts}}
{{> button url=(link "leads" lead.id) label="Open the lead"}}
{{/layout}}`,
    text: `{{#> layout}}
The lead from {{lead.company}} offered to {{partnerName}} is still waiting. Accept or decline it by {{datetime acceptDueAt}}, or it goes to another partner and counts as a missed SLA.

{{> leadFacts}}

{{> button url=(link "leads" lead.id) label="Open the lead"}}
{{/layout}}`,
  },
  'lead-recalled': {
    subject: 'Lead recalled: {{lead.company}}',
    html: `{{#> layout}}
<p>The lead from {{lead.company}} was not accepted by {{datetime acceptDueAt}}, so it has been taken back from {{partnerName}} and offered to another partner. This counts as a missed SLA in your compliance score.</p>
<p>Accept or decline new leads as soon as they arrive to keep receiving them.</p>
{{> leadFacts}}
{{> button url=(link "leads" lead.id) label="See the lead's history"}}
{{/layout}}`,
    text: `{{#> layout}}
The lead from {{lead.company}} was not accepted by {{datetime acceptDueAt}}, so it has been taken back from {{partnerName}} and offered to another partner. This counts as a missed SLA in your compliance score.

Accept or decline new leads as soon as they arrive to keep receiving them.

{{> leadFacts}}

{{> button url=(link "leads" lead.id) label="See the lead's history"}}
{{/layout}}`,
  },
  'sla-breached': {
    subject: '{{#if (eq kind "contact")}}Overdue: first contact{{else}}Overdue: feedback{{/if}} for {{lead.company}}',
    html: `{{#> layout}}
{{#if (eq kind "contact")}}
<p>No first contact with {{lead.company}} has been logged, and it was due by <strong>{{datetime dueAt}}</strong>. Contact the buyer now and log the call, email or meeting on the lead.</p>
{{else}}
<p>No feedback on the lead from {{lead.company}} has been given, and it was due by <strong>{{datetime dueAt}}</strong>. Record whether it is qualified, disqualified, an opportunity, won or lost.</p>
{{/if}}
<p>Overdue leads lower {{partnerName}}'s compliance score; too many of them stop new leads from being sent to you.</p>
{{> leadFacts}}
{{> button url=(link "leads" lead.id) label="Open the lead"}}
{{/layout}}`,
    text: `{{#> layout}}
{{#if (eq kind "contact")}}
No first contact with {{lead.company}} has been logged, and it was due by {{datetime dueAt}}. Contact the buyer now and log the call, email or meeting on the lead.
{{else}}
No feedback on the lead from {{lead.company}} has been given, and it was due by {{datetime dueAt}}. Record whether it is qualified, disqualified, an opportunity, won or lost.
{{/if}}

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
{{> button url=(link "partners" partnerId "compliance") label="See the compliance scorecard"}}
{{/layout}}`,
    text: `{{#> layout}}
{{partnerName}}'s standing changed from {{from}} to {{to}}.

Why: {{reason}}

{{> nextSteps}}

{{> button url=(link "partners" partnerId "compliance") label="See the compliance scorecard"}}
{{/layout}}`,
  },
};

/** What to do next after a standing change, per audience; shared by both parts (plain text, no markup). */
export const NEXT_STEPS_PARTIAL = `{{#if forChannelManager}}{{#if (eq to "suspended")}}What to do next: {{partnerName}} receives no new leads until its score recovers or you set an override. Talk to the partner about its open leads.{{else if (eq to "warning")}}What to do next: {{partnerName}} now receives fewer leads. Check its open breaches with the partner before it slips further.{{else}}What to do next: nothing; {{partnerName}} receives leads as usual again.{{/if}}{{else}}{{#if (eq to "suspended")}}What to do next: you receive no new leads while suspended. Log contact and give feedback on every overdue lead; your standing is reviewed automatically every few minutes.{{else if (eq to "warning")}}What to do next: you now receive fewer leads. Log contact and give feedback on your overdue leads to get back to good standing.{{else}}What to do next: nothing; you receive new leads as usual again. Keep accepting, contacting and reporting on time.{{/if}}{{/if}}`;
