// What an HTTP client error drags into a log line. Octokit's errors carry the request they
// failed on: headers (Basic client credentials, bearer tokens) and the body (a client
// secret or refresh token in a form). None of it may reach the logs; what went wrong must.
import { Writable } from 'node:stream';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createLogger } from '../../src/log.ts';

const CLIENT_SECRET = '3f1c9a7be05d42c6a1e8f0b2d7c4e9a6b5d3f2e1';
const REFRESH_TOKEN =
  'ghr_1B4a2e77838347a7E420ce178F2E7c6912E169246c34E1ccbF66C46812d16D5B1A9Dc86A1498';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, logger: createLogger({ destination }) };
}

/** The shape of an @octokit/request error after a refused token refresh. */
function refusedRefresh(): Error {
  const basic = Buffer.from(`Iv1.burndown0000:${CLIENT_SECRET}`).toString('base64');
  return Object.assign(new Error('Bad credentials'), {
    name: 'HttpError',
    status: 401,
    request: {
      method: 'POST',
      url: 'https://github.com/login/oauth/access_token',
      headers: { authorization: `basic ${basic}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        client_id: 'Iv1.burndown0000',
        client_secret: CLIENT_SECRET,
        refresh_token: REFRESH_TOKEN,
        grant_type: 'refresh_token',
      }),
    },
    response: {
      status: 401,
      url: 'https://github.com/login/oauth/access_token',
      headers: { 'x-github-request-id': 'AB12:3456' },
      data: { message: 'Bad credentials' },
    },
  });
}

test('an HTTP error logs its status and URL, never the request it carried', () => {
  const { lines, logger } = capture();
  const err = refusedRefresh();
  logger.warn({ err, code: 'identity_token_revoked' }, 'token refresh failed');
  logger.error({ err: new Error('wrapped', { cause: refusedRefresh() }) }, 'outer failure');
  const text = lines.join('');
  assert.not.match(text, CLIENT_SECRET);
  assert.not.match(text, REFRESH_TOKEN);
  assert.not.match(text, Buffer.from(`Iv1.burndown0000:${CLIENT_SECRET}`).toString('base64'));
  const [first] = lines.map((l) => JSON.parse(l) as { err: Record<string, unknown> });
  assert.is(first?.err.status, 401);
  assert.equal(first?.err.request, {
    method: 'POST',
    url: 'https://github.com/login/oauth/access_token',
  });
  assert.match(text, 'Bad credentials');
});

test('a credential under any common key name is redacted', () => {
  const { lines, logger } = capture();
  logger.info({ detail: { client_secret: CLIENT_SECRET, clientSecret: CLIENT_SECRET } }, 'x');
  assert.not.match(lines.join(''), CLIENT_SECRET);
});

test.run();
