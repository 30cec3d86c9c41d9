/** Errors a user can act on, thrown by services and mapped to HTTP by DomainErrorFilter. */
export enum DomainErrorCode {
  NotFound = 'not_found',
  Conflict = 'conflict',
  InvalidInput = 'invalid_input',
  Forbidden = 'forbidden',
}

export interface FieldProblem {
  field: string;
  problems: string[];
}

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly fields: FieldProblem[] = [],
  ) {
    super(message);
  }

  static notFound(what: string): DomainError {
    return new DomainError(DomainErrorCode.NotFound, `${what} not found`);
  }
  static conflict(message: string): DomainError {
    return new DomainError(DomainErrorCode.Conflict, message);
  }
  static invalid(fields: FieldProblem[], message = 'Validation failed'): DomainError {
    return new DomainError(DomainErrorCode.InvalidInput, message, fields);
  }
}
