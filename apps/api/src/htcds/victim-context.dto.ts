import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayUnique, IsArray, IsIn, IsOptional } from 'class-validator';
import {
  HTCDS_METHODS_OF_CONTROL,
  HTCDS_METHODS_OF_RECRUITMENT,
  HTCDS_TYPES_OF_EXPLOITATION,
  HTCDS_TYPES_OF_SEX_EXPLOITATION,
  type HtcdsMethodOfControl,
  type HtcdsMethodOfRecruitment,
  type HtcdsTypeOfExploitation,
  type HtcdsTypeOfSexExploitation,
  type VictimContext,
} from '@ariadne/domain';

const list = (values: readonly string[], field: string) =>
  [
    ApiPropertyOptional({ enum: values, isArray: true, description: `HTCDS 2.0 ${field}` }),
    IsOptional(),
    IsArray(),
    ArrayUnique(),
    IsIn(values, { each: true }),
  ] as const;

function apply(decorators: readonly PropertyDecorator[]): PropertyDecorator {
  return (target, key) => decorators.forEach((d) => d(target, key));
}

/**
 * HTCDS victim context (`vic_`), optional on the needs assessment (P6): value names of the
 * standard's picklists. "Human Trafficking Case Data Standard (HTCDS) by IOM", CC BY 4.0.
 */
export class VictimContextDto {
  @apply(list(HTCDS_TYPES_OF_EXPLOITATION, 'vic_TypeOfExploitation'))
  typeOfExploitation?: HtcdsTypeOfExploitation[] | null;

  @apply(list(HTCDS_TYPES_OF_SEX_EXPLOITATION, 'vic_TypeOfSexExploitation'))
  typeOfSexExploitation?: HtcdsTypeOfSexExploitation[] | null;

  @apply(list(HTCDS_METHODS_OF_RECRUITMENT, 'vic_MethodOfRecruitment'))
  methodOfRecruitment?: HtcdsMethodOfRecruitment[] | null;

  @apply(list(HTCDS_METHODS_OF_CONTROL, 'vic_MethodsOfControl'))
  methodsOfControl?: HtcdsMethodOfControl[] | null;
}

/** The command's victim context: null fields are absent (never a 500), an empty one is left out. */
export function victimContextOf(dto: VictimContextDto | null | undefined): {
  victimContext?: VictimContext;
} {
  if (!dto) return {};
  const out: Record<string, readonly string[]> = {};
  for (const [k, v] of Object.entries(dto) as [string, string[] | null | undefined][]) {
    if (Array.isArray(v) && v.length > 0) out[k] = v;
  }
  return Object.keys(out).length > 0 ? { victimContext: out as VictimContext } : {};
}
