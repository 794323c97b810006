// Loads GitHub's Enterprise Cloud OpenAPI description once per process and turns it into a
// route table. The file is OpenAPI 3.0.3, so `nullable` is rewritten into JSON Schema types
// here; everything downstream (Ajv) then sees plain draft-07 schemas.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

export type Schema = Record<string, unknown>;
// The raw OpenAPI document is walked structurally; typing all of it would add nothing.
// biome-ignore lint/suspicious/noExplicitAny: untyped JSON from ghec.json
type Raw = any;

export interface ParamSpec {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required: boolean;
  schema: Schema;
}

export interface OperationSpec {
  operationId: string;
  method: string;
  template: string;
  params: ParamSpec[];
  bodySchema: Schema | undefined;
  bodyRequired: boolean;
  // status code → JSON schema of the body, or null when the status has no JSON body.
  responses: Map<number, Schema | null>;
}

interface Route {
  regex: RegExp;
  names: string[];
  literalSegments: number;
  // Built on first use: preparing all ~1,500 operations up front would waste startup time.
  ops: Map<string, () => OperationSpec>;
}

export interface LoadedSpec {
  components: { schemas: Record<string, Schema> };
  routes: Route[];
  version: string;
}

// The Ajv document id under which components live; operation schemas point into it.
export const SPEC_ID = 'ghec';

let cached: LoadedSpec | undefined;

export function loadSpec(): LoadedSpec {
  if (cached) return cached;
  // The package has no "exports" map, so the JSON file can be resolved directly.
  const file = createRequire(import.meta.url).resolve('@octokit/openapi/generated/ghec.json');
  const doc = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Raw>;
  const schemas = doc.components.schemas as Record<string, Schema>;
  for (const schema of Object.values(schemas)) rewriteNullable(schema);
  cached = { components: { schemas }, routes: buildRoutes(doc), version: doc.openapi };
  return cached;
}

// OpenAPI 3.0 `nullable: true` means "also allow null"; enums need null added explicitly or
// Ajv would reject the null that GitHub really sends (e.g. dismissed_reason on open alerts).
export function rewriteNullable(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) rewriteNullable(item);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const obj = node as Record<string, unknown>;
  for (const value of Object.values(obj)) rewriteNullable(value);
  if (obj.nullable !== true) return;
  delete obj.nullable;
  if (typeof obj.type === 'string') {
    obj.type = [obj.type, 'null'];
    if (Array.isArray(obj.enum) && !obj.enum.includes(null)) obj.enum = [...obj.enum, null];
    return;
  }
  const rest = { ...obj };
  for (const key of Object.keys(obj)) delete obj[key];
  obj.anyOf = [{ type: 'null' }, rest];
}

// Operation-level schemas use document-relative refs; point them at the Ajv-registered copy.
function rebaseRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rebaseRefs);
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    out[key] =
      key === '$ref' && typeof value === 'string' && value.startsWith('#/')
        ? `${SPEC_ID}${value}`
        : rebaseRefs(value);
  }
  return out;
}

function resolveRef(doc: Record<string, Raw>, ref: unknown): Raw {
  if (!ref || typeof ref !== 'object' || typeof (ref as Schema).$ref !== 'string') return ref;
  const path = ((ref as Schema).$ref as string).replace(/^#\//, '').split('/');
  let cur: Raw = doc;
  for (const part of path) cur = cur?.[part];
  return resolveRef(doc, cur);
}

function prepareSchema(schema: unknown): Schema {
  const copy = rebaseRefs(schema) as Schema;
  rewriteNullable(copy);
  return copy;
}

// The one place the double departs from the file. Create-campaign's `oneOf` requires
// `secret_scanning_alerts` for secret campaigns, yet `properties` never defines it and
// `additionalProperties: false` forbids it, so no secret campaign could ever be valid.
// GitHub's own pages create secret campaigns; we accept the key with the shape of
// `code_scanning_alerts` (see shared/reference/github.md §8.1: unconfirmed upstream).
function patchBody(operationId: string, schema: Schema): Schema {
  if (operationId !== 'campaigns/create-campaign') return schema;
  const props = (schema as { properties?: Record<string, unknown> }).properties;
  if (props?.code_scanning_alerts && !props.secret_scanning_alerts) {
    props.secret_scanning_alerts = props.code_scanning_alerts;
  }
  return schema;
}

function buildOperation(
  doc: Record<string, Raw>,
  template: string,
  method: string,
  op: Record<string, Raw>,
  shared: unknown[],
): OperationSpec {
  const params: ParamSpec[] = [...shared, ...(op.parameters ?? [])].map((raw) => {
    const p = resolveRef(doc, raw);
    return {
      name: p.name,
      in: p.in,
      required: Boolean(p.required),
      schema: prepareSchema(p.schema ?? {}),
    };
  });
  const body = resolveRef(doc, op.requestBody);
  const bodySchema = body?.content?.['application/json']?.schema;
  const responses = new Map<number, Schema | null>();
  for (const [code, raw] of Object.entries(op.responses ?? {})) {
    const res = resolveRef(doc, raw);
    const schema = res?.content?.['application/json']?.schema;
    responses.set(Number(code), schema ? prepareSchema(schema) : null);
  }
  return {
    operationId: op.operationId,
    method: method.toUpperCase(),
    template,
    params,
    bodySchema: bodySchema ? patchBody(op.operationId, prepareSchema(bodySchema)) : undefined,
    bodyRequired: Boolean(body?.required),
    responses,
  };
}

function buildRoutes(doc: Record<string, Raw>): Route[] {
  const routes: Route[] = [];
  for (const [template, item] of Object.entries(doc.paths as Record<string, Raw>)) {
    const names: string[] = [];
    const segments = template.split('/');
    const pattern = segments
      .map((seg) =>
        seg.replace(/\{([^}]+)\}|[^{]+/g, (m, name?: string) => {
          if (name) {
            names.push(name);
            return '([^/]+)';
          }
          return m.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
        }),
      )
      .join('/');
    const ops = new Map<string, () => OperationSpec>();
    for (const [method, op] of Object.entries(item as Record<string, Raw>)) {
      if (!op || typeof op !== 'object' || !op.operationId) continue;
      let built: OperationSpec | undefined;
      ops.set(method.toUpperCase(), () => {
        built ??= buildOperation(doc, template, method, op, item.parameters ?? []);
        return built;
      });
    }
    const literalSegments = segments.filter((s) => s && !s.includes('{')).length;
    routes.push({ regex: new RegExp(`^${pattern}$`), names, literalSegments, ops });
  }
  // Literal segments beat templates: /orgs/{org}/installation must not match a {param} route.
  routes.sort((a, b) => b.literalSegments - a.literalSegments);
  return routes;
}

export interface RouteMatch {
  op: OperationSpec | undefined;
  pathParams: Record<string, string>;
  allowed: string[];
}

export function matchRoute(method: string, path: string): RouteMatch | undefined {
  for (const route of loadSpec().routes) {
    const m = route.regex.exec(path);
    if (!m) continue;
    const pathParams: Record<string, string> = {};
    route.names.forEach((name, i) => {
      pathParams[name] = decodeURIComponent(m[i + 1] ?? '');
    });
    const op = route.ops.get(method.toUpperCase())?.();
    return { op, pathParams, allowed: [...route.ops.keys()] };
  }
  return undefined;
}
