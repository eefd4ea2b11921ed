import { notificationsFor } from './notifications';

describe('inbox rows of an event', () => {
  it('R18: a referral reaches the supervisors of the receiving organisation, not the sender', () => {
    const rows = notificationsFor('0b5f3c1e-6a0e-4d8c-9a61-3f2d1c0b9a87', 'se-ngo-1', {
      eventId: '7d1e0c8a-2b3f-4c5d-8e9f-0a1b2c3d4e5f',
      type: 'CrossBorderReferralSent',
      data: {
        referralId: 'referral-1',
        recipientOrganisationId: 'ro-recv-1',
        recipientCountry: 'RO',
        purpose: 'services',
        categories: ['identity'],
        consentId: 'consent-1',
        sentAt: '2026-12-01T10:00:00.000Z',
        personal: { identity: 'encrypted-token' },
      },
    });
    expect(rows).toEqual([
      {
        eventId: '7d1e0c8a-2b3f-4c5d-8e9f-0a1b2c3d4e5f',
        caseId: '0b5f3c1e-6a0e-4d8c-9a61-3f2d1c0b9a87',
        organisationId: 'ro-recv-1',
        recipientUserId: null,
        recipientRole: 'supervisor',
        kind: 'referral',
        deadline: null,
        dueAt: null,
        createdAt: new Date('2026-12-01T10:00:00.000Z'),
      },
    ]);
    expect(JSON.stringify(rows)).not.toContain('encrypted-token');
  });
});
