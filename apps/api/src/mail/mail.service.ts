import { HttpStatus, Inject, Injectable, NotFoundException } from '@nestjs/common';
import ical, { ICalCalendarMethod } from 'ical-generator';
import type { DataSource } from 'typeorm';
import type { Actor } from '@ariadne/domain';
import { APP_CONFIG, type AppConfig } from '@ariadne/config';
import {
  CalendarFeedRepository,
  DATA_SOURCE,
  failedMessages,
  IdentityRepository,
  isUserRole,
  MailPreferencesRepository,
  obligationName,
  timeZoneOfCountry,
} from '@ariadne/persistence';
import { problem } from '../common/problem';
import { TasksService } from '../tasks/tasks.service';
import type { FailedMessagesDto, PreferencesDto, UpdatePreferencesDto } from './mail.dto';

/** Deadlines in the feed: overdue ones and those due within this many days. */
const FEED_DAYS = 90;

@Injectable()
export class MailService {
  private readonly preferences: MailPreferencesRepository;
  private readonly feeds: CalendarFeedRepository;
  private readonly identity: IdentityRepository;

  constructor(
    @Inject(DATA_SOURCE) private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tasks: TasksService,
  ) {
    this.preferences = new MailPreferencesRepository(ds);
    this.feeds = new CalendarFeedRepository(ds);
    this.identity = new IdentityRepository(ds);
  }

  private async me(actor: Actor): Promise<{ country: string; hasAddress: boolean }> {
    const rows: Array<{ country: string; email: string | null }> = await this.ds.query(
      `SELECT o.country, u.email FROM users u JOIN organisations o ON o.id = u.organisation_id
        WHERE u.id = $1`,
      [actor.userId],
    );
    const row = rows[0];
    // OIDC actors without an account row: organisation's country unknown here.
    return { country: row?.country ?? '', hasAddress: Boolean(row?.email) };
  }

  async getPreferences(actor: Actor): Promise<PreferencesDto> {
    const [prefs, me] = await Promise.all([this.preferences.get(actor.userId), this.me(actor)]);
    return { ...prefs, timeZone: timeZoneOfCountry(me.country), hasAddress: me.hasAddress };
  }

  async updatePreferences(actor: Actor, body: UpdatePreferencesDto): Promise<PreferencesDto> {
    if (body.kinds?.escalation === 'none') {
      throw problem(
        HttpStatus.BAD_REQUEST,
        'escalation-mail-required',
        'Escalations cannot be switched off',
        {
          rule: 'R20',
          detail: 'Escalations reach supervisors by e-mail at once or in the daily digest.',
          errors: [{ field: 'kinds.escalation', message: 'must be immediate or digest (R20)' }],
        },
      );
    }
    // null (as a form may send for an untouched field) leaves that setting as it is.
    const kinds = Object.fromEntries(Object.entries(body.kinds ?? {}).filter(([, v]) => v != null));
    await this.preferences.update(actor.userId, {
      kinds,
      digestHour: body.digestHour ?? undefined,
    });
    return this.getPreferences(actor);
  }

  async createFeed(actor: Actor): Promise<{ url: string }> {
    const token = await this.feeds.rotate(actor.userId);
    const base = this.config.ARIADNE_PUBLIC_URL.replace(/\/+$/, '');
    return { url: `${base}/api/v1/calendar/${token}.ics` };
  }

  async feedState(actor: Actor): Promise<{ active: boolean }> {
    return { active: await this.feeds.exists(actor.userId) };
  }

  async revokeFeed(actor: Actor): Promise<void> {
    await this.feeds.revoke(actor.userId);
  }

  /**
   * Her deadlines as iCalendar: one event per unmet obligation of her open cases (as "My tasks"
   * shows them), named by the obligation and the case's short reference only (P1).
   */
  async feed(file: string): Promise<string> {
    const token = /^(.+)\.ics$/.exec(file)?.[1] ?? '';
    const userId = await this.feeds.userOf(token);
    const user = userId ? await this.identity.findUserById(userId) : null;
    if (!user || !user.active || !isUserRole(user.role)) throw new NotFoundException();
    const actor: Actor = { userId: user.id, organisationId: user.organisationId, role: user.role };
    const tasks = await this.tasks.tasks(actor, { withinDays: FEED_DAYS, limit: 100 });
    const base = this.config.ARIADNE_PUBLIC_URL.replace(/\/+$/, '');
    const cal = ical({ name: 'Ariadne', prodId: { company: 'Ariadne', product: 'deadlines' } });
    cal.method(ICalCalendarMethod.PUBLISH);
    for (const t of tasks.items) {
      const due = new Date(t.dueAt);
      const ref = t.reference ?? t.caseId.slice(0, 8);
      cal.createEvent({
        // Stable per case and obligation, so that calendars update the event instead of adding.
        id: `${t.caseId}-${t.deadline}@ariadne`,
        start: due,
        end: new Date(due.getTime() + 30 * 60_000),
        summary: `${obligationName(user.locale, t.deadline)} · ${ref}`,
        description: `${t.rule}`,
        url: `${base}/cases/${t.caseId}`,
      });
    }
    return cal.toString();
  }

  async failed(actor: Actor, limit: number): Promise<FailedMessagesDto> {
    const { country } = await this.me(actor);
    const items = await failedMessages(this.ds, country, limit);
    return {
      items: items.map((m) => ({
        ...m,
        createdAt: m.createdAt.toISOString(),
        lastAttemptAt: m.lastAttemptAt.toISOString(),
      })),
    };
  }
}
