/** Reading what reached a test Mailpit, through its REST API (/api/v1). */

export interface MailSummary {
  readonly ID: string;
  readonly MessageID: string;
  readonly Subject: string;
  readonly Created: string;
  readonly To: ReadonlyArray<{ readonly Address: string }>;
}
export interface MailFull extends MailSummary {
  readonly Text: string;
  readonly HTML: string;
}

export async function listMail(apiUrl: string): Promise<MailSummary[]> {
  const all: MailSummary[] = [];
  for (let start = 0; ; start += 500) {
    const res = await fetch(`${apiUrl}/api/v1/messages?start=${start}&limit=500`);
    if (!res.ok) throw new Error(`mailpit list: ${res.status}`);
    const page = (await res.json()) as { messages: MailSummary[]; total: number };
    all.push(...page.messages);
    if (page.messages.length < 500) return all;
  }
}

export async function readMail(apiUrl: string, id: string): Promise<MailFull> {
  const res = await fetch(`${apiUrl}/api/v1/message/${id}`);
  if (!res.ok) throw new Error(`mailpit read: ${res.status}`);
  return (await res.json()) as MailFull;
}

/** Waits until `probe` over the current list of messages is defined. */
export async function waitForMail<T>(
  apiUrl: string,
  probe: (messages: MailSummary[]) => T | undefined,
  what: string,
  ms = 60_000,
): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const found = probe(await listMail(apiUrl));
    if (found !== undefined) return found;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

export const to = (m: MailSummary, address: string): boolean =>
  m.To.some((t) => t.Address.toLowerCase() === address.toLowerCase());
