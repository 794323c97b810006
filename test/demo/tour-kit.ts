// What a demo step can do: act as Slack or GitHub against the running bot, and print what
// each person would see.
import type { Harness } from '../helpers/harness.ts';
import { renderMessage, userNames } from './render.ts';
import { PEOPLE } from './workspace.ts';

export interface TourStep {
  title: string;
  run(tour: Tour): Promise<void>;
}

export class Tour {
  readonly names: Record<string, string>;
  private readonly seen = new Map<string, number>();

  constructor(readonly h: Harness) {
    this.names = userNames(h.slack);
  }

  person(login: (typeof PEOPLE)[number]['login']) {
    const p = PEOPLE.find((x) => x.login === login);
    if (!p) throw new Error(`no demo person ${login}`);
    return p;
  }

  say(line: string): void {
    console.log(`  ${line}`);
  }

  /** Runs a slash command as a person and prints the private reply. */
  async command(slackUser: string, text: string): Promise<void> {
    console.log(`\n  ${this.names[slackUser]} types: /campaign ${text}`);
    const { responses } = await this.h.command(text, { user: slackUser });
    for (const r of responses) {
      console.log(`  Burndown answers ${this.names[slackUser]} privately:`);
      console.log(renderMessage(r, this.names));
    }
  }

  /** Prints the messages a conversation received since the last look. */
  showNew(conversation: string, label: string): number {
    const messages = this.h.slack.messagesIn(conversation);
    const from = this.seen.get(conversation) ?? 0;
    this.seen.set(conversation, messages.length);
    for (const m of messages.slice(from)) {
      console.log(`\n  ${label}:`);
      console.log(renderMessage(m, this.names));
    }
    return messages.length - from;
  }

  /** Prints new DMs of a person. */
  showDms(slackUser: string): number {
    return this.showNew(slackUser, `${this.names[slackUser]} gets a DM`);
  }
}
