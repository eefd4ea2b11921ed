import { PERSONAL_DATA } from '@ariadne/domain';
import { LOCALES } from '@ariadne/persistence';
import { pdfText } from '../../../../../test/support/pdf';
import { SUBJECT_DATA_CATALOGUES, message } from './catalogue';
import {
  currentDetails,
  eventSentence,
  renderSubjectDataPdf,
  type SubjectDataEvent,
  subjectDataJson,
} from './document';
import { exportFilename } from './subject-data.service';

const timeline: SubjectDataEvent[] = [
  {
    version: 1,
    type: 'CaseOpened',
    occurredAt: '2026-03-01T09:00:00.000Z',
    actorRole: 'caseworker',
    data: { referralSource: 'police' },
  },
  {
    version: 2,
    type: 'PersonDetailsRecorded',
    occurredAt: '2026-03-01T09:05:00.000Z',
    actorRole: 'caseworker',
    data: { personal: { identity: { givenName: 'Ieva', nationality: 'LV' } } },
  },
  {
    version: 3,
    type: 'PersonDetailsRecorded',
    occurredAt: '2026-03-02T10:00:00.000Z',
    actorRole: 'caseworker',
    data: {
      personal: { identity: { givenName: 'Ieva Līga' }, 'contact-location': { phone: '+4670000' } },
    },
  },
  {
    version: 4,
    type: 'SomethingNewer',
    occurredAt: '2026-03-03T10:00:00.000Z',
    actorRole: 'system',
    data: {},
  },
];

describe('subject-data export: catalogue', () => {
  const keys = Object.keys(SUBJECT_DATA_CATALOGUES.en).sort();

  it('has the same keys, none empty, in all nine languages', () => {
    expect(Object.keys(SUBJECT_DATA_CATALOGUES).sort()).toEqual([...LOCALES].sort());
    for (const locale of LOCALES) {
      expect([locale, Object.keys(SUBJECT_DATA_CATALOGUES[locale]).sort()]).toEqual([locale, keys]);
      for (const k of keys) expect(SUBJECT_DATA_CATALOGUES[locale][k]!.trim()).not.toBe('');
    }
  });

  it('is translated: no language but English repeats the English headings', () => {
    for (const locale of LOCALES.filter((l) => l !== 'en')) {
      for (const k of ['title', 'section.rights', 'section.timeline', 'event.CaseOpened']) {
        expect([locale, k, message(locale, k)]).not.toEqual([locale, k, message('en', k)]);
      }
    }
  });

  it('says every event type of the domain in plain words, in every language', () => {
    for (const type of Object.keys(PERSONAL_DATA)) {
      for (const locale of LOCALES) {
        const sentence = eventSentence(locale, type);
        expect([type, locale, sentence]).not.toEqual([
          type,
          locale,
          message(locale, 'event.unknown'),
        ]);
      }
    }
    expect(eventSentence('sv', 'SomethingNewer')).toBe('Ett annat steg registrerades.');
  });

  it('fills placeholders and refuses a missing key', () => {
    expect(message('sv', 'timeline.by', { role: 'handläggare' })).toBe(
      'registrerat av: handläggare',
    );
    expect(() => message('sv', 'no.such.key')).toThrow(/no message/);
  });
});

describe('subject-data export: document', () => {
  it('folds her latest details per category from the timeline', () => {
    expect(currentDetails(timeline)).toEqual({
      erased: false,
      categories: {
        identity: { givenName: 'Ieva Līga', nationality: 'LV' },
        'contact-location': { phone: '+4670000' },
      },
    });
  });

  it('shows nothing of her once erased', () => {
    const erased = [
      ...timeline,
      {
        version: 5,
        type: 'PersonalDataErased',
        occurredAt: '2026-04-01T00:00:00.000Z',
        actorRole: 'supervisor',
        data: { personal: { identity: { erased: true } } },
      },
    ];
    expect(currentDetails(erased)).toEqual({ erased: true, categories: {} });
  });

  it('keeps the timeline events as they are, in order', () => {
    const json = subjectDataJson({
      reference: 'SE-ABCD-EFGH-X',
      organisation: { name: 'Demo NGO', country: 'SE' },
      language: 'lv',
      generatedAt: new Date('2026-05-01T12:00:00.000Z'),
      timeline,
    });
    expect(json.events).toEqual(timeline);
    expect(json).toMatchObject({
      caseReference: 'SE-ABCD-EFGH-X',
      language: 'lv',
      generatedAt: '2026-05-01T12:00:00.000Z',
    });
  });

  it('renders a Latvian PDF whose text holds the Latvian headings and her details', async () => {
    const json = subjectDataJson({
      reference: 'SE-ABCD-EFGH-X',
      organisation: { name: 'Demo NGO', country: 'SE' },
      language: 'lv',
      generatedAt: new Date('2026-05-01T12:00:00.000Z'),
      timeline,
    });
    const { text } = await pdfText(await renderSubjectDataPdf(json));
    for (const k of [
      'title',
      'section.holder',
      'section.data',
      'section.timeline',
      'section.rights',
      'category.identity',
      'event.CaseOpened',
    ]) {
      expect(text).toContain(message('lv', k));
    }
    expect(text).toContain('Ieva Līga');
    expect(text).toContain('SE-ABCD-EFGH-X');
    expect(text).toContain(message('lv', 'event.unknown'));
  });

  it('names the file by the case reference and the day only', () => {
    expect(exportFilename('SE-ABCD-EFGH-X', new Date('2026-05-01T23:00:00Z'))).toBe(
      'SE-ABCD-EFGH-X-2026-05-01.zip',
    );
    expect(exportFilename(null, new Date('2026-05-01T23:00:00Z'))).toBe('case-2026-05-01.zip');
    expect(exportFilename('a"b/../c', new Date('2026-05-01T00:00:00Z'))).toBe('abc-2026-05-01.zip');
  });
});
