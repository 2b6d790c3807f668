import { REST } from '@discordjs/rest';

const ok = () => new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } });
for (const sweep of [3_600_000, 60_000]) {
  const rest = new REST({
    globalRequestsPerSecond: Infinity,
    handlerSweepInterval: sweep,
    makeRequest: async () => ok(),
  }).setToken('x');
  global.gc?.();
  const before = process.memoryUsage().heapUsed;
  const n = 20000;
  for (let i = 0; i < n; i++)
    await rest.patch(`/webhooks/123456789012345678/${'t'.repeat(60)}${i}/messages/@original`, {
      body: { content: 'x' },
    });
  global.gc?.();
  const after = process.memoryUsage().heapUsed;
  console.log(
    'sweep',
    sweep,
    'handlers',
    rest.handlers.size,
    'hashes',
    rest.hashes.size,
    'heap per interaction',
    ((after - before) / n).toFixed(0),
    'B',
  );
  clearInterval(rest.handlerTimer);
  clearInterval(rest.hashTimer);
}
process.exit(0);
