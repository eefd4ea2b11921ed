import { applyDecorators, HttpStatus } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsObject,
  IsOptional,
  ValidateBy,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { type Communication, isLanguage } from '@ariadne/domain';
import { problem } from '../../common/problem';

/**
 * Validation helpers shared by the command DTOs. Messages name the field and what it must be,
 * never the value sent (it may be personal).
 */

/** BCP 47, as the domain checks it (R5, R10, R12: the language of her decision). */
export const IsLanguage = (): PropertyDecorator =>
  ValidateBy({
    name: 'isLanguage',
    validator: {
      validate: (value: unknown) => isLanguage(value),
      defaultMessage: () => '$property must be a BCP 47 language code such as "ro" or "pt-BR"',
    },
  });

/**
 * The field belongs to one variant only: required when `field` has one of `values`, refused
 * otherwise. The property's other validators run exactly when it is required or present.
 */
export function OnlyWhen(field: string, values: readonly string[]): PropertyDecorator {
  const applies = (o: object): boolean =>
    values.includes(String((o as Record<string, unknown>)[field]));
  return applyDecorators(
    ValidateIf((o: object, value: unknown) => applies(o) || value !== undefined),
    ValidateBy({
      name: 'onlyWhen',
      validator: {
        validate: (_value: unknown, args) => applies(args?.object ?? {}),
        defaultMessage: () =>
          `$property is allowed only when ${field} is ${values.map((v) => `"${v}"`).join(' or ')}`,
      },
    }),
  );
}

/**
 * An optional nested object validated as its own class (unknown fields refused there too).
 * (`type: () => cls()`: @nestjs/swagger takes a thunk for a type only when it is named `type`.)
 */
export function NestedOptional(cls: () => new () => object, description?: string) {
  return applyDecorators(
    ApiProperty({ type: () => cls(), required: false, description }),
    IsOptional(),
    IsObject(),
    ValidateNested(),
    Type(cls),
  );
}

/** A required nested object. */
export function NestedRequired(cls: () => new () => object, description?: string) {
  return applyDecorators(
    ApiProperty({ type: () => cls(), description }),
    IsObject(),
    ValidateNested(),
    Type(cls),
  );
}

/** How she expressed her decision: the language she used and whether an interpreter was used. */
export class CommunicationDto {
  @ApiProperty({ example: 'ro', description: 'BCP 47 code of the language she used' })
  @IsLanguage()
  language!: string;

  @ApiProperty({ description: 'Whether an interpreter was used' })
  @IsBoolean()
  interpreterUsed!: boolean;
}

export function toCommunication(d: CommunicationDto): Communication {
  return { language: d.language, interpreterUsed: d.interpreterUsed };
}

/** Her decision is recorded as hers: the body carries how she expressed it (R12). */
export const HerCommunication = (): PropertyDecorator =>
  NestedRequired(
    () => CommunicationDto,
    'Her decision, as she expressed it: language and interpreter (recorded as her decision)',
  );

/** A command without fields; any field sent is refused (400). */
export class EmptyBodyDto {}

/** The object without its undefined values (so that absent fields stay absent). */
export function compact<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** A field the DTO's validation guarantees here; were it missing, 400 names it. */
export function given<T>(value: T | undefined, field: string): T {
  if (value === undefined) {
    throw problem(HttpStatus.BAD_REQUEST, 'invalid-request', 'The request is not valid', {
      detail: `${field}: is required`,
      errors: [{ field, message: 'is required' }],
    });
  }
  return value;
}
