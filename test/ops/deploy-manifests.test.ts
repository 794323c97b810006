import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseAllDocuments } from 'yaml';
import { CONFIG_KEYS } from '../../src/config.ts';
import { REPO_ROOT } from './app-surface.ts';

type Doc = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string> };
  // biome-ignore lint/suspicious/noExplicitAny: Kubernetes objects are checked field by field.
  spec?: any;
  data?: Record<string, string>;
  stringData?: Record<string, string>;
  resources?: string[];
};

const DIR = join(REPO_ROOT, 'manifests');

function loadAll(): { file: string; doc: Doc }[] {
  const out: { file: string; doc: Doc }[] = [];
  for (const file of readdirSync(DIR).filter((f) => /\.ya?ml$/.test(f))) {
    for (const parsed of parseAllDocuments(readFileSync(join(DIR, file), 'utf8'))) {
      assert.equal(parsed.errors, [], `${file} does not parse`);
      out.push({ file, doc: parsed.toJS() as Doc });
    }
  }
  return out;
}

const docs = loadAll();
const one = (kind: string, name?: string): Doc => {
  const found = docs.filter((d) => d.doc.kind === kind && (!name || d.doc.metadata.name === name));
  assert.is(found.length, 1, `exactly one ${kind} ${name ?? ''}`);
  return found[0]!.doc;
};
const subset = (small: Record<string, string>, big: Record<string, string>) =>
  Object.entries(small).every(([k, v]) => big[k] === v);

const t = suite('Kubernetes manifests');

t('every YAML document parses and names its kind', () => {
  assert.ok(docs.length >= 8, `only ${docs.length} documents`);
  for (const { file, doc } of docs) {
    assert.ok(doc.apiVersion && doc.kind, `${file}: apiVersion and kind`);
    if (doc.kind !== 'Kustomization') assert.ok(doc.metadata?.name, `${file}: metadata.name`);
  }
});

t('the Deployment runs at least two non-root replicas with both probes', () => {
  const deploy = one('Deployment', 'burndown');
  assert.ok(deploy.spec.replicas >= 2);
  const pod = deploy.spec.template.spec;
  assert.ok(pod.securityContext.runAsNonRoot);
  const [container] = pod.containers;
  assert.is(container.livenessProbe.httpGet.path, '/healthz');
  assert.is(container.readinessProbe.httpGet.path, '/readyz');
  assert.ok(container.lifecycle.preStop, 'a preStop pause lets the Service drop the pod first');
  // main.ts gives itself 25 s to stop; Kubernetes must wait longer before SIGKILL.
  assert.ok(pod.terminationGracePeriodSeconds > 25);
});

t('container port, PORT, probes and Service targetPort agree', () => {
  const port = Number(one('ConfigMap', 'burndown-config').data!.PORT);
  const container = one('Deployment', 'burndown').spec.template.spec.containers[0];
  assert.is(container.ports[0].containerPort, port);
  for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
    assert.is(container[probe].httpGet.port, port, probe);
  }
  assert.is(one('Service', 'burndown').spec.ports[0].targetPort, port);
  const annotations = one('Deployment', 'burndown').spec.template.metadata.annotations;
  assert.is(Number(annotations['prometheus.io/port']), port);
});

t('selectors of the Service and the PodDisruptionBudget pick the bot pods', () => {
  const deploy = one('Deployment', 'burndown');
  const podLabels = deploy.spec.template.metadata.labels;
  assert.ok(subset(deploy.spec.selector.matchLabels, podLabels));
  const pdb = one('PodDisruptionBudget', 'burndown');
  assert.equal(pdb.spec.selector.matchLabels, deploy.spec.selector.matchLabels);
  assert.ok(pdb.spec.minAvailable >= 1 && pdb.spec.minAvailable < deploy.spec.replicas);
  assert.ok(subset(one('Service', 'burndown').spec.selector, podLabels));
  // The Redis pods must not be picked by the bot's Service.
  const redisLabels = one('StatefulSet', 'burndown-redis').spec.template.metadata.labels;
  assert.not.ok(subset(one('Service', 'burndown').spec.selector, redisLabels));
});

t('every environment name the manifests set is a key the config reads', () => {
  const names = [
    ...Object.keys(one('ConfigMap', 'burndown-config').data!),
    ...Object.keys(one('Secret', 'burndown-secrets').stringData!),
  ];
  for (const { doc } of docs) {
    for (const c of doc.spec?.template?.spec?.containers ?? []) {
      if (doc.metadata.name === 'burndown')
        names.push(...(c.env ?? []).map((e: { name: string }) => e.name));
    }
  }
  const unknown = names.filter((n) => !CONFIG_KEYS.includes(n));
  assert.equal(unknown, []);
  const refs = one('Deployment', 'burndown').spec.template.spec.containers[0].envFrom;
  assert.equal(
    refs.map((r: Record<string, { name: string }>) => Object.values(r)[0]!.name),
    ['burndown-config', 'burndown-secrets'],
  );
});

t('the Secret is a template with no real values and kustomize never applies it', () => {
  const secret = one('Secret', 'burndown-secrets');
  for (const [key, value] of Object.entries(secret.stringData!)) {
    assert.is(value, '', `${key} must be empty in the template`);
  }
  assert.not.ok(secret.data, 'no base64 data in the template');
  const kustomization = one('Kustomization');
  assert.not.ok(kustomization.resources!.some((r) => r.includes('secret')));
  for (const r of kustomization.resources!) assert.ok(existsSync(join(DIR, r)), r);
  for (const name of ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'GITHUB_WEBHOOK_SECRET']) {
    assert.ok(name in secret.stringData!, name);
    assert.not.ok(
      name in one('ConfigMap', 'burndown-config').data!,
      `${name} is not in the ConfigMap`,
    );
  }
});

t('Redis keeps an append-only file on a persistent volume', () => {
  const redis = one('StatefulSet', 'burndown-redis');
  const args: string[] = redis.spec.template.spec.containers[0].args;
  assert.is(args[args.indexOf('--appendonly') + 1], 'yes');
  const mount = redis.spec.template.spec.containers[0].volumeMounts[0];
  assert.is(mount.mountPath, args[args.indexOf('--dir') + 1]);
  assert.is(redis.spec.volumeClaimTemplates[0].metadata.name, mount.name);
  assert.is(one('Service', 'burndown-redis').spec.ports[0].port, 6379);
  assert.match(
    readFileSync(join(DIR, 'secret.example.yaml'), 'utf8'),
    'redis://burndown-redis:6379',
  );
});

t.run();
