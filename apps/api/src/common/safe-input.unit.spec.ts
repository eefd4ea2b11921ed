import { findUnsafeInput, MAX_JSON_DEPTH, SafeInputPipe } from './safe-input';
import { bodyProblem, MAX_BODY_BYTES } from './body-parsing';

function nested(depth: number): unknown {
  let v: unknown = 'leaf';
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
}

describe('findUnsafeInput: what no route accepts, found without recursion', () => {
  it('passes ordinary bodies', () => {
    expect(findUnsafeInput({ personal: { identity: { givenName: 'Ana' } }, n: 1 })).toBeUndefined();
    expect(findUnsafeInput(nested(MAX_JSON_DEPTH))).toBeUndefined();
    expect(findUnsafeInput(undefined)).toBeUndefined();
  });

  it('refuses nesting beyond the bound, even 40 KB deep, without exhausting the stack', () => {
    expect(findUnsafeInput(nested(MAX_JSON_DEPTH + 1))).toMatchObject({
      message: expect.stringContaining(`${MAX_JSON_DEPTH} levels`),
    });
    const deep = JSON.parse('['.repeat(20_000) + ']'.repeat(20_000)) as unknown;
    expect(findUnsafeInput(deep)).toBeDefined();
  });

  it('refuses a NUL in any string or key, naming the field and never the value', () => {
    const found = findUnsafeInput({ personal: { identity: { givenName: 'Ana\u0000secret' } } });
    expect(found).toEqual({
      field: 'personal.identity.givenName',
      message: 'must not contain a NUL character',
    });
    expect(JSON.stringify(found)).not.toContain('secret');
    expect(findUnsafeInput({ ['x\u0000y']: 1 })).toMatchObject({ field: '?' });
  });

  it.each(['__proto__', 'constructor', 'prototype'])('refuses the prototype key %s', (key) => {
    const body = JSON.parse(`{"referralSource":"police","nested":{"${key}":{"x":1}}}`) as unknown;
    expect(findUnsafeInput(body)).toEqual({
      field: `nested.${key}`,
      message: `property ${key} should not exist`,
    });
  });

  it('as a pipe: bodies and queries only, 400 problem naming the field', () => {
    const pipe = new SafeInputPipe();
    const bad = { login: 'a\u0000b' };
    expect(pipe.transform(bad, { type: 'param' })).toBe(bad);
    expect(() => pipe.transform(bad, { type: 'body' })).toThrow(
      expect.objectContaining({
        problem: expect.objectContaining({
          status: 400,
          errors: [{ field: 'login', message: 'must not contain a NUL character' }],
        }),
      }),
    );
  });
});

describe('bodyProblem: fixed words for every body-parser failure', () => {
  it('413 for a body over the limit, 400 for bad JSON, 415 for a charset', () => {
    expect(bodyProblem({ type: 'entity.too.large', status: 413 })).toMatchObject({
      status: 413,
      detail: expect.stringContaining(String(MAX_BODY_BYTES)),
    });
    const bad = bodyProblem({ type: 'entity.parse.failed', status: 400 });
    expect(bad).toEqual({
      type: expect.stringMatching(/invalid-json$/),
      title: 'The request body is not valid JSON',
      status: 400,
    });
    expect(bodyProblem({ type: 'charset.unsupported', status: 415 }).status).toBe(415);
    expect(bodyProblem({ type: 'request.aborted', status: 400 }).status).toBe(400);
    expect(bodyProblem({ status: 500 }).status).toBe(400);
  });
});
