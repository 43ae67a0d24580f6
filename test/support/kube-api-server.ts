// A Kubernetes API server for tests, over HTTP on 127.0.0.1: discovery (/api, /apis), list
// with limit/continue, get, /version and /metrics, serving objects converted to whichever
// version they are read with — as a real server does — plus the failures clients must survive:
// 401, 403 on one resource, 410 Gone on a stale continue token, slow answers.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ServedType {
  group: string;
  /** Versions serving it, preferred first. */
  versions: string[];
  resource: string;
  kind: string;
  namespaced: boolean;
}

export interface KubeApiServerOptions {
  gitVersion: string;
  types: ServedType[];
  /** Stored objects; their apiVersion is ignored: they are converted to the version read. */
  objects: Record<string, unknown>[];
  metrics?: string;
  /** Bearer token every request must carry (401 otherwise). */
  token?: string;
  /** Resources ("secrets", "/metrics") answered with 403. */
  forbidden?: string[];
  /** Resources whose first continue token has expired (410 Gone). */
  expireFirstContinue?: string[];
  /** Most items per page whatever the client's limit, to force pagination. */
  maxPage?: number;
  /** Milliseconds to wait before answering requests whose path contains the key. */
  delays?: Record<string, number>;
}

export interface KubeApiServer {
  url: string;
  /** Request paths with their query, in arrival order. */
  requests: string[];
  /** A kubeconfig file in a fresh temp dir with one context per entry (name → token). */
  writeKubeconfig(contexts: Record<string, string | undefined>): string;
  close(): Promise<void>;
}

export async function startKubeApiServer(options: KubeApiServerOptions): Promise<KubeApiServer> {
  const requests: string[] = [];
  const expired = new Set(options.expireFirstContinue ?? []);
  const byKind = new Map<string, Record<string, unknown>[]>();
  for (const object of options.objects) {
    const kind = String(object.kind);
    byKind.set(kind, [...(byKind.get(kind) ?? []), object]);
  }
  const server = createServer((request, response) => {
    requests.push(request.url ?? '');
    const delay = Object.entries(options.delays ?? {}).find(([key]) => (request.url ?? '').includes(key))?.[1] ?? 0;
    const answer = () => handle(request, response, options, byKind, expired);
    if (delay > 0) setTimeout(answer, delay);
    else answer();
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    requests,
    writeKubeconfig(contexts) {
      const names = Object.keys(contexts);
      const file = join(mkdtempSync(join(tmpdir(), 'upshift-kubeconfig-')), 'config');
      const lines = [
        'apiVersion: v1',
        'kind: Config',
        `current-context: ${names[0]}`,
        'clusters:',
        '- name: test',
        '  cluster:',
        `    server: ${url}`,
        '    insecure-skip-tls-verify: true',
        'contexts:',
        ...names.flatMap((name) => [`- name: ${name}`, '  context:', '    cluster: test', `    user: ${name}`]),
        'users:',
        ...names.flatMap((name) => [`- name: ${name}`, '  user:', ...(contexts[name] ? [`    token: ${contexts[name]}`] : ['    {}'])]),
      ];
      writeFileSync(file, `${lines.join('\n')}\n`);
      return file;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function handle(
  request: IncomingMessage,
  response: ServerResponse,
  options: KubeApiServerOptions,
  byKind: Map<string, Record<string, unknown>[]>,
  expired: Set<string>,
): void {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  const path = url.pathname.replace(/\/+$/, '');
  if (options.token && request.headers.authorization !== `Bearer ${options.token}`) return status(response, 401, 'Unauthorized', 'Unauthorized');
  if (path === '/version') return json(response, { major: '1', minor: options.gitVersion.split('.')[1], gitVersion: options.gitVersion });
  if (path === '/metrics') {
    if (options.forbidden?.includes('/metrics')) return status(response, 403, 'Forbidden', 'forbidden: User "test" cannot get path "/metrics"');
    response.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4' });
    return void response.end(options.metrics ?? '');
  }
  if (path === '/api') return json(response, { kind: 'APIVersions', versions: ['v1'] });
  if (path === '/apis') return json(response, { kind: 'APIGroupList', apiVersion: 'v1', groups: groupList(options.types) });
  const match = /^\/(?:api|apis\/([^/]+))\/([^/]+)(?:\/namespaces\/([^/]+))?(?:\/([^/]+)(?:\/([^/]+))?)?$/.exec(path);
  if (!match) return status(response, 404, 'NotFound', `the server could not find the requested resource (${path})`);
  const [, group = '', version, namespace, resource, name] = match;
  const apiVersion = group ? `${group}/${version}` : version;
  const served = options.types.filter((type) => type.group === group && type.versions.includes(version));
  if (served.length === 0) return status(response, 404, 'NotFound', `the server could not find the requested resource (${path})`);
  if (!resource) {
    const resources = served.map((type) => ({ name: type.resource, singularName: '', namespaced: type.namespaced, kind: type.kind, verbs: ['get', 'list', 'watch'] }));
    return json(response, { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: apiVersion, resources });
  }
  const type = served.find((candidate) => candidate.resource === resource);
  if (!type) return status(response, 404, 'NotFound', `the server could not find the requested resource (${path})`);
  if (options.forbidden?.includes(resource)) {
    return status(response, 403, 'Forbidden', `${resource} is forbidden: User "test" cannot list resource "${resource}" in API group "${group}" at the cluster scope`);
  }
  const visible = (byKind.get(type.kind) ?? []).filter((object) => !namespace || (object.metadata as { namespace?: string }).namespace === namespace);
  if (name) {
    const found = visible.find((object) => (object.metadata as { name?: string }).name === name);
    return found ? json(response, { ...found, apiVersion, kind: type.kind }) : status(response, 404, 'NotFound', `${resource} "${name}" not found`);
  }
  const selected = visible.filter((object) => matches(object, url.searchParams.get('labelSelector'), url.searchParams.get('fieldSelector')));
  const token = url.searchParams.get('continue');
  if (token && expired.delete(resource)) {
    return status(response, 410, 'Expired', 'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.');
  }
  const start = token ? Number(Buffer.from(token, 'base64').toString()) : 0;
  const limit = Math.min(Number(url.searchParams.get('limit') ?? selected.length) || selected.length, options.maxPage ?? Infinity);
  const page = selected.slice(start, start + limit);
  const next = start + page.length < selected.length ? Buffer.from(String(start + page.length)).toString('base64') : undefined;
  // Like a real server, list items carry no apiVersion/kind: the list's are theirs.
  const items = page.map(({ apiVersion: _apiVersion, kind: _kind, ...rest }) => rest);
  json(response, { kind: `${type.kind}List`, apiVersion, metadata: { resourceVersion: '1000', ...(next ? { continue: next } : {}) }, items });
}

function groupList(types: ServedType[]): unknown[] {
  const groups = new Map<string, string[]>();
  for (const type of types) {
    if (!type.group) continue;
    const versions = groups.get(type.group) ?? [];
    for (const version of type.versions) if (!versions.includes(version)) versions.push(version);
    groups.set(type.group, versions);
  }
  return [...groups].map(([name, versions]) => ({
    name,
    versions: versions.map((version) => ({ groupVersion: `${name}/${version}`, version })),
    preferredVersion: { groupVersion: `${name}/${versions[0]}`, version: versions[0] },
  }));
}

function matches(object: Record<string, unknown>, labelSelector: string | null, fieldSelector: string | null): boolean {
  const labels = ((object.metadata as { labels?: Record<string, string> }).labels ?? {}) as Record<string, string>;
  for (const term of (labelSelector ?? '').split(',').filter(Boolean)) {
    const [key, value] = term.split('=');
    if (labels[key] !== value) return false;
  }
  for (const term of (fieldSelector ?? '').split(',').filter(Boolean)) {
    const [key, value] = term.split('=');
    if (key === 'type' && object.type !== value) return false;
  }
  return true;
}

function json(response: ServerResponse, body: unknown): void {
  response.writeHead(200, { 'Content-Type': 'application/json' });
  response.end(JSON.stringify(body));
}

function status(response: ServerResponse, code: number, reason: string, message: string): void {
  response.writeHead(code, { 'Content-Type': 'application/json' });
  response.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code }));
}
