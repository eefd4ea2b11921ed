import { Injectable } from '@nestjs/common';
import type { Actor } from '@ariadne/domain';
import { IdentityRepository, type Locale } from '@ariadne/persistence';
import type { CaseId } from '../../access';
import { CaseReadsService } from '../../cases/case-reads.service';
import { encryptedZip } from '../archive';
import { renderSubjectDataPdf, subjectDataJson } from './document';

export interface SubjectDataExport {
  readonly filename: string;
  readonly archive: Buffer;
}

/**
 * Her own data (GDPR Art. 15, 20), for her caseworker to hand over: a readable PDF in her
 * language and the same timeline as JSON, in one AES-256 encrypted zip. Reads the case through
 * the same timeline the case page shows (P3: what this caseworker may see), so the JSON's events
 * are exactly the timeline's.
 */
@Injectable()
export class SubjectDataService {
  constructor(
    private readonly reads: CaseReadsService,
    private readonly identity: IdentityRepository,
  ) {}

  async export(
    actor: Actor,
    caseId: CaseId,
    language: Locale,
    password: string,
    now: Date = new Date(),
  ): Promise<SubjectDataExport> {
    // Both check that the case is hers to read (404 otherwise, P3).
    const summary = await this.reads.get(actor, caseId);
    const timeline = await this.reads.timeline(actor, caseId);
    const org = await this.identity.findOrganisationById(summary.organisationId);
    const json = subjectDataJson({
      reference: summary.reference ?? caseId,
      organisation: {
        name: org?.name ?? summary.organisationId,
        country: org?.country ?? summary.country,
      },
      language,
      generatedAt: now,
      timeline,
    });
    const pdf = await renderSubjectDataPdf(json);
    const archive = await encryptedZip(
      [
        { name: 'subject-data.pdf', content: pdf },
        { name: 'subject-data.json', content: JSON.stringify(json, null, 2) },
      ],
      password,
      now,
    );
    return { filename: exportFilename(summary.reference, now), archive };
  }
}

/** The case reference and the day: nothing of her in the name (P1). */
export function exportFilename(reference: string | null, now: Date): string {
  const safe = (reference ?? 'case').replace(/[^A-Za-z0-9-]/g, '');
  return `${safe || 'case'}-${now.toISOString().slice(0, 10)}.zip`;
}
