// Per-element checks: which elements a block may hold and the fields each element needs.
import { type Findings, isRecord } from './block-kit-findings.ts';

export type ElementPlace = 'section' | 'actions' | 'input' | 'context';

const SELECTS = [
  'static_select',
  'external_select',
  'users_select',
  'conversations_select',
  'channels_select',
  'multi_static_select',
  'multi_external_select',
  'multi_users_select',
  'multi_conversations_select',
  'multi_channels_select',
];
const CHOICES = ['checkboxes', 'radio_buttons', 'datepicker', 'timepicker'];
const TEXT_INPUTS = [
  'plain_text_input',
  'number_input',
  'email_text_input',
  'url_text_input',
  'rich_text_input',
  'datetimepicker',
  'file_input',
];

// Where Slack lets each element appear; anything else is refused as invalid_blocks.
const PLACES: Record<ElementPlace, ReadonlySet<string>> = {
  section: new Set(['button', 'image', 'overflow', 'workflow_button', ...SELECTS, ...CHOICES]),
  actions: new Set([
    'button',
    'overflow',
    'workflow_button',
    'datetimepicker',
    ...SELECTS,
    ...CHOICES,
  ]),
  input: new Set([...SELECTS, ...CHOICES, ...TEXT_INPUTS]),
  context: new Set(['image', 'plain_text', 'mrkdwn']),
};

const PLACEHOLDER = { max: 150, plainOnly: true };

export function checkElement(f: Findings, el: unknown, path: string, place: ElementPlace): void {
  if (!isRecord(el) || typeof el.type !== 'string') {
    f.error(`${path}/type`, 'missing required field: type');
    return;
  }
  if (!PLACES[place].has(el.type)) {
    f.error(`${path}/type`, `element type ${el.type} is not allowed in a ${place} block`);
    return;
  }
  if (el.type === 'plain_text' || el.type === 'mrkdwn') {
    f.text(el, path, { max: 3000 });
    return;
  }
  f.id('action_id', el.action_id, `${path}/action_id`);
  f.optionalText(el.placeholder, `${path}/placeholder`, PLACEHOLDER);
  checkConfirm(f, el.confirm, `${path}/confirm`);
  if (el.type.endsWith('select')) checkSelect(f, el, path);
  else checkOther(f, el, path);
}

function checkSelect(f: Findings, el: Record<string, unknown>, path: string): void {
  if (el.type?.toString().startsWith('multi_') && el.max_selected_items !== undefined) {
    if (typeof el.max_selected_items !== 'number' || el.max_selected_items < 1) {
      f.error(`${path}/max_selected_items`, 'must be at least 1');
    }
  }
  if (el.type !== 'static_select' && el.type !== 'multi_static_select') return;
  if (el.options === undefined && el.option_groups === undefined) {
    f.error(`${path}/options`, 'must provide either options or option_groups');
    return;
  }
  if (el.options !== undefined && el.option_groups !== undefined) {
    f.error(path, 'must provide only one of options or option_groups');
  }
  if (el.options !== undefined) checkOptions(f, el.options, `${path}/options`, 100, true);
  if (el.option_groups !== undefined) {
    const groups = f.list(el.option_groups, `${path}/option_groups`, 1, 100) ?? [];
    for (const [i, group] of groups.entries()) {
      const at = `${path}/option_groups/${i}`;
      if (!isRecord(group)) {
        f.error(at, 'must be an option group object');
        continue;
      }
      f.text(group.label, `${at}/label`, { max: 75, plainOnly: true });
      checkOptions(f, group.options, `${at}/options`, 100, true);
    }
  }
}

function checkOther(f: Findings, el: Record<string, unknown>, path: string): void {
  switch (el.type) {
    case 'button':
      f.text(el.text, `${path}/text`, { max: 75, plainOnly: true });
      f.maxLength(el.value, `${path}/value`, 2000);
      f.maxLength(el.url, `${path}/url`, 3000);
      f.maxLength(el.accessibility_label, `${path}/accessibility_label`, 75);
      if (el.style !== undefined && el.style !== 'primary' && el.style !== 'danger') {
        f.error(`${path}/style`, 'must be one of primary, danger');
      }
      return;
    case 'workflow_button':
      f.text(el.text, `${path}/text`, { max: 75, plainOnly: true });
      f.required(el.workflow, `${path}/workflow`);
      return;
    case 'checkboxes':
    case 'radio_buttons':
      checkOptions(f, el.options, `${path}/options`, 10, false);
      return;
    case 'overflow':
      checkOptions(f, el.options, `${path}/options`, 5, true);
      return;
    case 'image':
      checkImage(f, el, path);
      return;
    case 'datepicker':
      matches(f, el.initial_date, `${path}/initial_date`, /^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
      return;
    case 'timepicker':
      matches(f, el.initial_time, `${path}/initial_time`, /^\d{2}:\d{2}$/, 'HH:mm');
      return;
    case 'plain_text_input':
      lengthBound(f, el.max_length, `${path}/max_length`);
      lengthBound(f, el.min_length, `${path}/min_length`);
      return;
    case 'number_input':
      if (typeof el.is_decimal_allowed !== 'boolean') {
        f.error(`${path}/is_decimal_allowed`, 'missing required field: is_decimal_allowed');
      }
      return;
  }
}

/** Shared by the image block and the image element: a source and alt text are required. */
export function checkImage(f: Findings, el: Record<string, unknown>, path: string): void {
  if (el.image_url === undefined && el.slack_file === undefined) {
    f.error(`${path}/image_url`, 'must provide either image_url or slack_file');
  }
  f.maxLength(el.image_url, `${path}/image_url`, 3000);
  if (typeof el.alt_text !== 'string') f.error(`${path}/alt_text`, 'missing required field');
  f.maxLength(el.alt_text, `${path}/alt_text`, 2000);
}

function checkOptions(f: Findings, value: unknown, path: string, max: number, plain: boolean) {
  const options = f.list(value, path, 1, max) ?? [];
  for (const [i, option] of options.entries()) {
    const at = `${path}/${i}`;
    if (!isRecord(option)) {
      f.error(at, 'must be an option object');
      continue;
    }
    f.text(option.text, `${at}/text`, { max: 75, plainOnly: plain });
    if (typeof option.value !== 'string') f.error(`${at}/value`, 'missing required field: value');
    f.maxLength(option.value, `${at}/value`, 75);
    f.optionalText(option.description, `${at}/description`, { max: 75 });
    f.maxLength(option.url, `${at}/url`, 3000);
  }
}

function checkConfirm(f: Findings, value: unknown, path: string): void {
  if (value === undefined) return;
  if (!isRecord(value)) {
    f.error(path, 'must be a confirmation dialog object');
    return;
  }
  f.text(value.title, `${path}/title`, { max: 100, plainOnly: true });
  f.text(value.text, `${path}/text`, { max: 300 });
  f.text(value.confirm, `${path}/confirm`, { max: 30, plainOnly: true });
  f.text(value.deny, `${path}/deny`, { max: 30, plainOnly: true });
}

function matches(f: Findings, value: unknown, path: string, re: RegExp, shape: string): void {
  if (value !== undefined && (typeof value !== 'string' || !re.test(value))) {
    f.error(path, `must match the format ${shape}`);
  }
}

function lengthBound(f: Findings, value: unknown, path: string): void {
  if (value !== undefined && (typeof value !== 'number' || value < 0 || value > 3000)) {
    f.error(path, 'must be between 0 and 3000');
  }
}
