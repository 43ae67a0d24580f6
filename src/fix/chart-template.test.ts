// Unrendered Helm templates: the apiVersion line is rewritten when it is the whole
// migration, and everything else is reported with the line to look at.
import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../knowledge/load.js';
import { resolveContext } from '../run-check.js';
import { fixTemplateText } from './chart-template.js';

const context = resolveContext({ target: '1.30' }, loadKnowledge());

describe('fixTemplateText', () => {
  it('rewrites a literal apiVersion line, keeping quotes, comments and CRLF', () => {
    const text = '{{- if .Values.rbac }}\r\napiVersion: "rbac.authorization.k8s.io/v1beta1" # old\r\nkind: Role\r\nmetadata:\r\n  name: {{ .Release.Name }}\r\n{{- end }}\r\n';
    const fixed = fixTemplateText(text, 'templates/role.yaml', context);
    expect(fixed.text).toBe(text.replace('rbac.authorization.k8s.io/v1beta1', 'rbac.authorization.k8s.io/v1'));
    expect(fixed.changes).toEqual([
      { path: 'templates/role.yaml', line: 2, kind: 'Role', from: 'rbac.authorization.k8s.io/v1beta1', to: 'rbac.authorization.k8s.io/v1', family: 'version-bumps', severity: 'error', notes: ['unrendered Helm template: only its apiVersion line changed'] },
    ]);
  });

  it('reports a template that needs field changes, and leaves it alone', () => {
    const text = 'apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  backend:\n    serviceName: {{ .Release.Name }}\n    servicePort: 80\n';
    const fixed = fixTemplateText(text, 'templates/ingress.yaml', context);
    expect(fixed.text).toBe(text);
    expect(fixed.manual).toEqual([
      {
        path: 'templates/ingress.yaml', line: 1, kind: 'Ingress', apiVersion: 'extensions/v1beta1', to: 'networking.k8s.io/v1', family: 'ingress', severity: 'error',
        reason: expect.stringMatching(/^moving this template to networking\.k8s\.io\/v1 needs field changes an unrendered template cannot be checked for \(.+\); edit it by hand$/),
      },
    ]);
  });

  it('reports a Deployment template whose selector it cannot see', () => {
    const text = 'apiVersion: apps/v1beta2\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  {{- include "selector" . | nindent 2 }}\n  template: {}\n';
    const fixed = fixTemplateText(text, 'templates/deployment.yaml', context);
    expect([fixed.text, fixed.changes.length, fixed.manual.map((item) => item.line)]).toEqual([text, 0, [1]]);
  });
});
