// Renders a message from its handlebars templates: pure, so it is tested with plain inputs.
import Handlebars from 'handlebars';
import { formatInstant } from '@leadgate/common';
import { HTML_LAYOUT, PARTIALS, TEXT_LAYOUT } from './templates/layout';
import { CLOCK_PARTIALS, DIGEST_PARTIALS, MESSAGES, NEXT_STEPS_PARTIAL, OPTIONAL_TEMPLATES, TemplateData, TemplateName } from './templates/messages';

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

export interface RenderContext {
  /** The portal's base URL without a trailing slash; every link is built from it. */
  publicUrl: string;
  recipientName: string;
  /** The recipient's zone: every instant in the message is written in it, with the zone named. */
  timeZone: string;
  /** The set-password link of a message that carries one, with the secret still a placeholder. */
  resetUrl?: string;
}

type Compiled = Handlebars.TemplateDelegate;

function environment(kind: 'html' | 'text'): typeof Handlebars {
  const hb = Handlebars.create();
  hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hb.registerHelper('datetime', (value: unknown, options: Handlebars.HelperOptions) => {
    if (!(value instanceof Date)) throw new Error(`datetime expects a Date, got ${JSON.stringify(value)}`);
    return formatInstant(value, (options.data as { root: RenderContext }).root.timeZone);
  });
  // {{link "leads" id}} → {publicUrl}/leads/{id}; each segment is URL-encoded.
  hb.registerHelper('link', (...args: unknown[]) => {
    const options = args.pop() as Handlebars.HelperOptions;
    const publicUrl = (options.data as { root: RenderContext }).root.publicUrl;
    return `${publicUrl}/${args.map((segment) => encodeURIComponent(String(segment))).join('/')}`;
  });
  hb.registerPartial('layout', kind === 'html' ? HTML_LAYOUT : TEXT_LAYOUT);
  hb.registerPartial(PARTIALS[kind]);
  hb.registerPartial(DIGEST_PARTIALS);
  hb.registerPartial(CLOCK_PARTIALS);
  hb.registerPartial('nextSteps', kind === 'html' ? `<p>${NEXT_STEPS_PARTIAL}</p>` : `${NEXT_STEPS_PARTIAL}\n`);
  return hb;
}

const html = environment('html');
const text = environment('text');
const compiled = new Map<TemplateName, { subject: Compiled; html: Compiled; text: Compiled }>();

// Strict: a field missing from the data is an error at enqueue time, never a blank in a sent email.
function templatesOf(name: TemplateName) {
  let entry = compiled.get(name);
  if (!entry) {
    const source = MESSAGES[name];
    entry = {
      subject: text.compile(source.subject, { strict: true, noEscape: true }),
      html: html.compile(source.html, { strict: true }),
      text: text.compile(source.text, { strict: true, noEscape: true }),
    };
    compiled.set(name, entry);
  }
  return entry;
}

const collapseBlankLines = (value: string) => value.replace(/\n{3,}/g, '\n\n').trim() + '\n';

export function renderEmail<T extends TemplateName>(name: T, data: TemplateData[T], context: RenderContext): RenderedEmail {
  const templates = templatesOf(name);
  const root = { ...data, ...context, optional: OPTIONAL_TEMPLATES.has(name) };
  const subject = templates.subject(root).replace(/\s+/g, ' ').trim();
  return {
    subject,
    html: templates.html({ ...root, subject }),
    text: collapseBlankLines(templates.text({ ...root, subject })),
  };
}
