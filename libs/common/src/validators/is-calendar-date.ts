import { isISO8601, registerDecorator, ValidationOptions } from 'class-validator';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar date written yyyy-mm-dd ("2026-02-30" and timestamps are rejected). */
export const isCalendarDate = (value: unknown): boolean =>
  typeof value === 'string' && DATE_ONLY.test(value) && isISO8601(value, { strict: true, strictSeparator: true });

export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return (object, propertyName) =>
    registerDecorator({
      name: 'isCalendarDate',
      target: object.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: isCalendarDate,
        defaultMessage: (args) =>
          options?.each ? `each value in ${args?.property} must be a date as yyyy-mm-dd` : `${args?.property} must be a date as yyyy-mm-dd`,
      },
    });
}
