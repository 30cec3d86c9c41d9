// The OpenAPI document, completed once for every operation: the error answers each can give, with one error
// schema, CSV as text, and the bearer scheme as what it is. Controllers describe their success answers only.
import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

type Operation = NonNullable<OpenAPIObject['paths'][string]['get']>;
type Responses = Operation['responses'];

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
const ERROR_REF = { $ref: '#/components/schemas/ErrorDto' };

/** What each error status means wherever it is documented; an operation's own description wins. */
const ERROR_MEANINGS: Record<number, string> = {
  400: 'Bad input: each field’s problem is listed in `errors` (an unknown query parameter, a malformed id or body too)',
  401: 'Missing or invalid credentials',
  403: 'The caller’s role may not do this',
  404: 'Not found, or outside the caller’s scope (another partner’s data is a 404, never a 403)',
  409: 'Conflicts with existing data, or a retry with the same Idempotency-Key while the first request still runs (see Retry-After)',
  413: 'Request body too large (JSON up to 2 MB)',
  422: 'The Idempotency-Key was already used for another request',
  503: 'The database is unavailable for a moment; try again after Retry-After',
};

export const ERROR_SCHEMA = {
  type: 'object',
  required: ['statusCode', 'message'],
  properties: {
    statusCode: { type: 'integer', example: 400 },
    message: { oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }], example: 'Invalid input' },
    errors: {
      type: 'array',
      description: 'For a 400: each field with its problems',
      items: {
        type: 'object',
        required: ['field', 'problems'],
        properties: { field: { type: 'string', example: 'email' }, problems: { type: 'array', items: { type: 'string' }, example: ['email must be an email'] } },
      },
    },
  },
};

/** The error statuses an operation can answer, from what every API route shares (validation, auth, idempotency, body limits). */
export function errorStatusesOf(path: string, method: string, operation: Operation): number[] {
  const statuses = [400, 503];
  if (operation.security?.length) statuses.push(401, 403);
  if (path.includes('{')) statuses.push(404);
  if (method === 'post') statuses.push(409, 422);
  if (operation.requestBody) statuses.push(413);
  // Statuses a controller documented itself (a 409 on a unique name, say) are kept, and get the schema too.
  for (const status of Object.keys(operation.responses)) if (Number(status) >= 400) statuses.push(Number(status));
  return [...new Set(statuses)].sort();
}

function completeOperation(path: string, method: string, operation: Operation): void {
  const responses: Responses = operation.responses;
  for (const status of errorStatusesOf(path, method, operation)) {
    const existing = responses[status] as { description?: string } | undefined;
    responses[status] = { description: existing?.description || ERROR_MEANINGS[status] || 'Error', content: { 'application/json': { schema: ERROR_REF } } };
  }
  for (const [status, response] of Object.entries(responses)) {
    const content = (response as { content?: Record<string, { schema?: unknown }> }).content;
    if (Number(status) < 300 && content?.['text/csv']) content['text/csv'] = { schema: { type: 'string', description: 'CSV with a header row, UTF-8, sent as a named file' } };
  }
  if (method === 'post' && path.startsWith('/api/v1/') && !operation.parameters?.some((p) => 'name' in p && p.name === 'Idempotency-Key')) {
    operation.parameters = [
      ...(operation.parameters ?? []),
      {
        name: 'Idempotency-Key',
        in: 'header',
        required: false,
        description: 'Up to 200 characters; a retry with the same key and request gets the first answer again (Idempotent-Replayed: true) and runs nothing',
        schema: { type: 'string', maxLength: 200 },
      },
    ];
  }
}

/** Adds the shared error answers, the error schema and the CSV and bearer descriptions to a generated document. */
export function completeOpenApiDocument(document: OpenAPIObject): OpenAPIObject {
  document.components = document.components ?? {};
  document.components.schemas = { ...document.components.schemas, ErrorDto: ERROR_SCHEMA as never };
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (operation) completeOperation(path, method, operation);
    }
  }
  return document;
}

export function setUpOpenApi(app: INestApplication): void {
  const generated = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('LeadGate API')
      .setDescription(
        'Partner lead intake, allocation and follow-up. Authenticate with `Authorization: Bearer <token>`. Errors are ' +
          '`{statusCode, message, errors[]}`; every POST honours an `Idempotency-Key` header.',
      )
      .setVersion('1')
      .addBearerAuth({
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'opaque',
        description: 'An opaque API token (`lg_…`, from /admin/tokens or a partner admin’s /integrations): send it as is, it carries no claims',
      })
      .build(),
  );
  SwaggerModule.setup('api/docs', app, completeOpenApiDocument(generated));
}
