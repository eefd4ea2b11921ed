import pino from 'pino';
import { Writable } from 'node:stream';
import { redactOptions, redactPaths } from './redaction';

function logOnce(obj: Record<string, unknown>, msg = 'x'): string {
  let out = '';
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      out += chunk.toString();
      done();
    },
  });
  pino({ redact: redactOptions }, sink).info(obj, msg);
  return out;
}

describe('redactPaths', () => {
  it('is accepted by pino and hides credentials and personal fields up to three levels deep', () => {
    const line = logOnce({
      req: { headers: { authorization: 'Bearer tok-123', cookie: 'sid=abc', accept: 'json' } },
      name: 'Top Secretperson',
      person: { firstName: 'Ana', lastName: 'Secretperson', dateOfBirth: '1999-02-03' },
      body: { contact: { phone: '+40700000001', email: 'a@b.c' } },
      a: { b: { c: { address: 'Strada Secret 1' } } },
      caseId: 'c0ffee00-0000-4000-8000-000000000000',
    });
    for (const secret of [
      'tok-123',
      'sid=abc',
      'Secretperson',
      '1999',
      '+4070',
      'a@b.c',
      'Strada',
    ]) {
      expect(line).not.toContain(secret);
    }
    expect(line).toContain('[REDACTED]');
    expect(line).toContain('c0ffee00-0000-4000-8000-000000000000');
    expect(line).toContain('"accept":"json"');
  });

  it('lists the credential and personal fields', () => {
    expect(redactPaths).toEqual(
      expect.arrayContaining([
        'req.headers.authorization',
        'req.headers.cookie',
        'personal',
        '*.personal',
        '*.*.email',
      ]),
    );
  });
});
