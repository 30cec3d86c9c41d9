// How request bodies are read: size limits, UTF-8 only, bounded nesting, NUL-free page bodies — and every refusal a 4xx.
import { BadRequestException, HttpException, PayloadTooLargeException, UnsupportedMediaTypeException } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import express, { NextFunction, Request, RequestHandler, Response } from 'express';
import { nulCharacterProblems } from '@leadgate/common';

// Bulk intake takes up to 1000 leads in one body; express's default limit (100kb) is too small for that.
export const JSON_BODY_LIMIT = '2mb';
export const FORM_BODY_LIMIT = '100kb';
/** Deeper than any DTO we accept; bounded so validation (which recurses) can never overflow the stack. */
export const MAX_JSON_DEPTH = 32;

/**
 * body-parser's errors (http-errors: a 4xx `status`, `expose`, mostly a `type`; a broken gzip or brotli stream is a
 * zlib error wrapped as 400) are the client's fault, so they become 4xx answers with a reason.
 */
function toHttpException(error: unknown): unknown {
  const { status, type, expose, message } = error as { status?: unknown; type?: unknown; expose?: unknown; message?: string };
  if (typeof status !== 'number' || status < 400 || status >= 500 || (typeof type !== 'string' && expose !== true)) return error;
  if (status === 413) return new PayloadTooLargeException(`The request body is larger than allowed (JSON ${JSON_BODY_LIMIT}, forms ${FORM_BODY_LIMIT})`);
  if (status === 415) return new UnsupportedMediaTypeException(`Unsupported request body: ${message ?? type}`);
  if (type === 'entity.parse.failed') return new BadRequestException(`The request body is not valid JSON: ${message}`);
  return new HttpException(`The request body could not be read: ${message}`, status);
}

// Named as Nest names its own parsers, so it sees them in place and does not add its defaults behind them.
const refusingErrors = (name: 'jsonParser' | 'urlencodedParser', parser: RequestHandler): RequestHandler => {
  const handler: RequestHandler = (req, res, next) => parser(req, res, (error?: unknown) => next(error === undefined ? undefined : toHttpException(error)));
  return Object.defineProperty(handler, 'name', { value: name });
};

/** RFC 8259: JSON is UTF-8; forms from our pages are too. Anything else is refused before it is decoded. */
function utf8Only(req: Request, _res: Response, next: NextFunction): void {
  const hasBody = req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
  if (!hasBody) return next();
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(req.headers['content-type'] ?? '')?.[1]?.toLowerCase();
  if (charset === undefined || charset === 'utf-8' || charset === 'utf8' || charset === 'us-ascii') return next();
  next(new UnsupportedMediaTypeException(`Request bodies must be UTF-8, not "${charset}"`));
}

/** True when the value nests objects or arrays deeper than `max`; iterative, so it cannot overflow itself. */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (item === null || typeof item !== 'object') continue;
    if (depth >= max) return true;
    for (const child of Object.values(item)) stack.push([child, depth + 1]);
  }
  return false;
}

function boundedDepth(req: Request, _res: Response, next: NextFunction): void {
  if (nestsDeeperThan(req.body, MAX_JSON_DEPTH)) return next(new BadRequestException(`The request body nests more than ${MAX_JSON_DEPTH} levels deep`));
  next();
}

/**
 * PostgreSQL cannot store a NUL. The pages read their fields straight from the body (sign-in, password reset,
 * admin forms), so a field holding one is refused here, naming it. The JSON API checks each field in its
 * validation pipe instead (bulk intake per lead).
 */
function nulFreePageBodies(req: Request, _res: Response, next: NextFunction): void {
  if (req.path.startsWith('/api/')) return next();
  const problems = nulCharacterProblems(req.body);
  if (problems.length === 0) return next();
  next(new BadRequestException({ statusCode: 400, message: 'Validation failed', errors: problems }));
}

export function configureBodyParsing(app: NestExpressApplication): void {
  app.use(utf8Only);
  app.use(refusingErrors('jsonParser', express.json({ limit: JSON_BODY_LIMIT })), boundedDepth);
  app.use(refusingErrors('urlencodedParser', express.urlencoded({ extended: true, limit: FORM_BODY_LIMIT })), nulFreePageBodies);
}
