// The shared frame of every email and the partials the messages use; plain handlebars, no logic.

export const HTML_LAYOUT = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>{{subject}}</title></head>
<body style="margin:0;padding:24px;background:#f4f5f7;font-family:Arial,Helvetica,sans-serif;color:#1f2933">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:600px;margin:0 auto;background:#ffffff;border-radius:6px">
<tr><td style="padding:16px 24px;border-bottom:1px solid #e4e7eb;font-weight:bold">LeadGate</td></tr>
<tr><td style="padding:24px;line-height:1.5">
<p>Hello {{recipientName}},</p>
{{> @partial-block}}
</td></tr>
<tr><td style="padding:16px 24px;border-top:1px solid #e4e7eb;font-size:12px;color:#616e7c">
You receive this email because you work with leads in <a href="{{publicUrl}}">LeadGate</a>. {{#if optional}}It is a reminder: if you have dealt with this already, there is nothing to do.{{else}}It cannot be turned off: it needs you to act.{{/if}}
</td></tr>
</table>
</body>
</html>
`;

export const TEXT_LAYOUT = `Hello {{recipientName}},

{{> @partial-block}}


--
LeadGate, {{publicUrl}}
You receive this email because you work with leads in LeadGate. {{#if optional}}It is a reminder: if you have dealt with this already, there is nothing to do.{{else}}It cannot be turned off: it needs you to act.{{/if}}
`;

export const PARTIALS = {
  html: {
    button: `<p style="margin:24px 0"><a href="{{url}}" style="background:#2563eb;color:#ffffff;padding:10px 18px;border-radius:4px;text-decoration:none">{{label}}</a></p>
<p style="font-size:12px;color:#616e7c">Or open {{url}}</p>`,
    leadFacts: `<table role="presentation" cellpadding="4" style="border-collapse:collapse">
<tr><td style="color:#616e7c">Company</td><td>{{lead.company}}</td></tr>
<tr><td style="color:#616e7c">Lead type</td><td>{{lead.leadTypeName}}</td></tr>
<tr><td style="color:#616e7c">Country</td><td>{{lead.country}}</td></tr>
</table>`,
  },
  text: {
    // Standalone partial lines swallow their own newline in plain text; each ends with one of its own.
    button: `{{label}}: {{url}}\n`,
    leadFacts: `Company:   {{lead.company}}
Lead type: {{lead.leadTypeName}}
Country:   {{lead.country}}\n`,
  },
} as const;
