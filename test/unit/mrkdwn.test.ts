// GitHub text on its way into Slack: escaped where Slack parses it, shown as typed where it
// does not, and cut to Slack's limits without ever leaving half an emoji behind.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { inertPlain, safeText, truncate } from '../../src/slack/mrkdwn.ts';

const LONE_HALF = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

test('cutting between the halves of an emoji drops the half, not the text around it', () => {
  const text = `Fix ${'😀'.repeat(124)}ab`;
  for (const max of [249, 250, 251, 30]) {
    const cut = truncate(text, max);
    assert.ok(cut.length <= max, `${cut.length} <= ${max}`);
    assert.not.ok(LONE_HALF.test(cut), `no half emoji at ${max}`);
    assert.ok(cut.endsWith('…'));
  }
  assert.is(truncate('short', 10), 'short');
});

test('mrkdwn text is escaped after cutting and still fits', () => {
  const text = `<!channel> & ${'😀'.repeat(40)}`;
  const safe = safeText(text, 40);
  assert.ok(safe.length <= 40, `${safe.length}`);
  assert.not.match(safe, '<!channel>');
  assert.match(safe, '&lt;!channel&gt; &amp;');
  assert.not.ok(LONE_HALF.test(safe));
});

test('plain fields keep & as typed and cannot hold a mention', () => {
  assert.is(inertPlain('R&D <!here> <@U123>'), 'R&D ‹!here› ‹@U123›');
});

test.run();
