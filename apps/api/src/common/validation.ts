import { HttpStatus, ValidationPipe, type ValidationError } from '@nestjs/common';
import { type FieldError, problem } from './problem';

function flatten(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/**
 * Bodies are validated against their DTO; unknown fields are refused (not silently dropped),
 * so that no data the API did not plan for is ever stored. 400 names every bad field.
 */
export const validationPipe = new ValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  exceptionFactory: (errors) => {
    const fieldErrors = flatten(errors);
    return problem(HttpStatus.BAD_REQUEST, 'invalid-request', 'The request is not valid', {
      detail: fieldErrors.map((f) => `${f.field}: ${f.message}`).join('; '),
      errors: fieldErrors,
    });
  },
});
