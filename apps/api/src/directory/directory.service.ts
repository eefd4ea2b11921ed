import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { Actor } from '@ariadne/domain';
import { DATA_SOURCE, Params } from '@ariadne/persistence';
import { decodeUserCursor, encodeUserCursor } from '../supervision/board-cursor';
import type { DirectoryPageDto, DirectoryQueryDto, DirectoryUserDto } from './directory.dto';

/**
 * The staff of the caller's own organisation, for names on boards and in assignment: ids,
 * display names, roles and whether active. Never another organisation's, never logins or
 * credentials.
 */
@Injectable()
export class DirectoryService {
  constructor(@Inject(DATA_SOURCE) private readonly ds: DataSource) {}

  async list(actor: Actor, q: DirectoryQueryDto): Promise<DirectoryPageDto> {
    const p = new Params();
    const where = [`u.organisation_id = ${p.add(actor.organisationId)}`];
    if (q.role !== undefined) where.push(`u.role = ${p.add(q.role)}`);
    if (q.active !== undefined) where.push(`u.active = ${p.add(q.active)}`);
    const after = decodeUserCursor('users', q.cursor);
    if (after !== undefined) where.push(`u.id > ${p.add(after)}`);
    const rows: DirectoryUserDto[] = await this.ds.query(
      `SELECT u.id, u.display_name AS "displayName", u.role, u.active
         FROM users u
        WHERE ${where.join(' AND ')}
        ORDER BY u.id
        LIMIT ${p.add(q.limit + 1)}`,
      p.values,
    );
    const more = rows.length > q.limit;
    const items = more ? rows.slice(0, q.limit) : rows;
    return {
      organisationId: actor.organisationId,
      items,
      limit: q.limit,
      nextCursor: more ? encodeUserCursor('users', items[items.length - 1]!.id) : null,
    };
  }
}
