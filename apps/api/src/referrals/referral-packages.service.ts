import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { v5 as uuidv5 } from 'uuid';
import type { DataSource } from 'typeorm';
import { POLICIES } from '@ariadne/config';
import type { CommandEnvelope } from '@ariadne/contracts';
import {
  type Actor,
  checkReferralPackage,
  isAtOrAfter,
  isRuleViolation,
  type OpenCase,
  type PolicyCountry,
  type PolicyRegistry,
  type ReferralPackagePayload,
} from '@ariadne/domain';
import { AuditTrail, DATA_SOURCE, IdentityRepository } from '@ariadne/persistence';
import {
  openReferralPackage,
  type ReferralPackage,
  ReferralPackageError,
  sealReferralPackage,
} from '@ariadne/security';
import { CaseAccess, type CaseId, parseCaseId } from '../access';
import { CaseReferences } from '../case-reference/case-references.service';
import { CaseWorkflowClient } from '../cases/case-workflow.client';
import { problem } from '../common/problem';
import { ReceivedReferralsService } from './received-referrals.service';

/** The namespace of linked case ids opened from imported packages (fixed, never change). */
const IMPORTED_CASE_NAMESPACE = '9e1f4c2a-6b7d-4e3f-a1c5-0d2b8f6e4a17';
const REFERRAL_ID = /^referral-[1-9][0-9]{0,8}$/;

interface KeyFile {
  readonly own?: Record<
    string,
    {
      readonly receive?: { readonly keyId: string; readonly privateKeyPem: string };
      readonly sign?: { readonly keyId: string; readonly privateKeyPem: string };
    }
  >;
  readonly recipients?: Record<string, { readonly keyId: string; readonly publicKeyPem: string }>;
  readonly trustedSenders?: Record<string, string>;
}

const noKey = (what: string) =>
  problem(HttpStatus.UNPROCESSABLE_ENTITY, 'referral-package-key', 'No referral package key', {
    detail: `No ${what} is configured for referral packages (ARIADNE_REFERRAL_KEYS_FILE).`,
  });
const notFound = () =>
  problem(HttpStatus.NOT_FOUND, 'referral-not-found', 'No such referral', {
    detail: 'No referral with this id on this case.',
  });

/**
 * R18 across instances (docs/referral-package.md): the sender exports a referral as a signed,
 * encrypted package for the receiving organisation's own Ariadne; the receiver imports one,
 * under the same rules, which opens a linked case holding only the consented categories.
 * Keys come from the JSON file named by ARIADNE_REFERRAL_KEYS_FILE.
 */
@Injectable()
export class ReferralPackagesService {
  private readonly trail: AuditTrail;
  private keyFile?: KeyFile;

  constructor(
    @Inject(DATA_SOURCE) ds: DataSource,
    @Inject(POLICIES) private readonly policies: PolicyRegistry,
    private readonly access: CaseAccess,
    private readonly workflows: CaseWorkflowClient,
    private readonly references: CaseReferences,
    private readonly identity: IdentityRepository,
    private readonly received: ReceivedReferralsService,
  ) {
    this.trail = new AuditTrail(ds);
  }

  private keys(): KeyFile {
    if (this.keyFile) return this.keyFile;
    const file = process.env['ARIADNE_REFERRAL_KEYS_FILE'];
    this.keyFile = file ? (JSON.parse(readFileSync(file, 'utf8')) as KeyFile) : {};
    return this.keyFile;
  }

  /** The sender's caseworker exports a referral not yet answered, under a current consent. */
  async export(
    actor: Actor,
    caseId: CaseId,
    referralId: string,
    requestId: string | null,
  ): Promise<ReferralPackage> {
    const found = await this.access.require(actor, caseId, 'case.command');
    if (!REFERRAL_ID.test(referralId)) throw notFound();
    const state = await this.workflows.state(caseId);
    if (state.status !== 'open') throw notFound();
    const referral = state.referrals.find((r) => r.referralId === referralId);
    if (!referral) throw notFound();
    const consent = state.consents.find((c) => c.consentId === referral.consentId);
    const now = new Date().toISOString();
    if (
      referral.status !== 'sent' ||
      !consent ||
      consent.scope.kind !== 'data-sharing' ||
      consent.withdrawnAt !== undefined ||
      (consent.expiresAt !== undefined && isAtOrAfter(now, consent.expiresAt))
    ) {
      throw problem(HttpStatus.CONFLICT, 'rule-violation', 'Refused by rule R18', {
        rule: 'R18',
        detail: 'Only a referral awaiting an answer, under her current consent, is exported.',
      });
    }
    const sign = this.keys().own?.[actor.organisationId]?.sign;
    const to = this.keys().recipients?.[referral.recipientOrganisationId];
    if (!sign) throw noKey('signing key of your organisation');
    if (!to) throw noKey("key of the receiving organisation's instance");
    const sent = await this.received.sentEvent(caseId, referralId);
    const payload: ReferralPackagePayload = {
      referral: {
        referralId,
        purpose: referral.purpose,
        categories: sent.categories,
        sentAt: referral.sentAt,
      },
      sender: {
        organisationId: found.organisationId,
        country: found.country,
        caseId,
        ...(found.reference && { reference: found.reference }),
      },
      recipient: {
        organisationId: referral.recipientOrganisationId,
        country: sent.recipientCountry,
      },
      consent: {
        consentId: consent.consentId,
        recipientOrganisationId: consent.scope.recipientOrganisationId,
        purpose: consent.scope.purpose,
        categories: consent.scope.categories,
        givenAt: consent.givenAt,
        ...(consent.expiresAt !== undefined && { expiresAt: consent.expiresAt }),
      },
      personal: sent.personal,
    };
    const pkg = sealReferralPackage({
      payload,
      senderKeyId: sign.keyId,
      senderSigningKey: createPrivateKey(sign.privateKeyPem),
      recipientKeyId: to.keyId,
      recipientPublicKey: createPublicKey(to.publicKeyPem),
    });
    await this.trail.append({
      actorId: actor.userId,
      actorRole: actor.role,
      organisationId: actor.organisationId,
      action: 'referral.package.export',
      caseId,
      categories: ['case', ...sent.categories],
      purpose: 'referral',
      outcome: 'allowed',
      requestId,
    });
    return pkg;
  }

  /**
   * The receiving organisation imports a package addressed to it: decrypted with its key, the
   * sender's signature checked against the keys it trusts, R18 applied as for a referral within
   * this instance. Importing is accepting: a linked case opens with only the consented data.
   */
  async import(
    actor: Actor,
    file: unknown,
    requestId: string,
  ): Promise<{ linkedCaseId: string; linkedCaseReference: string }> {
    const receive = this.keys().own?.[actor.organisationId]?.receive;
    if (!receive) throw noKey('receiving key of your organisation');
    const organisation = await this.identity.findOrganisationById(actor.organisationId);
    const policy = organisation && this.policies.get(organisation.country as PolicyCountry);
    if (!organisation || !policy) {
      throw problem(HttpStatus.UNPROCESSABLE_ENTITY, 'no-policy', 'No policy for this country', {
        detail: "No country policy is configured for the country of the actor's organisation.",
      });
    }
    const trusted = new Map<string, KeyObject>(
      Object.entries(this.keys().trustedSenders ?? {}).map(([id, pem]) => [
        id,
        createPublicKey(pem),
      ]),
    );
    let linkedReferral;
    try {
      const opened = openReferralPackage(
        file,
        { keyId: receive.keyId, privateKey: createPrivateKey(receive.privateKeyPem) },
        trusted,
      );
      linkedReferral = checkReferralPackage(opened.payload, {
        organisationId: actor.organisationId,
        country: organisation.country,
        now: new Date().toISOString(),
      });
    } catch (e) {
      if (e instanceof ReferralPackageError) {
        throw problem(HttpStatus.UNPROCESSABLE_ENTITY, 'referral-package', 'Package refused', {
          detail: e.message,
        });
      }
      if (isRuleViolation(e)) {
        throw problem(
          HttpStatus.UNPROCESSABLE_ENTITY,
          'rule-violation',
          `Refused by rule ${e.rule}`,
          {
            rule: e.rule,
            detail: e.message,
          },
        );
      }
      throw e;
    }
    const linkedCaseId = parseCaseId(
      uuidv5(
        `${linkedReferral.sourceOrganisationId}\n${linkedReferral.sourceCaseId}\n${linkedReferral.referralId}`,
        IMPORTED_CASE_NAMESPACE,
      ),
    );
    const reference = await this.references.reserve(linkedCaseId, policy.country);
    const open: CommandEnvelope<OpenCase> = {
      command: {
        type: 'OpenCase',
        referralSource: 'ngo-outreach',
        policy,
        organisationId: actor.organisationId,
        assigneeId: actor.userId,
        reference,
        linkedReferral,
      },
      actor,
      commandId: `open-imported:${linkedCaseId}`,
      correlationId: requestId,
    };
    await this.workflows.open(linkedCaseId, open, true);
    return { linkedCaseId, linkedCaseReference: reference };
  }
}
