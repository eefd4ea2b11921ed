import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { createHmac, hkdfSync } from 'node:crypto';
import type { DataSource } from 'typeorm';
import ExcelJS from 'exceljs';
import {
  type Actor,
  type CaseCommand,
  type HtcdsCaseFacts,
  type HtcdsEventView,
  type HtcdsExportMetadata,
  type HtcdsExportRow,
  type IdentificationDecider,
  type RowRefusal,
  type TemplateCase,
  DECISION_MAKING_ORG,
  HTCDS_EXPORT_COLUMNS,
  TEMPLATE_FIRST_ROW,
  TEMPLATE_SHEET,
  exportMetadata,
  foldHtcdsFacts,
  kAnonymise,
  parseTemplateRow,
  templateColumns,
} from '@ariadne/domain';
import { DATA_SOURCE, organisationType } from '@ariadne/persistence';
import {
  CASE_KEYS,
  type CaseKeyStore,
  SECURITY_CONFIG,
  type SecurityConfig,
  openIdentityOnly,
} from '@ariadne/security';
import { BoardScopeResolver, parseCaseId } from '../access';
import { CaseCommandsService } from '../cases/case-commands.service';
import type { RequestContext } from '../cases/request-context';
import { problem } from '../common/problem';
import { csvField, toCsv } from '../statistics/csv';

/** The event types the export reads; everything else of a case is never loaded. */
const EXPORT_EVENT_TYPES = [
  'CaseOpened',
  'PersonDetailsRecorded',
  'IdentificationDecided',
  'ConclusiveIdentificationDecided',
  'NeedsAssessed',
  'ServiceProvided',
  'CrossBorderReferralSent',
  'ReturnExecuted',
  'CaseClosed',
  'CaseReopened',
  'PersonalDataErased',
];

/** R26a: what the import sets on its commands' envelopes (server-side only). */
const CARRIED_OVER = 'htcds-import';

/** The most rows one template may bring (the template itself has 1 000). */
export const MAX_IMPORT_ROWS = 1000;
/** Cases imported side by side. */
const IMPORT_CONCURRENCY = 4;

export interface HtcdsExport {
  readonly metadata: HtcdsExportMetadata;
  readonly rows: readonly HtcdsExportRow[];
}

export interface ImportReport {
  readonly dryRun: boolean;
  readonly rows: number;
  /** Rows that would be (dry run) or were imported now. */
  readonly accepted: number;
  /** Rows imported by an earlier run of the same file (idempotent). */
  readonly alreadyImported: number;
  readonly refused: readonly RowRefusal[];
  /** Rows refused (each may have several refusals). */
  readonly refusedRows: number;
  readonly caseIds: readonly string[];
}

const DECIDER_OF: Readonly<Record<string, IdentificationDecider>> = {
  Police: 'police',
  NGO: 'ngo',
  CourtOrProsecution: 'other',
  NonPoliceGovernmentalOrganization: 'migration-authority',
  Other: 'other',
};

/**
 * HTCDS 2.0: the de-identified case-level export for a national coordinator and the import of
 * an organisation's cases from the standard's Excel template (docs/htcds.md).
 */
@Injectable()
export class HtcdsService {
  constructor(
    @Inject(DATA_SOURCE) private readonly ds: DataSource,
    @Inject(CASE_KEYS) private readonly keys: CaseKeyStore,
    @Inject(SECURITY_CONFIG) private readonly security: SecurityConfig,
    private readonly scopes: BoardScopeResolver,
    private readonly commands: CaseCommandsService,
  ) {}

  // ───────────────────────────── export ─────────────────────────────

  /** Every case of the coordinator's country (or one organisation of it), k-anonymised. */
  async export(
    actor: Actor,
    options: { k: number; organisationId?: string },
    now = new Date(),
  ): Promise<HtcdsExport> {
    const scope = await this.scopes.resolve('coordination', actor);
    const country = 'country' in scope ? scope.country : undefined;
    if (!country) {
      throw problem(HttpStatus.FORBIDDEN, 'forbidden', 'Only a national coordinator exports');
    }
    const facts = await this.loadFacts(country, options.organisationId);
    const result = kAnonymise(facts, { k: options.k });
    return {
      metadata: exportMetadata(result, country, options.k, now.toISOString()),
      rows: result.rows,
    };
  }

  private async loadFacts(country: string, organisationId?: string): Promise<HtcdsCaseFacts[]> {
    const orgs: { id: string; type: string }[] = await this.ds.query(
      'SELECT id, type FROM organisations WHERE country = $1',
      [country],
    );
    const orgType = new Map(orgs.map((o) => [o.id, organisationType(o.type)]));
    const params: unknown[] = [country, EXPORT_EVENT_TYPES];
    let where = 's.country = $1 AND e.type = ANY($2)';
    if (organisationId) {
      params.push(organisationId);
      where += ' AND s.organisation_id = $3';
    }
    const rows: { case_id: string; organisation_id: string; type: string; data: unknown }[] =
      await this.ds.query(
        `SELECT e.case_id, s.organisation_id, e.type, e.data
           FROM case_events e JOIN case_summaries s ON s.case_id = e.case_id
          WHERE ${where}
          ORDER BY e.case_id, e.version`,
        params,
      );
    const byCase = new Map<string, { org: string; events: HtcdsEventView[] }>();
    for (const r of rows) {
      let entry = byCase.get(r.case_id);
      if (!entry) byCase.set(r.case_id, (entry = { org: r.organisation_id, events: [] }));
      let data = r.data as Record<string, unknown>;
      if (r.type === 'PersonDetailsRecorded') {
        // Only her identity category is opened: sex, birth date, citizenship (P3).
        const opened = await openIdentityOnly(this.keys, r.case_id, data);
        if (!opened) continue;
        data = opened;
      }
      entry.events.push({ type: r.type, data });
    }
    const out: HtcdsCaseFacts[] = [];
    for (const [, { org, events }] of byCase) {
      const type = orgType.get(org);
      const f = foldHtcdsFacts(events, { country, ...(type && { type }) });
      if (f) out.push(f);
    }
    return out;
  }

  // ───────────────────────────── import ─────────────────────────────

  /** Reads the template's "Case Sheet"; 422 naming what is wrong with the file, never its content. */
  async readTemplate(
    file: Buffer,
    today: string,
  ): Promise<{ cases: TemplateCase[]; refused: RowRefusal[]; rows: number }> {
    const wb = new ExcelJS.Workbook();
    try {
      await wb.xlsx.load(file as unknown as ArrayBuffer);
    } catch {
      throw problem(
        HttpStatus.UNPROCESSABLE_ENTITY,
        'htcds.not-xlsx',
        'The file is not an Excel workbook',
      );
    }
    const ws = wb.getWorksheet(TEMPLATE_SHEET);
    if (!ws) {
      throw problem(
        HttpStatus.UNPROCESSABLE_ENTITY,
        'htcds.no-case-sheet',
        'The workbook has no "Case Sheet"',
        {
          detail: 'Use the HTCDS 2.0 Excel template: its first sheet is "Case Sheet".',
        },
      );
    }
    const values = (n: number): unknown[] => {
      const v = ws.getRow(n).values;
      return Array.isArray(v) ? v : [];
    };
    const columns = templateColumns(values(1), values(2));
    if (![...columns.values()].some((c) => c.startsWith('prs_') || c.startsWith('vic_'))) {
      throw problem(
        HttpStatus.UNPROCESSABLE_ENTITY,
        'htcds.no-columns',
        'Row 1 holds no HTCDS field names',
      );
    }
    const cases: TemplateCase[] = [];
    const refused: RowRefusal[] = [];
    let rows = 0;
    const last = Math.min(ws.rowCount, TEMPLATE_FIRST_ROW + MAX_IMPORT_ROWS + 100);
    for (let n = TEMPLATE_FIRST_ROW; n <= last; n++) {
      const parsed = parseTemplateRow(n, values(n), columns, today);
      if (!parsed) continue;
      rows++;
      if (rows > MAX_IMPORT_ROWS) {
        throw problem(
          HttpStatus.PAYLOAD_TOO_LARGE,
          'htcds.too-many-rows',
          'Too many cases in one file',
          {
            detail: `A file may hold at most ${MAX_IMPORT_ROWS} cases; row ${n} is one too many.`,
            errors: [{ field: `row ${n}`, message: 'htcds.too-many-rows' }],
          },
        );
      }
      if (parsed.ok) cases.push(parsed.value);
      else refused.push(...parsed.refusals);
    }
    return { cases, refused, rows };
  }

  /**
   * A dry run reports what would be refused and why (rule ids and field names only); the import
   * opens each accepted case through the normal commands, where decide enforces the rules. A row
   * the same organisation imported before (same source id and content) is passed over.
   */
  async import(
    actor: Actor,
    file: Buffer,
    options: { dryRun: boolean },
    ctx: RequestContext,
    now = new Date(),
  ): Promise<ImportReport> {
    const { cases, refused, rows } = await this.readTemplate(file, now.toISOString().slice(0, 10));
    const refusedRowNumbers = new Set(refused.map((r) => r.row));
    const keyed = cases.map((c) => ({ c, key: this.rowKey(actor.organisationId, c) }));
    const known = await this.importedKeys(
      actor.organisationId,
      keyed.map((k) => k.key),
    );
    const fresh = keyed.filter((k) => !known.has(k.key.toString('hex')));
    const alreadyImported = keyed.length - fresh.length;
    if (options.dryRun) {
      return {
        dryRun: true,
        rows,
        accepted: fresh.length,
        alreadyImported,
        refused,
        refusedRows: refusedRowNumbers.size,
        caseIds: [],
      };
    }
    const caseIds: string[] = [];
    const failed: RowRefusal[] = [...refused];
    // A few cases at a time: each is several workflow updates, mostly waiting on Temporal.
    let next = 0;
    const worker = async (): Promise<void> => {
      for (let i = next++; i < fresh.length; i = next++) {
        const { c, key } = fresh[i]!;
        try {
          const caseId = await this.importCase(actor, c, ctx);
          await this.ds.query(
            `INSERT INTO htcds_imports (organisation_id, row_key, case_id) VALUES ($1, $2, $3)
             ON CONFLICT DO NOTHING`,
            [actor.organisationId, key, caseId],
          );
          caseIds.push(caseId);
        } catch (e) {
          failed.push({ row: c.row, column: 'case', rule: ruleOf(e) });
          refusedRowNumbers.add(c.row);
        }
      }
    };
    await Promise.all(Array.from({ length: IMPORT_CONCURRENCY }, worker));
    failed.sort((a, b) => a.row - b.row);
    return {
      dryRun: false,
      rows,
      accepted: caseIds.length,
      alreadyImported,
      refused: failed,
      refusedRows: refusedRowNumbers.size,
      caseIds,
    };
  }

  /**
   * One case through the normal commands, as carried over from the organisation's previous
   * records (R26a: exempt from the maximum recording lag, still bound by R24 and R25). Her
   * referral date dates the opening (`occurredAt`), so that the case's deadlines run from it and
   * the export reports it. The template dates nothing else: the later facts are recorded as of
   * the import (never before her referral, R25), not given a date the file does not hold.
   */
  private async importCase(actor: Actor, c: TemplateCase, ctx: RequestContext): Promise<string> {
    const opened = await this.commands.open(
      actor,
      {
        referralSource: 'other',
        ...(c.referralDate !== undefined && { occurredAt: `${c.referralDate}T00:00:00Z` }),
      },
      { requestId: ctx.requestId },
      CARRIED_OVER,
    );
    const caseId = parseCaseId(opened.caseId);
    const send = (command: CaseCommand): Promise<unknown> =>
      this.commands.command(
        { actor, caseId, ctx: { requestId: ctx.requestId }, carriedOver: CARRIED_OVER },
        command as never,
      );
    const identity = c.identity;
    const contact = c.contact;
    if (Object.keys(identity).length > 0 || Object.keys(contact).length > 0) {
      await send({
        type: 'RecordPersonDetails',
        personal: {
          ...(Object.keys(identity).length > 0 && { identity }),
          ...(Object.keys(contact).length > 0 && { 'contact-location': contact }),
        },
      });
    }
    if (c.traffickingStatus) {
      const outcome =
        c.traffickingStatus === 'NotAVictimOfTrafficking'
          ? 'no-reasonable-grounds'
          : 'reasonable-grounds';
      const decidedBy = c.decisionMakingOrg ? DECIDER_OF[c.decisionMakingOrg] : 'other';
      await send({ type: 'RecordIdentification', outcome, decidedBy } as CaseCommand);
    }
    if (Object.keys(c.victim).length > 0) {
      await send({ type: 'RecordNeedsAssessment', needs: [], victimContext: c.victim });
    }
    if (c.closureReason) await send({ type: 'CloseCase', reason: c.closureReason });
    return caseId;
  }

  /** A keyed hash of the organisation, the row's source id and its content: no personal data stored. */
  private rowKey(organisationId: string, c: TemplateCase): Buffer {
    const content: Record<string, unknown> = { ...c };
    delete content['row'];
    const master = this.security.masterKeys.keys.get(this.security.masterKeys.currentKeyId);
    if (!master) throw new Error('No current master key');
    const key = Buffer.from(
      hkdfSync(
        'sha256',
        master,
        Buffer.from('ariadne/htcds-import/v1'),
        `org:${organisationId}`,
        32,
      ),
    );
    return createHmac('sha256', key).update(canonical(content)).digest();
  }

  private async importedKeys(organisationId: string, keys: Buffer[]): Promise<Set<string>> {
    if (keys.length === 0) return new Set();
    const rows: { row_key: Buffer }[] = await this.ds.query(
      'SELECT row_key FROM htcds_imports WHERE organisation_id = $1 AND row_key = ANY($2)',
      [organisationId, keys],
    );
    return new Set(rows.map((r) => Buffer.from(r.row_key).toString('hex')));
  }
}

/** JSON with sorted keys, so that the same row always hashes the same. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

/** The rule id of a refusal (a problem's type, a rule violation's rule), never its message. */
function ruleOf(e: unknown): string {
  if (e && typeof e === 'object') {
    const response = (e as { getResponse?: () => unknown }).getResponse?.();
    if (response && typeof response === 'object') {
      const r = response as { rule?: unknown; type?: unknown };
      if (typeof r.rule === 'string') return r.rule;
      if (typeof r.type === 'string') return r.type.replace(/^.*\/problems\//, '');
    }
  }
  return 'import-failed';
}

/** The export as CSV: metadata lines first ('#'), then the standard's column names, then rows. */
export function htcdsCsv(e: HtcdsExport): string {
  const meta = [
    `# ${e.metadata.standard} ${e.metadata.standardVersion} de-identified case-level export`,
    `# ${e.metadata.attribution}`,
    `# country=${e.metadata.country} generatedAt=${e.metadata.generatedAt} k=${e.metadata.k} generalisationLevel=${e.metadata.generalisationLevel} suppressedRows=${e.metadata.suppressedRows} rows=${e.metadata.rows}`,
  ]
    .map((l) => csvField(l) + '\r\n')
    .join('');
  return meta + toCsv(HTCDS_EXPORT_COLUMNS, e.rows);
}

export { DECISION_MAKING_ORG };
