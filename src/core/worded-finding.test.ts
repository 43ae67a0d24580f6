import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { Finding } from './types.js';
import { isWorded, wordedFinding } from './worded-finding.js';

const resource = { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'web' };
const origin = { type: 'file' as const, path: 'shop/web.yaml', line: 2, column: 1 };
const wordReplicas = (finding: Finding) => `${finding.resource!.kind} ${finding.resource!.name} runs ${finding.details!.replicas} replicas`;

function worded(): Finding {
  return wordedFinding({ id: 'zone-spread-missing', severity: 'warning', resource, origin, details: { replicas: 3 } }, wordReplicas);
}

const plain: Finding = { id: 'zone-spread-missing', severity: 'warning', message: 'Deployment web runs 3 replicas', resource, origin, details: { replicas: 3 } };

describe('wordedFinding', () => {
  it('reads, prints and copies like a finding whose message is text, the message third', () => {
    const finding = worded();
    expect(finding.message).toBe('Deployment web runs 3 replicas');
    expect(Object.keys(finding)).toEqual(['id', 'severity', 'message', 'resource', 'origin', 'details']);
    expect(JSON.stringify(finding)).toBe(JSON.stringify(plain));
    expect(stringify(finding)).toBe(stringify(plain));
    expect(finding).toStrictEqual(plain);
    expect(Object.getPrototypeOf(finding)).toBe(Object.prototype);
    const copy = { ...finding };
    expect(Object.getOwnPropertyDescriptor(copy, 'message')).toEqual({ value: 'Deployment web runs 3 replicas', writable: true, enumerable: true, configurable: true });
    expect(isWorded(copy)).toBe(false);
    expect(structuredClone(finding)).toEqual(plain);
  });

  it('words the message from the finding each time it is read, keeping no text', () => {
    const finding = worded();
    expect(isWorded(finding)).toBe(true);
    expect(Object.getOwnPropertyDescriptor(finding, 'message')?.get).toBeTypeOf('function');
    finding.details!.replicas = 5;
    expect(finding.message).toBe('Deployment web runs 5 replicas');
  });

  it('takes a message set on it as plain text', () => {
    const finding = worded();
    finding.message = 'redacted';
    expect(finding.message).toBe('redacted');
    expect(Object.keys(finding)).toEqual(['id', 'severity', 'message', 'resource', 'origin', 'details']);
    expect(JSON.stringify(finding)).toBe(JSON.stringify({ ...plain, message: 'redacted' }));
  });

  it('leaves out the fields it is not given, and keeps environments before details', () => {
    const bare = wordedFinding({ id: 'support-ended', severity: 'error' }, (finding) => `${finding.id} everywhere`);
    expect(JSON.stringify(bare)).toBe('{"id":"support-ended","severity":"error","message":"support-ended everywhere"}');
    const merged = wordedFinding({ id: 'pdb-missing', severity: 'warning', resource, environments: ['dev', 'prod'], details: { replicas: 2 } }, wordReplicas);
    expect(Object.keys(merged)).toEqual(['id', 'severity', 'message', 'resource', 'environments', 'details']);
  });
});
