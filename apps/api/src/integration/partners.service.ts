import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Actor, PartnerFactKind, PartnerKind } from '@ariadne/domain';
import { DATA_SOURCE } from '@ariadne/persistence';
import { problem } from '../common/problem';

/** A partner system as the API knows it (never its secret, only the secret's hash). */
export interface Partner {
  readonly id: string;
  readonly kind: PartnerKind;
  readonly country: string;
  readonly organisationId: string | null;
  readonly allowedFactKinds: readonly PartnerFactKind[];
  readonly createdAt: string;
  readonly revokedAt: string | null;
}

interface PartnerRow {
  id: string;
  kind: PartnerKind;
  country: string;
  organisation_id: string | null;
  allowed_fact_kinds: PartnerFactKind[];
  secret_hash: Buffer;
  created_at: Date;
  revoked_at: Date | null;
}

/** `ptn.<partner id>.<secret>`: the id finds the row, the secret is compared by its hash. */
const TOKEN = /^ptn\.([a-z0-9-]{1,64})\.([A-Za-z0-9_-]{43})$/;

function hashSecret(secret: string): Buffer {
  // The secret is 256 random bits: a plain SHA-256 is enough (no dictionary to guess from).
  return createHash('sha256').update(secret, 'utf8').digest();
}

function toPartner(r: PartnerRow): Partner {
  return {
    id: r.id,
    kind: r.kind,
    country: r.country.trim(),
    organisationId: r.organisation_id,
    allowedFactKinds: r.allowed_fact_kinds,
    createdAt: r.created_at.toISOString(),
    revokedAt: r.revoked_at ? r.revoked_at.toISOString() : null,
  };
}

const notFound = () =>
  problem(HttpStatus.NOT_FOUND, 'partner-not-found', 'No such partner in your country', {
    errors: [{ field: 'partnerId', message: 'no partner of your country has this id' }],
  });

/**
 * R30: the partner systems of a country, registered and revoked by its admins. A partner
 * authenticates with a bearer secret shown once at registration and stored only as its hash.
 */
@Injectable()
export class PartnersService {
  constructor(@Inject(DATA_SOURCE) private readonly ds: DataSource) {}

  /** The partner a bearer token names, if the token is its current secret and it is not revoked. */
  async authenticate(token: string): Promise<Partner | null> {
    const m = TOKEN.exec(token);
    if (!m) return null;
    const rows: PartnerRow[] = await this.ds.query(
      `SELECT * FROM partners WHERE id = $1 AND revoked_at IS NULL`,
      [m[1]],
    );
    const row = rows[0];
    const given = hashSecret(m[2]!);
    // Compared in constant time; an unknown id costs a hash too, so timing tells nothing.
    if (!row) {
      timingSafeEqual(given, given);
      return null;
    }
    return timingSafeEqual(given, row.secret_hash) ? toPartner(row) : null;
  }

  async countryOf(actor: Actor): Promise<string> {
    const rows: { country: string }[] = await this.ds.query(
      `SELECT country FROM organisations WHERE id = $1`,
      [actor.organisationId],
    );
    const country = rows[0]?.country;
    if (!country) {
      throw problem(HttpStatus.FORBIDDEN, 'no-country', 'Your organisation has no country');
    }
    return country.trim();
  }

  async list(actor: Actor): Promise<{ country: string; items: Partner[] }> {
    const country = await this.countryOf(actor);
    const rows: PartnerRow[] = await this.ds.query(
      `SELECT * FROM partners WHERE country = $1 ORDER BY created_at, id`,
      [country],
    );
    return { country, items: rows.map(toPartner) };
  }

  /** Registers a partner of the admin's country; answers its secret, this once only. */
  async register(
    actor: Actor,
    dto: {
      kind: PartnerKind;
      organisationId?: string | null;
      allowedFactKinds: readonly PartnerFactKind[];
    },
  ): Promise<{ partner: Partner; token: string }> {
    const country = await this.countryOf(actor);
    if (dto.organisationId) {
      const orgs: { country: string }[] = await this.ds.query(
        `SELECT country FROM organisations WHERE id = $1`,
        [dto.organisationId],
      );
      if (orgs[0]?.country.trim() !== country) {
        throw problem(
          HttpStatus.UNPROCESSABLE_ENTITY,
          'organisation-not-found',
          'No such organisation in your country',
          {
            errors: [
              { field: 'organisationId', message: 'no organisation of your country has this id' },
            ],
          },
        );
      }
    }
    const id = `partner-${country.toLowerCase()}-${randomBytes(6).toString('hex')}`;
    const secret = randomBytes(32).toString('base64url');
    const rows: PartnerRow[] = await this.ds.query(
      `INSERT INTO partners (id, kind, country, organisation_id, allowed_fact_kinds, secret_hash, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
      [
        id,
        dto.kind,
        country,
        dto.organisationId ?? null,
        [...new Set(dto.allowedFactKinds)],
        hashSecret(secret),
        actor.userId,
      ],
    );
    return { partner: toPartner(rows[0]!), token: `ptn.${id}.${secret}` };
  }

  /** Revokes a partner of the admin's country at once; its secret stops working. */
  async revoke(actor: Actor, partnerId: string): Promise<Partner> {
    const country = await this.countryOf(actor);
    const rows: PartnerRow[][] = await this.ds.query(
      `UPDATE partners SET revoked_at = coalesce(revoked_at, now()), revoked_by = coalesce(revoked_by, $3)
       WHERE id = $1 AND country = $2 RETURNING *`,
      [partnerId, country, actor.userId],
    );
    const row = rows[0]?.[0];
    if (!row) throw notFound();
    return toPartner(row);
  }
}
