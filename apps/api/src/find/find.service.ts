import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { Actor } from '@ariadne/domain';
import { BlindIndexRepository, DATA_SOURCE } from '@ariadne/persistence';
import { BlindIndexer, SECURITY_CONFIG, type SecurityConfig } from '@ariadne/security';
import { problem } from '../common/problem';
import type { FindCasesDto, FindCasesResultDto } from './find.dto';

const MAX_MATCHES = 20;

const nothingToFind = () =>
  problem(HttpStatus.BAD_REQUEST, 'invalid-request', 'The request is not valid', {
    detail: 'Give at least one of name, dateOfBirth, phone, documentNumber',
    errors: [
      { field: 'name', message: 'give at least one of name, dateOfBirth, phone, documentNumber' },
    ],
  });

/** Find before you open: her earlier cases in the caller's organisation, by blind index only. */
@Injectable()
export class FindService {
  private readonly indexer: BlindIndexer;
  private readonly index: BlindIndexRepository;

  constructor(
    @Inject(SECURITY_CONFIG) security: SecurityConfig,
    @Inject(DATA_SOURCE) ds: DataSource,
  ) {
    this.indexer = new BlindIndexer(security.masterKeys);
    this.index = new BlindIndexRepository(ds);
  }

  async find(actor: Actor, dto: FindCasesDto): Promise<FindCasesResultDto> {
    const probes = this.indexer.probes(actor.organisationId, dto);
    if (probes.length === 0) throw nothingToFind();
    const matches = await this.index.find(actor.organisationId, probes, MAX_MATCHES);
    return { matches: matches.map((m) => ({ ...m })) };
  }
}
