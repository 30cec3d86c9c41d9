import { registerDecorator, ValidationOptions } from 'class-validator';
import { IANAZone } from 'luxon';

export const isTimeZone = (value: unknown): boolean => typeof value === 'string' && IANAZone.isValidZone(value);

/** An IANA time zone name ("Europe/Berlin") that luxon can compute business hours in. */
export function IsTimeZone(options?: ValidationOptions): PropertyDecorator {
  return (object, propertyName) =>
    registerDecorator({
      name: 'isTimeZone',
      target: object.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: isTimeZone,
        defaultMessage: (args) => `${args?.property} must be an IANA time zone such as "Europe/Berlin"`,
      },
    });
}

/** The zones a person picks from: UTC, then every IANA zone this runtime knows (its canonical names). */
export const TIME_ZONES: readonly string[] = ['UTC', ...Intl.supportedValuesOf('timeZone')];
