import PDFDocument from 'pdfkit';
import { DATA_CATEGORIES, type DataCategory } from '@ariadne/domain';
import { type Locale, timeZoneOfCountry } from '@ariadne/persistence';
import { isErased } from '@ariadne/security';
import { message, optionalMessage } from './catalogue';

/** One entry of the case's timeline, exactly as GET /cases/{id}/timeline answers it. */
export interface SubjectDataEvent {
  readonly version: number;
  readonly type: string;
  readonly occurredAt: string;
  readonly actorRole: string;
  readonly data: unknown;
}

export interface SubjectDataInput {
  readonly reference: string;
  readonly organisation: { readonly name: string; readonly country: string };
  readonly language: Locale;
  readonly generatedAt: Date;
  /** The timeline as the requesting caseworker may read it (P3), in order. */
  readonly timeline: readonly SubjectDataEvent[];
}

/** The machine-readable half of the export (GDPR Art. 20): subject-data.json. */
export interface SubjectDataJson {
  readonly format: 'ariadne-subject-data';
  readonly formatVersion: 1;
  readonly caseReference: string;
  readonly generatedAt: string;
  readonly language: Locale;
  readonly controller: { readonly organisation: string; readonly country: string };
  /** P7: her personal data was erased; the events keep their dates and kinds only. */
  readonly erased: boolean;
  /** Per data category, the latest value of each field recorded. */
  readonly categories: Partial<Record<DataCategory, Record<string, string>>>;
  /** The timeline's events, the same and in the same order. */
  readonly events: readonly SubjectDataEvent[];
}

/** Her current details per category, folded from the timeline; erased once any is erased. */
export function currentDetails(timeline: readonly SubjectDataEvent[]): {
  erased: boolean;
  categories: Partial<Record<DataCategory, Record<string, string>>>;
} {
  const categories: Partial<Record<DataCategory, Record<string, string>>> = {};
  let erased = false;
  for (const e of timeline) {
    const personal = (e.data as { personal?: unknown } | null)?.personal;
    if (typeof personal !== 'object' || personal === null) continue;
    for (const [category, value] of Object.entries(personal)) {
      if (!(DATA_CATEGORIES as readonly string[]).includes(category)) continue;
      if (isErased(value)) {
        erased = true;
        continue;
      }
      if (typeof value !== 'object' || value === null) continue;
      const fields = (categories[category as DataCategory] ??= {});
      for (const [field, v] of Object.entries(value)) if (typeof v === 'string') fields[field] = v;
    }
  }
  return { erased, categories: erased ? {} : categories };
}

export function subjectDataJson(input: SubjectDataInput): SubjectDataJson {
  const { erased, categories } = currentDetails(input.timeline);
  return {
    format: 'ariadne-subject-data',
    formatVersion: 1,
    caseReference: input.reference,
    generatedAt: input.generatedAt.toISOString(),
    language: input.language,
    controller: { organisation: input.organisation.name, country: input.organisation.country },
    erased,
    categories,
    events: input.timeline.map((e) => ({ ...e })),
  };
}

/** The plain-words sentence of an event in her language. */
export function eventSentence(language: Locale, type: string): string {
  return optionalMessage(language, `event.${type}`) ?? message(language, 'event.unknown');
}

const FONT = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const FONT_BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');

/**
 * The readable half (GDPR Art. 15): an A4 PDF in her language with DejaVu Sans embedded, so
 * that Baltic, Nordic and other Latin letters render wherever it is opened. Its metadata names
 * the document and the case reference only, nothing of her.
 */
export function renderSubjectDataPdf(doc: SubjectDataJson): Promise<Buffer> {
  const lang = doc.language;
  const t = (key: string, params?: Record<string, string>): string => message(lang, key, params);
  const timeZone = timeZoneOfCountry(doc.controller.country);
  const day = new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone });
  const moment = new Intl.DateTimeFormat(lang, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone,
  });
  const country =
    new Intl.DisplayNames([lang], { type: 'region' }).of(doc.controller.country) ??
    doc.controller.country;
  const generated = new Date(doc.generatedAt);

  const pdf = new PDFDocument({
    size: 'A4',
    margin: 56,
    lang,
    displayTitle: true,
    info: {
      Title: `${t('title')} – ${doc.caseReference}`,
      Producer: 'Ariadne',
      Creator: 'Ariadne',
      CreationDate: generated,
    },
  });
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  pdf.registerFont('body', FONT);
  pdf.registerFont('bold', FONT_BOLD);

  const heading = (text: string, size = 14): void => {
    pdf.moveDown(0.8).font('bold').fontSize(size).text(text).moveDown(0.3);
    pdf.font('body').fontSize(10.5);
  };
  const para = (text: string): void => {
    pdf.font('body').fontSize(10.5).text(text).moveDown(0.3);
  };
  const labelled = (label: string, value: string): void => {
    pdf.font('bold').fontSize(10.5).text(`${label}: `, { continued: true });
    pdf.font('body').text(value);
  };

  pdf.font('bold').fontSize(20).text(t('title'));
  pdf.moveDown(0.5);
  labelled(t('label.reference'), doc.caseReference);
  labelled(t('label.generated'), day.format(generated));
  labelled(t('label.organisation'), doc.controller.organisation);
  labelled(t('label.country'), country);
  pdf.moveDown(0.5);
  para(t('intro', { organisation: doc.controller.organisation, date: day.format(generated) }));

  heading(t('section.holder'));
  para(t('holder.text', { organisation: doc.controller.organisation, country }));

  heading(t('section.data'));
  if (doc.erased) para(t('data.erased'));
  else if (Object.keys(doc.categories).length === 0) para(t('data.empty'));
  else {
    for (const category of DATA_CATEGORIES) {
      const fields = doc.categories[category];
      if (!fields || Object.keys(fields).length === 0) continue;
      heading(t(`category.${category}`), 12);
      for (const [field, value] of Object.entries(fields)) {
        labelled(optionalMessage(lang, `field.${field}`) ?? field, value);
      }
    }
  }

  heading(t('section.timeline'));
  for (const e of doc.events) {
    const role = optionalMessage(lang, `role.${e.actorRole}`) ?? e.actorRole;
    pdf
      .font('bold')
      .fontSize(10.5)
      .text(moment.format(new Date(e.occurredAt)), { continued: true });
    pdf.font('body').text(`  ${eventSentence(lang, e.type)}`);
    pdf.fontSize(9).fillColor('#444444').text(t('timeline.by', { role }));
    pdf.fillColor('black').fontSize(10.5).moveDown(0.3);
  }

  heading(t('section.rights'));
  for (const right of [
    'access',
    'rectification',
    'erasure',
    'restriction',
    'portability',
    'objection',
    'complaint',
  ]) {
    pdf
      .font('body')
      .fontSize(10.5)
      .text(`•  ${t(`rights.${right}`)}`, { indent: 8 })
      .moveDown(0.2);
  }
  para(t('rights.nothingLost'));
  pdf.moveDown(0.5);
  pdf.fontSize(9).fillColor('#444444').text(t('footer.json'));
  pdf.end();
  return done;
}
