/**
 * The network and referral evolvers, one by one (mutation survivors of evolve/network.ts and
 * evolve/referral.ts, docs/mutation.md): refused facts kept until resolved, the count of
 * transfers proposed, the pending transfer cleared by any answer, and optional fields (a linked
 * case) copied only when the event has them.
 */
import { opened } from '../../../../../test/support/fixtures';
import type { CaseEvent } from '../events';
import { evolveAll } from '../evolve';
import { type ExistingCaseState, initialState } from '../state';

const T1 = '2026-01-06T08:00:00.000Z';
const T2 = '2026-01-07T08:00:00.000Z';

function stateAfter(...events: CaseEvent[]): ExistingCaseState {
  const s = evolveAll(initialState(), [opened(), ...events]);
  if (s.status === 'none') throw new Error('no case');
  return s;
}

const refusedFact = (factId: string): CaseEvent => ({
  type: 'PartnerFactRefused',
  data: {
    factId,
    factKind: 'shelter-check-in',
    partnerId: 'partner-1',
    rule: 'R2',
    refusedAt: T1,
  },
});
const proposed = (transferId: string): CaseEvent => ({
  type: 'TransferProposed',
  data: {
    transferId,
    fromOrganisationId: 'se-ngo-1',
    toOrganisationId: 'se-ngo-2',
    proposedBy: 'cw-1',
    proposedAt: T1,
    interpreterUsed: false,
  },
});
const sent: CaseEvent = {
  type: 'CrossBorderReferralSent',
  data: {
    referralId: 'referral-1',
    recipientOrganisationId: 'ro-ngo-1',
    recipientCountry: 'RO',
    purpose: 'return-reception',
    categories: ['identity'],
    consentId: 'consent-1',
    sentAt: T1,
    personal: {},
  },
};

describe('evolve: partner facts and transfers (R30, R31)', () => {
  it('keeps each refused fact, with what it was and why, until it is resolved', () => {
    const s = stateAfter(refusedFact('f-1'), refusedFact('f-2'));
    expect(s.refusedFacts).toEqual([
      {
        factId: 'f-1',
        factKind: 'shelter-check-in',
        partnerId: 'partner-1',
        rule: 'R2',
        refusedAt: T1,
      },
      expect.objectContaining({ factId: 'f-2' }),
    ]);
    const resolved = stateAfter(refusedFact('f-1'), refusedFact('f-2'), {
      type: 'RefusedFactResolved',
      data: { factId: 'f-1', resolvedBy: 'cw-1', resolvedAt: T2 },
    });
    expect(resolved.refusedFacts?.map((f) => f.factId)).toEqual(['f-2']);
    // A resolution on a case without refused facts leaves an empty list, not a crash.
    expect(
      stateAfter({
        type: 'RefusedFactResolved',
        data: { factId: 'f-9', resolvedBy: 'cw-1', resolvedAt: T2 },
      }).refusedFacts,
    ).toEqual([]);
  });

  it('counts every transfer proposed; any answer clears the pending one', () => {
    const once = stateAfter(proposed('transfer-1'));
    expect(once.transfer).toEqual({
      transferId: 'transfer-1',
      toOrganisationId: 'se-ngo-2',
      proposedBy: 'cw-1',
      proposedAt: T1,
    });
    expect(once.transfersProposed).toBe(1);
    const declined = stateAfter(proposed('transfer-1'), {
      type: 'TransferDeclined',
      data: {
        transferId: 'transfer-1',
        toOrganisationId: 'se-ngo-2',
        decidedBy: 's',
        declinedAt: T2,
      },
    });
    expect(declined.transfer).toBeUndefined();
    const again = stateAfter(
      proposed('transfer-1'),
      {
        type: 'TransferWithdrawn',
        data: { transferId: 'transfer-1', withdrawnBy: 'cw-1', withdrawnAt: T2 },
      },
      proposed('transfer-2'),
    );
    expect([again.transfer?.transferId, again.transfersProposed]).toEqual(['transfer-2', 2]);
    const accepted = stateAfter(proposed('transfer-1'), {
      type: 'TransferAccepted',
      data: {
        transferId: 'transfer-1',
        fromOrganisationId: 'se-ngo-1',
        toOrganisationId: 'se-ngo-2',
        previousAssigneeId: 'cw-1',
        assigneeId: 'cw-9',
        decidedBy: 's',
        acceptedAt: T2,
      },
    });
    expect([accepted.transfer, accepted.organisationId, accepted.assigneeId]).toEqual([
      undefined,
      'se-ngo-2',
      'cw-9',
    ]);
  });
});

describe('evolve: referrals (R18)', () => {
  it('an acceptance copies the linked case only when the receiver opened one', () => {
    const bySender = stateAfter(sent, {
      type: 'CrossBorderReferralAccepted',
      data: { referralId: 'referral-1', respondedAt: T2 },
    }).referrals[0]!;
    expect(bySender).toMatchObject({ status: 'accepted', respondedAt: T2 });
    expect(Object.keys(bySender)).not.toContain('linkedCaseId');
    const byReceiver = stateAfter(sent, {
      type: 'CrossBorderReferralAccepted',
      data: { referralId: 'referral-1', respondedAt: T2, linkedCaseId: 'case-2' },
    }).referrals[0];
    expect(byReceiver).toMatchObject({ status: 'accepted', linkedCaseId: 'case-2' });
  });

  it('an answer changes only its own referral', () => {
    const other: CaseEvent = {
      ...sent,
      data: { ...(sent.data as object), referralId: 'referral-2' },
    } as CaseEvent;
    const s = stateAfter(sent, other, {
      type: 'CrossBorderReferralDeclined',
      data: { referralId: 'referral-2', respondedAt: T2 },
    });
    expect(s.referrals.map((r) => [r.referralId, r.status])).toEqual([
      ['referral-1', 'sent'],
      ['referral-2', 'declined'],
    ]);
  });

  it('sharing stopped on a linked case is recorded; on a case that is not linked, nothing', () => {
    const stop: CaseEvent = {
      type: 'LinkedSharingStopped',
      data: { sourceCaseId: 'case-1', referralId: 'referral-1', stoppedAt: T2 },
    };
    const unlinked = stateAfter(stop);
    expect(unlinked.linkedFrom).toBeUndefined();
    const linked = stateAfter(
      {
        type: 'ReferralReceived',
        data: {
          sourceCaseId: 'case-1',
          sourceOrganisationId: 'se-ngo-1',
          referralId: 'referral-1',
          purpose: 'return-reception',
          categories: ['identity'],
          receivedAt: T1,
          personal: {},
        },
      },
      stop,
    );
    expect(linked.linkedFrom).toEqual({
      sourceCaseId: 'case-1',
      referralId: 'referral-1',
      categories: ['identity'],
      sharingStoppedAt: T2,
    });
  });
});
