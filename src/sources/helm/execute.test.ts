import { describe, expect, it } from 'vitest';
import { execute, type TemplateSet } from './execute.js';
import { FUNCTIONS, LAZY_FUNCTIONS } from './functions/index.js';
import { Output } from './output.js';
import { parseTemplate, type Node } from './parser.js';
import { TemplateError } from './template-error.js';

function render(source: string, data: unknown = {}): string {
  const isFunction = (name: string) => FUNCTIONS.has(name) || LAZY_FUNCTIONS.has(name);
  const parsed = parseTemplate(source, 't.yaml', isFunction);
  const templates = new Map<string, { body: Node[]; file: string }>(parsed.defines);
  const set: TemplateSet = {
    templates,
    functions: FUNCTIONS,
    parse(text, file) {
      const extra = parseTemplate(text, file, isFunction);
      for (const [name, define] of extra.defines) templates.set(name, define);
      return extra.body;
    },
  };
  const output = new Output(false);
  execute(set, parsed.body, 't.yaml', data, output);
  // As helm does with a template's final text.
  return output.toString().replaceAll('<no value>', '');
}

function failure(source: string, data: unknown = {}): string {
  try {
    render(source, data);
  } catch (error) {
    if (error instanceof TemplateError) return error.message;
    throw error;
  }
  throw new Error('rendered without an error');
}

describe('Go text/template semantics', () => {
  it.each([
    ['a {{- " b " -}} c', {}, 'a b c'],
    ['x\n  {{- /* comment */}}\ny', {}, 'x\ny'],
    ['{{ .a.b }}|{{ .missing }}|{{ $.a.b }}', { a: { b: 7 } }, '7||7'],
    ['{{ if .on }}yes{{ else if .other }}other{{ else }}no{{ end }}', { other: 1 }, 'other'],
    ['{{ with .a }}{{ .b }}{{ else }}none{{ end }}', { a: null }, 'none'],
    ['{{ range $i, $v := .l }}{{ $i }}={{ $v }};{{ else }}empty{{ end }}', { l: ['x', 'y'] }, '0=x;1=y;'],
    ['{{ range $k, $v := .m }}{{ $k }}:{{ $v }} {{ end }}', { m: { b: 2, a: 1 } }, 'a:1 b:2 '],
    ['{{ range .l }}{{ if eq . "2" }}{{ continue }}{{ end }}{{ if eq . "4" }}{{ break }}{{ end }}{{ . }}{{ end }}', { l: ['1', '2', '3', '4', '5'] }, '13'],
    ['{{ range 3 }}{{ . }}{{ end }}', {}, '012'],
    ['{{ $x := 1 }}{{ if true }}{{ $x = 2 }}{{ end }}{{ $x }}', {}, '2'],
    ['{{ and .a .a.b }}|{{ or .none "fallback" }}|{{ not 0 }}', { a: null }, '|fallback|true'],
    ['{{ eq .v "a" "b" }} {{ ne 1 2 }} {{ lt 1 2 }} {{ ge "b" "a" }} {{ len .l }} {{ index .m "k" 1 }}', { v: 'b', l: [1, 2], m: { k: ['p', 'q'] } }, 'true true true true 2 q'],
    ['{{ printf "%s-%d-%05.1f-%q-%v-%t" "a" 3 2.44 "x" .l true }}', { l: [1, 'b'] }, 'a-3-002.4-"x"-[1 b]-true'],
    ['{{ print 1 2 "a" "b" 3 }}', {}, '1 2ab3'],
    ['{{ define "n" }}<{{ . }}>{{ end }}{{ template "n" "x" }}{{ include "n" 5 | upper }}', {}, '<x><5>'],
    ['{{ tpl "{{ .name }}!" . }}', { name: 'web' }, 'web!'],
    ['{{ (list 1 2) | len }} {{ (dict "a" 1).a }}', {}, '2 1'],
    // Numbers from values are float64 in helm, the template's own are ints.
    ['{{ .n }} {{ .big }} {{ printf "%d|%v|%d" .n .n 3 }} {{ int .n | printf "%d" }} {{ 1.0 }} {{ 1e3 }}', { n: 3, big: 1_000_000 }, '3 1e+06 %!d(float64=3)|3|3 3 1 1000'],
    // A nil held by a variable or a parenthesized pipeline has no fields and gives nil.
    ['{{ ((.r).limits).cpu | default "none" }}|{{ $m := .missing }}{{ $m.a.b }}|{{ hasKey (.missing) "a" }}', {}, 'none||false'],
    ['{{ printf "%s %v" nil .missing }}|{{ .missing }}|{{ print .missing }}', {}, '%!s(<nil>) <nil>||<nil>'],
    ['{{ default "d" "" "ignored" }} {{ typeOf .n }} {{ typeOf 3 }} {{ kindIs "map" . }}', { n: 1 }, 'd float64 int true'],
  ])('%j renders', (source, data, expected) => {
    expect(render(source, data)).toBe(expected);
  });
});

describe('Sprig and Helm functions', () => {
  it.each([
    ['{{ .missing | default "d" }} {{ "" | default "e" }} {{ "set" | default "f" }}', 'd e set'],
    ['{{ quote "a\\"b" }} {{ squote "c" }} {{ quote .missing }}|', '"a\\"b" \'c\' |'],
    ['{{ "  x  " | trim }}{{ "Hello" | upper }}{{ "ABC" | lower }}', 'xHELLOabc'],
    ['{{ "abcdef" | trunc 3 }} {{ "name-" | trimSuffix "-" }} {{ "a+b" | replace "+" "_" }}', 'abc name a_b'],
    ['{{ contains "ell" "hello" }} {{ hasPrefix "he" "hello" }} {{ "a" | hasKey (dict "a" 1) }}', 'true true true'],
    ['{{ toYaml (dict "b" (list 1 2) "a" "x") }}', 'a: x\nb:\n- 1\n- 2'],
    ['x:{{ toYaml (dict "k" "v") | nindent 2 }}', 'x:\n  k: v'],
    ['{{ "a\\nb" | indent 2 }}', '  a\n  b'],
    ['{{ toJson (dict "b" "<x>" "a" 1) }}', '{"a":1,"b":"\\u003cx\\u003e"}'],
    ['{{ (fromYaml "a: [1]").a }}', '[1]'],
    ['{{ $v := fromYaml "a:\\n  b: [1, x]\\n  c: on\\nd: 1.5" }}{{ $v.a.b }} {{ $v.a.c }} {{ $v.d }} {{ typeOf (index $v.a.b 0) }}', '[1 x] true 1.5 float64'],
    ['{{ semverCompare ">=1.19-0" "v1.33.0" }} {{ semverCompare "<1.19" "v1.18.0" }} {{ semverCompare "^1.2, <1.5" "1.4.0" }}', 'true true true'],
    ['{{ coalesce "" .none "c" }} {{ ternary "y" "n" false }} {{ empty (list) }} {{ "hi" | b64enc }} {{ int "42" }} {{ toString 3 }}', 'c n true aGk= 42 3'],
    ['{{ $d := dict "a" (dict "x" 1) }}{{ $_ := merge $d (dict "a" (dict "x" 2 "y" 3) "b" 4) }}{{ $d }}', 'map[a:map[x:1 y:3] b:4]'],
    ['{{ lookup "v1" "Secret" "ns" "name" | len }}', '0'],
  ])('%j renders', (source, expected) => {
    expect(render(source)).toBe(expected);
  });

  it('includes the same helper again after the data it reads has changed', () => {
    const source = [
      '{{- define "n" }}{{ .a }}{{ end -}}',
      '{{ include "n" . }}{{ include "n" . }}',
      '{{- $_ := set . "a" 2 }}{{ include "n" . }}',
      '{{- $_ := merge .inner (dict "a" 3) }}{{ include "n" .inner }}{{ $_ := unset .inner "a" }}{{ include "n" .inner }}',
      '{{- tpl `{{ define "n" }}x{{ end }}` . }}{{ include "n" . }}',
    ].join('');
    expect(render(source, { a: 1, inner: {} })).toBe('1123x');
  });
});

describe('errors say where and why', () => {
  it.each([
    ['line1\n{{ if .a }}\nnever closed', 't.yaml:2:1: unexpected EOF: an {{ if }}, {{ range }}, {{ with }} or {{ define }} has no {{ end }}'],
    ['{{ end }}', 't.yaml:1:1: unexpected {{ end }}'],
    ['{{ .a | quoet }}', 't.yaml:1:9: function "quoet" not defined'],
    ['a\n  b: {{ .x', 't.yaml:2:6: unclosed action: "{{" without a matching "}}"'],
    ['{{ required "image.tag is required" .image.tag }}', 't.yaml:1:4: nil pointer evaluating interface {}.tag'],
    ['{{ required "image.tag is required" .tag }}', 't.yaml:1:4: error calling required: image.tag is required'],
    ['{{ fail "unsupported" }}', 't.yaml:1:4: error calling fail: unsupported'],
    ['{{ include "nope" . }}', 't.yaml:0:0: no template "nope" associated with the chart'],
    ['{{ eq "a" 1 }}', 't.yaml:1:4: error calling eq: incompatible types for comparison'],
    ['{{ eq .n 1 }}', 't.yaml:1:4: error calling eq: incompatible types for comparison'],
    ['a {{ /* not a comment: it must open right after the delimiter */ }}', 't.yaml:1:6: unexpected "/" in command'],
    ['a {{/* c */ }}', 't.yaml:1:3: comment ends before closing delimiter'],
    // Any exception inside a function fails the template where it is called, as a Go panic does.
    ['{{ urlParse "http://x/%zz" }}', 't.yaml:1:4: error calling urlParse: URI malformed'],
    ['{{ if false }}{{ nosuchfunction }}{{ end }}', 't.yaml:1:18: function "nosuchfunction" not defined'],
    ['{{ .s.field }}', 't.yaml:1:4: can\'t evaluate field field in type string'],
    ['{{ upper 5 }}', 't.yaml:1:4: error calling upper: wrong type for value; expected string; got int'],
  ])('%j', (source, message) => {
    expect(failure(source, { s: 'text', n: 1 })).toBe(message);
  });
});
