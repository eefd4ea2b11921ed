import { Global, Inject, Injectable, Module } from '@nestjs/common';
import { randomInt } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { formatReference, REFERENCE_ALPHABET, REFERENCE_RANDOM_LENGTH } from '@ariadne/domain';
import { CaseReferenceRepository, DATA_SOURCE } from '@ariadne/persistence';

/** Draws before giving up; at 100,000 cases per country one draw in 300 collides. */
const ATTEMPTS = 8;

/** Five characters of the reference alphabet, from the operating system's CSPRNG. */
export function randomReferenceCharacters(): string {
  let out = '';
  for (let i = 0; i < REFERENCE_RANDOM_LENGTH; i++) {
    out += REFERENCE_ALPHABET[randomInt(REFERENCE_ALPHABET.length)];
  }
  return out;
}

/**
 * Case references, drawn here in the API (never in workflow code, which must be deterministic)
 * and reserved before the case opens, so that the OpenCase command carries it. A retried open of
 * the same case id (the same Idempotency-Key) gets the reference reserved the first time.
 */
@Injectable()
export class CaseReferences {
  private readonly repository: CaseReferenceRepository;

  constructor(@Inject(DATA_SOURCE) ds: DataSource) {
    this.repository = new CaseReferenceRepository(ds);
  }

  async reserve(caseId: string, country: string): Promise<string> {
    for (let i = 0; i < ATTEMPTS; i++) {
      const reserved = await this.repository.reserve(
        caseId,
        formatReference(country, randomReferenceCharacters()),
      );
      if (reserved) return reserved;
    }
    throw new Error('No free case reference after several draws');
  }
}

/** Global: opening a case (CasesModule) reserves its reference. */
@Global()
@Module({ providers: [CaseReferences], exports: [CaseReferences] })
export class CaseReferenceModule {}
