import 'reflect-metadata';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { ProblemException } from '../common/problem';
import { type CaseId, CaseIdParam, parseCaseId } from './case-id';

describe('parseCaseId: one case id, everywhere', () => {
  const id = '5f0c2a4e-9b1d-4c3e-8f7a-1b2c3d4e5f60';

  it('accepts a UUID in any case and answers it in lower case', () => {
    expect(parseCaseId(id)).toBe(id);
    expect(parseCaseId(id.toUpperCase())).toBe(id);
    expect(parseCaseId('5F0C2A4E-9b1d-4C3E-8f7a-1B2C3D4E5F60')).toBe(id);
    // Version 5 (derived from an Idempotency-Key) too.
    expect(parseCaseId('b3f1c7a4-6d2e-5f0a-9c58-2e7d41a0c9f3')).toBe(
      'b3f1c7a4-6d2e-5f0a-9c58-2e7d41a0c9f3',
    );
  });

  it.each([
    ['not a uuid', 'not-a-uuid'],
    ['too long', `${id}0`],
    ['braces', `{${id}}`],
    ['no dashes', id.replace(/-/g, '')],
    ['a NUL', `${id.slice(0, -1)}\u0000`],
    ['empty', ''],
    ['not a string', 42],
  ])('refuses %s as a missing case (404)', (_, value) => {
    expect(() => parseCaseId(value)).toThrow(ProblemException);
    try {
      parseCaseId(value);
    } catch (e) {
      expect((e as ProblemException).problem.status).toBe(404);
    }
  });
});

describe('CaseIdParam: documented on every route that uses it', () => {
  it('declares the caseId path parameter (format uuid) in the OpenAPI document', async () => {
    @Controller('cases')
    class Probe {
      @Get(':caseId/probe')
      probe(@CaseIdParam() caseId: CaseId): string {
        return caseId;
      }
    }
    @Module({ controllers: [Probe] })
    class ProbeModule {}
    const app = await NestFactory.create(ProbeModule, { preview: true, logger: false });
    const doc = SwaggerModule.createDocument(app, new DocumentBuilder().build());
    await app.close();
    const parameters = doc.paths['/cases/{caseId}/probe']?.get?.parameters ?? [];
    expect(parameters).toEqual([
      expect.objectContaining({
        name: 'caseId',
        in: 'path',
        required: true,
        schema: expect.objectContaining({ format: 'uuid' }),
      }),
    ]);
  });
});
