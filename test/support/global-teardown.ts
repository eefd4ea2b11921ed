const g = globalThis as typeof globalThis & {
  __ariadneServices?: {
    users: number;
    temporal: { stop(): Promise<void> };
    db: { drop(): Promise<void> };
  };
};

export default async function globalTeardown(): Promise<void> {
  const s = g.__ariadneServices;
  if (!s) return;
  s.users -= 1;
  if (s.users > 0) return;
  await s.temporal.stop();
  await s.db.drop();
  g.__ariadneServices = undefined;
}
