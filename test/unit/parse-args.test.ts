// Command words as people type them, including the quotes macOS and iOS substitute.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { firstWord, splitArgs, unquote } from '../../src/slack/commands/parse-args.ts';

test('straight, curly and unmatched double quotes all keep a phrase together', () => {
  for (const quoted of [
    '"SQL sweep"',
    '“SQL sweep”',
    '”SQL sweep”',
    '„SQL sweep“',
    '"SQL sweep”',
  ]) {
    assert.equal(splitArgs(`close ${quoted} archive`), ['close', 'SQL sweep', 'archive'], quoted);
  }
  assert.equal(splitArgs('  list   drafts '), ['list', 'drafts']);
});

test('the text after the first word starts where that word ends, quotes and all', () => {
  assert.equal(firstWord('“show” show me'), { word: 'show', rest: 'show me' });
  assert.equal(firstWord('show  “SQL sweep”'), { word: 'show', rest: '“SQL sweep”' });
  assert.equal(firstWord('   '), { word: undefined, rest: '' });
  assert.is(unquote(' ”SQL sweep” '), 'SQL sweep');
});

test.run();
