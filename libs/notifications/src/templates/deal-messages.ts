// The deal registration emails: one template, worded per event and per reader (the partner, or its channel manager).

export type DealEvent = 'submitted' | 'approved' | 'rejected' | 'expiring' | 'expired' | 'extension_requested' | 'extended';

export interface DealTemplateData {
  'deal-update': {
    event: DealEvent;
    dealId: string;
    partnerName: string;
    company: string;
    /** The channel manager reads what to decide; the partner what happened and what to do. */
    forChannelManager: boolean;
    /** Whether the check found conflicts (the partner is never told with whom). */
    conflicted: boolean;
    protectedUntil: Date | null;
    /** A rejection's coded reason in words, with its note. */
    reason: string | null;
  };
}

const SUBJECT = `{{#if (eq event "submitted")}}{{#if forChannelManager}}Deal registration to review: {{company}} ({{partnerName}}){{else}}Deal registration received: {{company}}{{/if}}{{/if}}\
{{#if (eq event "approved")}}Deal registration approved: {{company}}{{/if}}\
{{#if (eq event "rejected")}}Deal registration rejected: {{company}}{{/if}}\
{{#if (eq event "expiring")}}Deal protection ends soon: {{company}}{{/if}}\
{{#if (eq event "expired")}}Deal protection ended: {{company}}{{/if}}\
{{#if (eq event "extension_requested")}}Extension requested: {{company}} ({{partnerName}}){{/if}}\
{{#if (eq event "extended")}}Deal protection extended: {{company}}{{/if}}`;

const BODY = `{{#if (eq event "submitted")}}{{#if forChannelManager}}{{partnerName}} registered a deal with {{company}}.{{#if conflicted}} The check found conflicts with existing leads or registrations; compare them side by side before you decide.{{/if}} Approve it to protect the buyer for {{partnerName}}, or reject it with a reason.\
{{else}}Your registration of a deal with {{company}} was received and waits for your channel manager's review.{{#if conflicted}} It conflicts with an existing lead or registration, which the review will weigh.{{/if}} You will get an email with the decision.{{/if}}{{/if}}\
{{#if (eq event "approved")}}Your registration of {{company}} was approved. The buyer is protected for {{partnerName}} until {{datetime protectedUntil}}: new leads from this buyer come to you. It is now one of your leads, with the usual deadlines for first contact and feedback.{{/if}}\
{{#if (eq event "rejected")}}Your registration of {{company}} was rejected: {{reason}}. The buyer is not protected for {{partnerName}}.{{/if}}\
{{#if (eq event "expiring")}}The protection of {{company}} for {{partnerName}} ends on {{datetime protectedUntil}}. Ask for an extension on the registration if the deal needs more time.{{/if}}\
{{#if (eq event "expired")}}{{#if forChannelManager}}The protection of {{company}} for {{partnerName}} ended; new leads from this buyer are allocated as usual again.{{else}}The protection of {{company}} for {{partnerName}} ended; new leads from this buyer are allocated as usual again. The lead stays yours to follow up.{{/if}}{{/if}}\
{{#if (eq event "extension_requested")}}{{partnerName}} asks for more time on its registration of {{company}}, protected until {{datetime protectedUntil}}. Extend it on the registration, or let it end.{{/if}}\
{{#if (eq event "extended")}}The protection of {{company}} for {{partnerName}} was extended until {{datetime protectedUntil}}.{{/if}}`;

export const DEAL_MESSAGES = {
  'deal-update': {
    subject: SUBJECT,
    html: `{{#> layout}}
<p>${BODY}</p>
{{> button url=(link "deals" dealId) label="Open the registration"}}
{{/layout}}`,
    text: `{{#> layout}}
${BODY}

{{> button url=(link "deals" dealId) label="Open the registration"}}
{{/layout}}`,
  },
};
