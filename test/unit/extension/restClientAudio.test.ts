import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiError, RestClient } from '../../../extension/src/api/restClient';

describe('REST client: turn audio', () => {
  let server: http.Server;
  let base: string;
  const seen: { url: string; auth: string | undefined }[] = [];
  before(async () => {
    server = http.createServer((req, res) => {
      seen.push({ url: req.url ?? '', auth: req.headers.authorization });
      res.writeHead(200, { 'content-type': 'audio/wav' }).end(Buffer.from('RIFF....WAVE'));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const id = '6f1c2a58-9a8e-4c1e-9a57-3b1f0f8f2d11';

  it('fetches the bytes of a turn-audio path with the token', async () => {
    const bytes = await new RestClient({ baseUrl: base, token: 'tok' }).turnAudio(`/api/sessions/${id}/turns/${id}/audio`);
    assert.equal(Buffer.from(bytes).toString(), 'RIFF....WAVE');
    assert.deepEqual(seen.at(-1), { url: `/api/sessions/${id}/turns/${id}/audio`, auth: 'Bearer tok' });
  });

  it('refuses any other path without sending the token anywhere', async () => {
    const before = seen.length;
    for (const path of ['/api/me', `//evil.example/api/sessions/${id}/turns/${id}/audio`, `/api/sessions/${id}/turns/${id}/audio?x=1`]) {
      await assert.rejects(new RestClient({ baseUrl: base, token: 'tok' }).turnAudio(path),
        (err: unknown) => err instanceof ApiError && err.kind === 'invalid-response', path);
    }
    assert.equal(seen.length, before);
  });
});
