// Checks requests and responses against the OpenAPI operation. Validators are compiled on
// first use and cached for the whole process, so starting many doubles stays cheap.
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { loadSpec, type OperationSpec, type Schema, SPEC_ID } from './spec.ts';

export interface Problem {
  where: 'path' | 'query' | 'body' | 'response';
  field: string;
  message: string;
}

let ajvInstance: Ajv | undefined;
const validators = new Map<string, ValidateFunction>();

function ajv(): Ajv {
  if (ajvInstance) return ajvInstance;
  const instance = new Ajv({ strict: false, allErrors: true, validateSchema: false });
  // ajv-formats ships CommonJS; under ESM its callable sits on `.default`.
  const mod = addFormatsModule as unknown as { default?: (a: Ajv) => void };
  const addFormats = mod.default ?? (addFormatsModule as unknown as (a: Ajv) => void);
  addFormats(instance);
  // GitHub-specific formats carry no machine-checkable rule; accept any string for them.
  for (const name of ['repo.nwo', 'timestamp']) instance.addFormat(name, true);
  instance.addSchema({ components: loadSpec().components }, SPEC_ID);
  ajvInstance = instance;
  return instance;
}

function compiled(key: string, build: () => Schema): ValidateFunction {
  let fn = validators.get(key);
  if (!fn) {
    fn = ajv().compile(build());
    validators.set(key, fn);
  }
  return fn;
}

function fieldOf(error: ErrorObject): string {
  const base = error.instancePath.replace(/^\//, '').replace(/\//g, '.');
  const params = error.params as Record<string, unknown>;
  const extra = (params.additionalProperty ?? params.missingProperty) as string | undefined;
  if (extra) return base ? `${base}.${extra}` : extra;
  return base;
}

function describe(error: ErrorObject, data: unknown): string {
  const params = error.params as Record<string, unknown>;
  const value = error.instancePath
    .split('/')
    .slice(1)
    .reduce<unknown>((cur, key) => (cur as Record<string, unknown> | undefined)?.[key], data);
  switch (error.keyword) {
    case 'enum':
      return `${JSON.stringify(value)} is not one of ${JSON.stringify(params.allowedValues)}`;
    case 'additionalProperties':
      return `"${params.additionalProperty}" is not a permitted key`;
    case 'required':
      return `"${params.missingProperty}" is required`;
    case 'maxLength':
    case 'minLength':
    case 'maxItems':
    case 'minItems':
      return `${error.message} (got ${JSON.stringify(value)?.slice(0, 60)})`;
    default:
      return `${error.message}${value === undefined ? '' : ` (got ${JSON.stringify(value)})`}`;
  }
}

// oneOf/anyOf report every failing branch; the branch errors already name the field, so the
// umbrella error is kept only when nothing more specific was produced.
function toProblems(where: Problem['where'], errors: ErrorObject[], data: unknown): Problem[] {
  // Alternatives like anyOf[{required:[state]},{required:[assignees]}] read better as one line.
  const alternatives = errors.filter(
    (e) => e.keyword === 'required' && /\/(anyOf|oneOf)\/\d+\/required$/.test(e.schemaPath),
  );
  const rest = errors.filter((e) => !alternatives.includes(e));
  if (alternatives.length > 1 && rest.every((e) => ['anyOf', 'oneOf'].includes(e.keyword))) {
    const keys = alternatives.map((e) => (e.params as { missingProperty: string }).missingProperty);
    const message = `one of ${keys.map((k) => `"${k}"`).join(', ')} is required`;
    return [{ where, field: keys.join('|'), message }];
  }
  const specific = errors.filter((e) => !['anyOf', 'oneOf', 'if'].includes(e.keyword));
  const chosen = specific.length > 0 ? specific : errors;
  const seen = new Set<string>();
  const problems: Problem[] = [];
  for (const error of chosen) {
    const problem = { where, field: fieldOf(error), message: describe(error, data) };
    const key = `${problem.field}|${problem.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(problem);
  }
  // A oneOf/anyOf with no specific branch error (e.g. neither alternative key present) still
  // needs a reason a human can act on.
  for (const error of errors) {
    if (error.keyword !== 'oneOf' && error.keyword !== 'anyOf') continue;
    if (specific.length > 0) break;
    problems.push({ where, field: fieldOf(error) || '(body)', message: `${error.message}` });
  }
  return problems.slice(0, 20);
}

// Query strings carry only text; turn numbers and booleans back into JSON values first so
// the parameter schemas (integer page, boolean hide_secret) can be applied unchanged.
function coerce(value: string, schema: Schema): unknown {
  const ref = typeof schema.$ref === 'string' ? schema.$ref.split('/').pop() : undefined;
  const target = ref ? (loadSpec().components.schemas[ref] ?? schema) : schema;
  const types = ([] as unknown[]).concat(target.type ?? []);
  if ((types.includes('integer') || types.includes('number')) && /^-?\d+(\.\d+)?$/.test(value)) {
    return Number(value);
  }
  if (types.includes('boolean') && (value === 'true' || value === 'false')) return value === 'true';
  if (types.includes('array')) return value.split(',');
  return value;
}

export function checkParams(
  op: OperationSpec,
  location: 'path' | 'query',
  raw: Record<string, string>,
): { values: Record<string, unknown>; problems: Problem[] } {
  const specs = op.params.filter((p) => p.in === location);
  const values: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(raw)) {
    const spec = specs.find((p) => p.name === name);
    values[name] = spec ? coerce(value, spec.schema) : value;
  }
  const validate = compiled(`${op.operationId}:${location}`, () => ({
    type: 'object',
    properties: Object.fromEntries(specs.map((p) => [p.name, p.schema])),
    required: specs.filter((p) => p.required).map((p) => p.name),
    // GitHub ignores unknown query keys, but a client sending one is almost always a typo
    // or a parameter from another endpoint, so the double refuses it.
    additionalProperties: false,
  }));
  const problems = validate(values) ? [] : toProblems(location, validate.errors ?? [], values);
  return { values, problems };
}

export function checkBody(op: OperationSpec, body: unknown): Problem[] {
  if (!op.bodySchema) {
    return body === undefined
      ? []
      : [{ where: 'body', field: '(body)', message: 'this operation takes no request body' }];
  }
  if (body === undefined) {
    return op.bodyRequired
      ? [{ where: 'body', field: '(body)', message: 'a JSON request body is required' }]
      : [];
  }
  const schema = op.bodySchema;
  const validate = compiled(`${op.operationId}:body`, () => schema);
  return validate(body) ? [] : toProblems('body', validate.errors ?? [], body);
}

export function checkResponse(op: OperationSpec, status: number, body: unknown): Problem[] {
  if (!op.responses.has(status)) {
    // GitHub can answer 401/403/404/429/5xx on any operation; only an undocumented success
    // code means the double invented behaviour.
    if (status >= 400 || status === 304) return [];
    return [{ where: 'response', field: '(status)', message: `status ${status} is undocumented` }];
  }
  const schema = op.responses.get(status);
  if (!schema) return [];
  const validate = compiled(`${op.operationId}:response:${status}`, () => schema);
  return validate(body) ? [] : toProblems('response', validate.errors ?? [], body);
}
