import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';

/**
 * The value must sort after a sibling property's value. Compares strings, which is right for
 * fixed-width forms such as "HH:mm"; skipped when the sibling is missing (its own rules report that).
 */
export function IsLaterThan(sibling: string, options?: ValidationOptions): PropertyDecorator {
  return (object, propertyName) =>
    registerDecorator({
      name: 'isLaterThan',
      target: object.constructor,
      propertyName: propertyName as string,
      constraints: [sibling],
      options,
      validator: {
        validate(value: unknown, args: ValidationArguments): boolean {
          const other = (args.object as Record<string, unknown>)[sibling];
          if (typeof other !== 'string' || typeof value !== 'string') return true;
          return value > other;
        },
        defaultMessage: (args) => `${args?.property} must be later than ${sibling}`,
      },
    });
}
