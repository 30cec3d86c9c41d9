import { ValidateIf, ValidationOptions } from 'class-validator';

/**
 * Like @IsOptional, but only for a missing value: null is still validated (and so rejected).
 * For optional fields whose column has a default and no null.
 */
export const Omittable = (options?: ValidationOptions): PropertyDecorator =>
  ValidateIf((_object, value) => value !== undefined, options);
