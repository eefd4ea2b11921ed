import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsOptional, ValidateBy } from 'class-validator';
import { isOccurredAtText } from '@ariadne/domain';

const DESCRIPTION =
  'When it happened, if earlier than now (ISO 8601 date-time with an offset, e.g. ' +
  '"2026-03-01T10:00:00Z"). Never in the future (R24), never before the case was opened (R25), ' +
  "never older than the country policy's maximum recording lag, P90D by default (R26). Deadlines, " +
  'the reflection period and reminders run from it; the event keeps both times. Absent or null: now.';

/**
 * `occurredAt` of a command that records something that happened (issue 10). `null` means
 * absent (IsOptional); a malformed value is 400 naming the field; a value that breaks R24–R26
 * is 422 naming the rule (the domain decides).
 */
export function OccurredAtField(): PropertyDecorator {
  return applyDecorators(
    ApiProperty({
      type: String,
      required: false,
      nullable: true,
      format: 'date-time',
      description: DESCRIPTION,
    }),
    IsOptional(),
    ValidateBy({
      name: 'isOccurredAt',
      validator: {
        validate: (value: unknown) => isOccurredAtText(value),
        defaultMessage: () => '$property must be an ISO 8601 date-time with a time zone',
      },
    }),
  );
}

/** The field as the command takes it: absent when null or left out. */
export function occurredAtOfBody(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const value = (body as { occurredAt?: unknown }).occurredAt;
  return typeof value === 'string' ? value : undefined;
}
