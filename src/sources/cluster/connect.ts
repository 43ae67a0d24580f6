// Opens a connection to a live API server: kubeconfig (--kubeconfig, KUBECONFIG with several
// files, --context) or the pod's service account, through @kubernetes/client-node's config and
// auth (tokens, client certificates, exec plugins such as `aws eks get-token`).
import { existsSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { UsageError } from '../../core/errors.js';

export interface ConnectOptions {
  kubeconfig?: string;
  context?: string;
  /** Use the pod's service account even when a kubeconfig exists. */
  inCluster?: boolean;
  /** Per-request timeout. */
  timeoutMs?: number;
  env?: NodeJS.ProcessEnv;
}

/** What the API server refused or failed to do; the CLI prints the message and exits 1. */
export class ClusterAccessError extends UsageError {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

export interface Connection {
  /** The kubeconfig context, or "in-cluster". */
  context: string;
  server: string;
  /**
   * GET a path and return its body. `action` names the request for messages ("list pods").
   * Non-2xx answers throw ClusterAccessError with the status.
   */
  get(path: string, action: string, accept?: string): Promise<string>;
}

const SERVICE_ACCOUNT_TOKEN = '/var/run/secrets/kubernetes.io/serviceaccount/token';

export async function connect(options: ConnectOptions): Promise<Connection> {
  const { config, context } = loadConfig(options);
  const cluster = config.getCurrentCluster();
  if (!cluster) throw new UsageError(`kubeconfig context "${context}" names no cluster; fix the context's cluster entry`);
  // A plain http:// server (kubectl proxy) has no TLS to verify, yet the client library refuses
  // one unless verification is skipped; kubectl does not, so neither do we.
  if (cluster.server.startsWith('http:') && !cluster.skipTLSVerify) {
    config.clusters = config.clusters.map((entry) => (entry === cluster ? { ...entry, skipTLSVerify: true } : entry));
  }
  const request: https.RequestOptions = {};
  try {
    await config.applyToHTTPSOptions(request);
  } catch (error) {
    throw new ClusterAccessError(`context "${context}": cannot prepare credentials: ${(error as Error).message}; check the user entry of the kubeconfig (exec plugin, token or certificate files)`);
  }
  const base = cluster.server.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 30_000;
  return {
    context,
    server: base,
    get: (path, action, accept = 'application/json') => get(base + path, request, { context, action, accept, timeoutMs }),
  };
}

function loadConfig(options: ConnectOptions): { config: KubeConfig; context: string } {
  const env = options.env ?? process.env;
  const config = new KubeConfig();
  const source = options.kubeconfig ?? env.KUBECONFIG;
  const defaultFile = join(homedir(), '.kube', 'config');
  try {
    if (options.inCluster || (!source && !existsSync(defaultFile))) {
      if (!existsSync(SERVICE_ACCOUNT_TOKEN) || !env.KUBERNETES_SERVICE_HOST) {
        throw new UsageError(
          options.inCluster
            ? `--in-cluster: no service account here (${SERVICE_ACCOUNT_TOKEN} or KUBERNETES_SERVICE_HOST is missing); run inside a pod, or use --kubeconfig`
            : `no kubeconfig: ${defaultFile} does not exist and KUBECONFIG is not set; pass --kubeconfig FILE, set KUBECONFIG, or run inside a pod`,
        );
      }
      config.loadFromCluster();
      return { config, context: 'in-cluster' };
    }
    if (options.kubeconfig) {
      if (!existsSync(options.kubeconfig)) throw new UsageError(`--kubeconfig ${options.kubeconfig} does not exist; give the path of a kubeconfig file`);
      config.loadFromFile(options.kubeconfig);
    } else {
      for (const file of (env.KUBECONFIG ?? '').split(':').filter(Boolean)) {
        if (!existsSync(file)) throw new UsageError(`KUBECONFIG names ${file}, which does not exist; fix KUBECONFIG or pass --kubeconfig`);
      }
      config.loadFromDefault();
    }
  } catch (error) {
    if (error instanceof UsageError) throw error;
    // The library dereferences the document without checking it: an empty file or a YAML list fails as a TypeError.
    if (error instanceof TypeError) throw new UsageError(`kubeconfig ${source ?? defaultFile} is not a kubeconfig (expected a YAML mapping with clusters, contexts and users); fix the file or pass another with --kubeconfig`);
    throw new UsageError(`kubeconfig ${source ?? defaultFile} cannot be read: ${(error as Error).message}; fix the file or pass another with --kubeconfig`);
  }
  if (options.context) {
    if (!config.getContextObject(options.context)) {
      const known = config.getContexts().map((context) => context.name).join(', ') || 'none';
      throw new UsageError(`--context ${options.context} is not in the kubeconfig ${source ?? defaultFile}; its contexts: ${known}`);
    }
    config.setCurrentContext(options.context);
  }
  const context = config.getCurrentContext();
  if (!context) throw new UsageError(`kubeconfig ${source ?? defaultFile} has no current-context; pass --context NAME`);
  return { config, context };
}

interface RequestLabel {
  context: string;
  action: string;
  accept: string;
  timeoutMs: number;
}

function get(url: string, prepared: https.RequestOptions, label: RequestLabel): Promise<string> {
  const { context, action } = label;
  return new Promise((resolve, reject) => {
    const transport = url.startsWith('https:') ? https : http;
    const headers = { ...(prepared.headers as Record<string, string> | undefined), Accept: label.accept, 'Accept-Encoding': 'identity' };
    const request = transport.get(url, { agent: prepared.agent, auth: prepared.auth, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', (error) => reject(unreachable(context, action, url, error)));
      response.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const status = response.statusCode ?? 0;
        if (status >= 200 && status < 300) resolve(body);
        else reject(refused(context, action, status, body));
      });
    });
    request.setTimeout(label.timeoutMs, () => {
      request.destroy(new ClusterAccessError(`context "${context}": ${action} timed out after ${label.timeoutMs / 1000} s; the API server at ${new URL(url).origin} is slow or unreachable (raise --request-timeout, or check the network)`));
    });
    request.on('error', (error) => reject(error instanceof ClusterAccessError ? error : unreachable(context, action, url, error)));
  });
}

function unreachable(context: string, action: string, url: string, error: Error): ClusterAccessError {
  const code = (error as NodeJS.ErrnoException).code;
  return new ClusterAccessError(
    `context "${context}": cannot reach the API server at ${new URL(url).origin} to ${action} (${code ?? error.message}); check that the cluster is up and the kubeconfig server address is right`,
  );
}

function refused(context: string, action: string, status: number, body: string): ClusterAccessError {
  const reason = statusMessage(body);
  if (status === 401) {
    return new ClusterAccessError(`context "${context}": the API server rejected the credentials (401 Unauthorized) to ${action}; they are missing or expired: log in again (on EKS: aws eks update-kubeconfig, or refresh the AWS session)`, status);
  }
  if (status === 403) {
    return new ClusterAccessError(`context "${context}": not allowed to ${action} (403 Forbidden${reason ? `: ${reason}` : ''}); grant it with the ClusterRole in deploy/cluster-role.yaml`, status);
  }
  return new ClusterAccessError(`context "${context}": ${action} failed with HTTP ${status}${reason ? `: ${reason}` : ''}`, status);
}

/** The `message` of a Kubernetes Status body, if it is one. */
function statusMessage(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as { message?: unknown };
    return typeof parsed.message === 'string' ? parsed.message : undefined;
  } catch {
    // Not a Kubernetes Status: likely an HTML error page of a proxy or of a server that is not an
    // API server; one line of it, so the message stays one line.
    return body.replace(/\s+/g, ' ').trim().slice(0, 200) || undefined;
  }
}
