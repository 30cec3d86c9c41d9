import { ParseUUIDPipe } from '@nestjs/common';
import { DomainError } from './domain-error';

/** A malformed id can never match a row: answer 404 like any other unknown id. */
export const UuidParam = (what: string) =>
  new ParseUUIDPipe({ version: undefined, exceptionFactory: () => DomainError.notFound(what) });
